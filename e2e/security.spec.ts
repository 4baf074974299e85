/**
 * Security against the built app: headers on pages, API answers, static files
 * and the proxy's own answers; cookie flags (session, guest cart, waiting
 * room); server actions and cookie-authenticated REST writes refuse other
 * origins; the pages run under the CSP without a single violation; the API
 * description is public.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { wellStockedVariants, type ShopVariant } from './demo-shop';
import { newContext, signIn } from './people';

const project = () => test.info().project.name;
/** Variants no other spec takes (others stay below 210), different for each project. */
const myVariant = (slot: number): ShopVariant => wellStockedVariants(1, 210 + (project() === 'desktop' ? 0 : 3) + slot)[0]!;
const SHOPPER_KEY = 'sw_test_shopper_demo';
const EVIL = 'https://evil.example';

function expectSecurityHeaders(response: APIResponse, label: string) {
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, label).toContain("default-src 'self'");
  expect(csp, label).toContain("frame-ancestors 'none'");
  expect(csp, label).toContain("object-src 'none'");
  expect(csp, label).not.toContain('unsafe-eval');
  expect(headers['x-frame-options'], label).toBe('DENY');
  expect(headers['x-content-type-options'], label).toBe('nosniff');
  expect(headers['referrer-policy'], label).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], label).toContain('camera=()');
  expect(headers['x-powered-by'], label).toBeUndefined();
  return headers;
}

/** The id Next gave a server action in this build (its manifest is in the build folder). */
function actionId(file: string, exportedName: string): string {
  const distDir = path.resolve(process.env.STOCKWISE_DIST_DIR || '.next');
  const manifest = JSON.parse(readFileSync(path.join(distDir, 'server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${file}`);
  return found[0];
}

/** Records every Content-Security-Policy violation a page reports. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('__reportCsp', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(`${event.violatedDirective} blocked ${event.blockedURI} on ${location.pathname}`);
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('every response carries the security headers; HSTS only over https', async ({ request }) => {
  const variant = myVariant(0);
  const checked: Record<string, Record<string, string>> = {};
  checked.page = expectSecurityHeaders(await request.get('/'), 'home page');
  checked.product = expectSecurityHeaders(await request.get(`/products/${variant.productSlug}`), 'product page');
  checked.api = expectSecurityHeaders(await request.get(`/api/v1/items/${variant.id}`), 'REST answer');
  checked.apiError = expectSecurityHeaders(await request.get('/api/v1/users/me'), 'REST 401');
  checked.redirect = expectSecurityHeaders(await request.get('/admin', { maxRedirects: 0 }), 'proxy redirect');
  const html = await (await request.get('/')).text();
  const script = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(script).toBeTruthy();
  checked.staticFile = expectSecurityHeaders(await request.get(script!), 'static file');
  expect(checked.redirect['location']).toContain('/sign-in');
  expect(checked.apiError['content-type']).toContain('application/json');

  for (const [label, headers] of Object.entries(checked)) expect(headers['strict-transport-security'], label).toBeUndefined();
  const overHttps = await request.get('/', { headers: { 'x-forwarded-proto': 'https' } });
  expect(overHttps.headers()['strict-transport-security']).toMatch(/^max-age=\d{8,}; includeSubDomains$/);

  test.info().annotations.push({ type: 'headers', description: JSON.stringify(Object.keys(checked)) });
});

test('the API description is public and cacheable, and the docs page lists every operation', async ({ page, request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toMatch(/^public, max-age=\d+/);
  expectSecurityHeaders(response, 'openapi.json');
  const doc = await response.json();
  expect(doc.openapi).toBe('3.1.0');
  const operations = Object.values(doc.paths as Record<string, Record<string, unknown>>).reduce((n, item) => n + Object.keys(item).length, 0);

  const violations = await watchCsp(page);
  await page.goto('/docs/api');
  await expect(page.getByRole('heading', { name: 'REST API', level: 1 })).toBeVisible();
  await expect(page.getByTestId('operation')).toHaveCount(operations);
  const placeOrder = page.locator('#postOrders');
  await expect(placeOrder).toContainText('POST');
  await expect(placeOrder).toContainText('/api/v1/orders');
  await expect(placeOrder).toContainText('Who may call it');
  await expect(placeOrder.getByTestId('request-body').getByTestId('field').filter({ hasText: 'shipping_method' })).toContainText('"standard" | "express"');
  await expect(placeOrder.getByTestId('response').filter({ hasText: /^409/ })).toBeVisible();
  await page.screenshot({ path: `artifacts/e2e/${project()}-api-docs.png` });
  expect(violations).toEqual([]);
});

test('cookies are httpOnly and SameSite=Lax, and Secure behind https', async ({ page, browser, request }) => {
  // Guest cart cookie, from the real add-to-cart button.
  const variant = myVariant(1);
  await page.goto(`/products/${variant.productSlug}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count').first()).toHaveText(/[1-9]/);
  let cookies = await page.context().cookies();
  const cart = cookies.find((c) => c.name === 'sw_cart');
  expect(cart).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });

  // The session cookie, signing in through the form.
  await signIn(page, 'shopper@example.com', 'shopper-password', '/account');
  await expect(page).toHaveURL(/\/account/);
  cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'authjs.session-token');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
  for (const cookie of cookies.filter((c) => c.name.startsWith('authjs.'))) expect(cookie.sameSite, cookie.name).toBe('Lax');

  // Behind a TLS proxy (X-Forwarded-Proto: https) the same sign-in sets Secure cookies.
  const csrf = await request.get('/api/auth/csrf', { headers: { 'x-forwarded-proto': 'https' } });
  const csrfCookie = csrf.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.includes('csrf-token'))!.value;
  expect(csrfCookie).toMatch(/^__Host-authjs\.csrf-token=/);
  expect(csrfCookie).toMatch(/; HttpOnly/i);
  expect(csrfCookie).toMatch(/; Secure/i);
  expect(csrfCookie).toMatch(/; SameSite=Lax/i);
  const signInOverHttps = await request.post('/api/auth/callback/credentials', {
    headers: { 'x-forwarded-proto': 'https', cookie: csrfCookie.split(';')[0]!, origin: test.info().project.use.baseURL! },
    form: { csrfToken: (await csrf.json()).csrfToken, email: 'shopper@example.com', password: 'shopper-password' },
    maxRedirects: 0,
  });
  const secureSession = signInOverHttps.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('__Secure-authjs.session-token='));
  expect(secureSession?.value).toMatch(/; HttpOnly/i);
  expect(secureSession?.value).toMatch(/; Secure/i);
  expect(secureSession?.value).toMatch(/; SameSite=Lax/i);

  // The waiting-room cookies: a merchant opens a drop now; a shopper joins it while it is on and is let
  // straight through, admission included (the join itself admits: no second request needed).
  const merchant = await newContext(browser);
  const admin = await merchant.newPage();
  await signIn(admin, 'merchant@example.com', 'merchant-password', '/admin/flash-sales');
  await expect(admin.getByRole('heading', { name: 'Flash sales' })).toBeVisible();
  const name = `Security drop ${project()} ${Date.now()}`;
  await admin.getByLabel('Name').fill(name);
  await admin.getByLabel('Variant SKU').fill(myVariant(2).sku);
  await admin.getByLabel('Starts in (seconds)').fill('0');
  await admin.getByLabel('Let through per second').fill('50');
  await admin.getByRole('button', { name: 'Create flash sale' }).click();
  await expect(admin.getByRole('status')).toContainText('Flash sale created');
  const saleId = (await admin.getByTestId('flash-sales').getByRole('link', { name }).getAttribute('href'))!.split('/').pop()!;
  await merchant.close();

  const shopper = await newContext(browser);
  const queue = await shopper.newPage();
  await queue.goto(`/queue/${saleId}`);
  await expect(queue.getByTestId('queue-admitted')).toBeVisible({ timeout: 15_000 });
  const roomCookies = await shopper.cookies();
  expect(roomCookies.find((c) => c.name === 'sw_visitor')).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  expect(roomCookies.find((c) => c.name === `sw_admit_${saleId}`)).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  const overHttps = await shopper.request.get(`/api/flash/${saleId}/line`, { headers: { 'x-forwarded-proto': 'https' } });
  const admission = overHttps.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`sw_admit_${saleId}=`));
  expect(admission?.value).toMatch(/; Secure/i);
  expect(admission?.value).toMatch(/; HttpOnly/i);
  expect(admission?.value).toMatch(/; SameSite=lax/i);
  await shopper.close();
});

test('a server action posted from another origin is refused; from the shop itself it runs', async ({ page }) => {
  const variant = myVariant(1);
  await signIn(page, 'shopper@example.com', 'shopper-password', '/account');
  await expect(page).toHaveURL(/\/account/);
  const units = async () => {
    const cart = await (await page.request.get('/api/v1/users/me/cart')).json();
    return (cart.items as { item_id: string; quantity: number }[]).find((i) => i.item_id === variant.id)?.quantity ?? 0;
  };
  const before = await units();
  const id = actionId('app/actions/cart.ts', 'addToCartAction');
  const post = (origin: string) =>
    page.request.post(`/products/${variant.productSlug}`, {
      headers: { 'next-action': id, origin, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify([{ itemId: variant.id, quantity: 1 }]),
      failOnStatusCode: false,
    });

  // The session cookie rides along (as a same-site attacker's page would get it to); the proxy refuses on Origin.
  const forged = await post(EVIL);
  expect(forged.status()).toBe(403);
  expectSecurityHeaders(forged, 'refused action');
  expect(await units()).toBe(before);

  const genuine = await post(new URL(page.url()).origin);
  expect(genuine.status()).toBe(200);
  expect(await units()).toBe(before + 1);
});

test('cookie-authenticated REST writes from another origin are refused; API keys and same-origin calls work', async ({ page, request }) => {
  const variant = myVariant(1);
  await signIn(page, 'shopper@example.com', 'shopper-password', '/account');
  await expect(page).toHaveURL(/\/account/);
  const origin = new URL(page.url()).origin;
  const body = { item_id: variant.id, quantity: 1 };

  const forged = await page.request.post('/api/v1/users/me/cart', { headers: { origin: EVIL }, data: body, failOnStatusCode: false });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe('forbidden');
  const sameOrigin = await page.request.post('/api/v1/users/me/cart', { headers: { origin }, data: body });
  expect(sameOrigin.status()).toBe(200);
  const withKey = await request.post('/api/v1/users/me/cart', { headers: { origin: EVIL, authorization: `Bearer ${SHOPPER_KEY}` }, data: body });
  expect(withKey.status()).toBe(200);
  // A cross-origin read with the cookie is still answered (the browser keeps it from the other site: no CORS headers).
  const read = await page.request.get('/api/v1/users/me/cart', { headers: { origin: EVIL } });
  expect(read.status()).toBe(200);
  expect(read.headers()['access-control-allow-origin']).toBeUndefined();
});

test('the shop, the dashboard and the docs run under the CSP without a violation', async ({ page }) => {
  const violations = await watchCsp(page);
  const variant = myVariant(1);
  for (const url of ['/', `/products/${variant.productSlug}`, '/search?q=shirt', '/cart', '/sign-in', '/docs/api']) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
  }
  // Client-side navigation and a server action under the policy.
  await page.goto(`/products/${variant.productSlug}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('cart-count').first()).toHaveText(/[1-9]/);
  await signIn(page, 'merchant@example.com', 'merchant-password', '/admin');
  await expect(page).toHaveURL(/\/admin$/);
  for (const url of ['/admin/products', '/admin/orders', '/admin/inventory', '/dev/mailbox']) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);

  // The control: something the policy forbids is blocked, and the watcher sees it.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'https://evil.example/pixel.png';
    document.body.append(img);
  });
  await expect.poll(() => violations.join('\n')).toContain('img-src blocked https://evil.example/pixel.png');
});
