/** Helpers for journeys with more than one person: a second browser like the test's own, and signing in. */
import { test, type Browser, type BrowserContext, type Page } from '@playwright/test';

/** A context like the test's own (same device), for a second person at the same time. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const { baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = test.info().project.use;
  return browser.newContext({ baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch });
}

export async function signIn(page: Page, email: string, password: string, callbackUrl: string): Promise<void> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
