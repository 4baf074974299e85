/**
 * Issue 16, items 2 and 5, against the built app under `next start`: what only
 * the real server shows.
 * - Auth.js's own `POST /api/auth/callback/credentials` is limited like the
 *   shop's sign-in form: 429 before the right password works, whatever
 *   X-Forwarded-For says.
 * - Limits key on the real socket address: requests are sent from different
 *   loopback addresses (127.0.0.x, all of them this machine); X-Forwarded-For
 *   counts only from the trusted proxy the config names (127.0.0.9).
 * - Sign-out, a password change and "sign out everywhere" end sessions on the
 *   server: a session cookie captured before opens nothing after.
 */
import http from 'node:http';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { newContext, signIn } from './people';

const project = () => test.info().project.name;
const base = () => new URL(test.info().project.use.baseURL!);
const PASSWORD = 'e2e-sign-in-passphrase';
const NEW_PASSWORD = 'e2e-changed-passphrase';
/** Set in playwright.config.ts (STOCKWISE_TRUSTED_PROXIES): the one address whose X-Forwarded-For counts. */
const TRUSTED_PROXY = '127.0.0.9';
/** Loopback addresses of this test's own, different for each project (and not 127.0.0.1, which other specs use). */
const peer = (slot: number) => `127.0.0.${(project() === 'desktop' ? 10 : 40) + slot}`;
const uniqueEmail = (label: string) => `e2e-${label}-${Date.now()}-${project()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
const randomIp = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
const SESSION_COOKIE = 'authjs.session-token';

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One HTTP request from the given local address (Playwright's request context cannot choose it). */
function from(localAddress: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: base().hostname, port: base().port, method, path, localAddress, agent: false, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function signUp(request: APIRequestContext, email: string): Promise<void> {
  const created = await request.post('/api/v1/users', { data: { email, password: PASSWORD } });
  expect(created.status(), await created.text()).toBe(201);
}

/** Auth.js's CSRF token and the cookie it belongs to. */
async function csrf(request: APIRequestContext): Promise<{ token: string; cookie: string }> {
  const response = await request.get('/api/auth/csrf');
  const setCookie = response.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('csrf-token='))!.value;
  return { token: (await response.json()).csrfToken, cookie: setCookie.split(';')[0]! };
}

function callback(address: string, token: { token: string; cookie: string }, email: string, password: string, extra: Record<string, string> = {}): Promise<Raw> {
  const body = new URLSearchParams({ csrfToken: token.token, email, password, callbackUrl: '/' }).toString();
  return from(address, 'POST', '/api/auth/callback/credentials', { 'content-type': 'application/x-www-form-urlencoded', cookie: token.cookie, ...extra }, body);
}

const sessionCookieIn = (raw: Raw) => (raw.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`));

async function sessionCookie(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'signed in').toBeTruthy();
  return cookie!.value;
}

/** What an old session cookie opens now: the account page, or a redirect to sign in. */
async function accountWith(request: APIRequestContext, cookie: string): Promise<'account' | 'sign-in'> {
  const response = await request.get('/account', { headers: { cookie: `${SESSION_COOKIE}=${cookie}` }, maxRedirects: 0 });
  if (response.status() >= 300 && response.status() < 400) {
    expect(response.headers().location).toContain('/sign-in');
    return 'sign-in';
  }
  expect(response.status()).toBe(200);
  return 'account';
}

async function signedInPage(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, email, password, '/account');
  await expect(page.getByTestId('account-email')).toHaveText(email);
  return page;
}

test("Auth.js's credentials callback: 25 wrong passwords → 429 before the right one works, whatever X-Forwarded-For says", async ({ request }) => {
  const email = uniqueEmail('callback');
  await signUp(request, email);
  const token = await csrf(request);
  const statuses: number[] = [];
  for (let attempt = 0; attempt < 25; attempt++) {
    const answer = await callback(peer(1), token, email, `wrong-${attempt}-password`, { 'x-forwarded-for': randomIp() });
    statuses.push(answer.status);
    expect(sessionCookieIn(answer)).toBeUndefined();
    if (answer.status === 429) expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(302));
  expect(statuses.slice(10)).toEqual(Array(15).fill(429));
  const right = await callback(peer(1), token, email, PASSWORD, { 'x-forwarded-for': randomIp() });
  expect(right.status).toBe(429);
  expect(sessionCookieIn(right)).toBeUndefined();
  // The same email from another machine is still refused: the limit is per email too.
  const elsewhere = await callback(peer(2), token, email, PASSWORD);
  expect(elsewhere.status).toBe(429);
});

test('sign-in limits count the real socket address; X-Forwarded-For only from the trusted proxy', async () => {
  const attempt = (address: string, headers: Record<string, string> = {}) =>
    from(address, 'POST', '/api/v1/auth/token', { 'content-type': 'application/json', ...headers }, JSON.stringify({ email: uniqueEmail('spray'), password: 'wrong-password-1' }));
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) statuses.push((await attempt(peer(3), { 'x-forwarded-for': randomIp(), authorization: `Bearer sw_live_${Math.random().toString(36).slice(2)}` })).status);
  expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
  expect(statuses[30]).toBe(429);
  // The header the server stamps with the socket's address cannot be sent by a client (any spelling).
  expect((await attempt(peer(3), { 'x-stockwise-peer': '198.51.100.77', 'X-Real-IP': '198.51.100.78' })).status).toBe(429);
  // Another machine is not held back (before, every client without a proxy shared one bucket).
  expect((await attempt(peer(4))).status).toBe(401);
  // Through the trusted proxy, X-Forwarded-For names the client: the same one, still limited; another, free.
  expect((await attempt(TRUSTED_PROXY, { 'x-forwarded-for': `${randomIp()}, ${peer(3)}` })).status).toBe(429);
  expect((await attempt(TRUSTED_PROXY, { 'x-forwarded-for': peer(5) })).status).toBe(401);
});

test('the API limit counts the real socket address, whatever X-Forwarded-For and Authorization say', async () => {
  const path = '/api/v1/items/not-an-item';
  const junk = (i: number) => ({
    'x-forwarded-for': randomIp(),
    'X-Stockwise-Peer': randomIp(),
    ...(i % 2 ? { authorization: `Bearer sw_live_${Math.random().toString(36).slice(2)}` } : {}),
  });
  let firstLimited = -1;
  for (let i = 0; i < 301 && firstLimited < 0; i++) {
    if ((await from(peer(6), 'GET', path, junk(i))).status === 429) firstLimited = i;
  }
  expect(firstLimited).toBe(300);
  expect((await from(peer(6), 'GET', path, { 'x-forwarded-for': randomIp() })).status).toBe(429);
  expect((await from(peer(7), 'GET', path)).status).not.toBe(429);
});

test('after sign-out, a session cookie captured before opens nothing', async ({ browser, request }) => {
  const email = uniqueEmail('signout');
  await signUp(request, email);
  const page = await signedInPage(browser, email);
  const captured = await sessionCookie(page);
  expect(await accountWith(request, captured)).toBe('account');
  await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await accountWith(request, captured)).toBe('sign-in');
  const session = await request.get('/api/session', { headers: { cookie: `${SESSION_COOKIE}=${captured}` } });
  expect((await session.json()).user).toBeNull();
  await page.context().close();
});

test('changing the password on the account page ends the other sessions; mistakes are explained', async ({ browser, request }) => {
  const email = uniqueEmail('change');
  await signUp(request, email);
  const laptop = await signedInPage(browser, email);
  const laptopCookie = await sessionCookie(laptop);
  const page = await signedInPage(browser, email);
  const phoneCookie = await sessionCookie(page);

  const section = page.getByRole('region', { name: 'Password' });
  await section.getByLabel('Current password').fill('not-my-password');
  await section.getByLabel('New password', { exact: true }).fill('password');
  await section.getByLabel('Confirm new password').fill('password');
  await section.getByRole('button', { name: 'Change password' }).click();
  const alert = section.getByRole('alert');
  await expect(alert).toBeVisible();
  await expect(section.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(alert).toContainText(/new password/i);
  await page.screenshot({ path: `artifacts/e2e/${project()}-password-change-errors.png`, fullPage: true });

  await section.getByLabel('Current password').fill('not-my-password');
  await section.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await section.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  await section.getByRole('button', { name: 'Change password' }).click();
  await expect(section.getByRole('alert')).toContainText(/current password/i);
  await expect(section.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');

  await section.getByLabel('Current password').fill(PASSWORD);
  await section.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await section.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  await section.getByRole('button', { name: 'Change password' }).click();
  await expect(section.getByRole('status')).toContainText(/password changed/i);

  expect(await accountWith(request, laptopCookie)).toBe('sign-in');
  expect(await accountWith(request, phoneCookie)).toBe('sign-in');
  await page.reload();
  await expect(page.getByTestId('account-email')).toHaveText(email);
  expect(await accountWith(request, await sessionCookie(page))).toBe('account');
  await laptop.context().close();
  await page.context().close();
});

test('"sign out everywhere" ends every session of the account', async ({ browser, request }) => {
  const email = uniqueEmail('everywhere');
  await signUp(request, email);
  const laptop = await signedInPage(browser, email);
  const laptopCookie = await sessionCookie(laptop);
  const page = await signedInPage(browser, email);
  const phoneCookie = await sessionCookie(page);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await accountWith(request, laptopCookie)).toBe('sign-in');
  expect(await accountWith(request, phoneCookie)).toBe('sign-in');
  await laptop.reload();
  await expect(laptop).toHaveURL(/\/sign-in/);
  await laptop.context().close();
  await page.context().close();
});
