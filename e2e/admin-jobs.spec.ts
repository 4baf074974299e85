import { expect, test, type Page } from '@playwright/test';

const snap = async (page: Page, name: string) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-${name}.png`, fullPage: true });
};

test('the merchant finds Background jobs: failed jobs (or none), retries and the event catalogue', async ({ page }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/admin')}`);
  await page.getByLabel('Email', { exact: true }).fill('merchant@example.com');
  await page.getByLabel('Password', { exact: true }).fill('merchant-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Background jobs' }).click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  await expect(page.getByRole('heading', { name: 'Background jobs', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Failed jobs/ })).toBeVisible();
  // A fresh demo shop has no failed jobs; if one did fail, it is listed instead.
  await expect(page.getByTestId('no-failed-jobs').or(page.getByTestId('dead-job').first())).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Being retried' })).toBeVisible();
  const catalogue = page.getByRole('heading', { name: 'Event catalogue' });
  await expect(catalogue).toBeVisible();
  await expect(page.getByText('inventory.low', { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(page.getByText('payment.flagged', { exact: true }).filter({ visible: true })).toBeVisible();
  await snap(page, 'admin-jobs');
});

test('a shopper gets no Background jobs page', async ({ page }) => {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/')}`);
  await page.getByLabel('Email', { exact: true }).fill('shopper@example.com');
  await page.getByLabel('Password', { exact: true }).fill('shopper-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  expect((await page.request.get('/admin/jobs', { maxRedirects: 0 })).status()).toBe(403);
});
