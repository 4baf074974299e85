/**
 * Private pages against the built app, read as raw HTTP: the whole body of
 * the first response, whatever its status (a 404 or a redirect may still
 * stream the page it refused). A customer with orders, mails, a cart and a
 * wishlist is the owner of the shop pages; the merchant owns the dashboard
 * and the mailbox. Each page must show its owner the private text (so the
 * strings are real) and show none of it to an anonymous visitor or another
 * shopper. Then: after signing in, a `callbackUrl` never takes the browser off
 * the shop and never answers 500, through the sign-in form and through
 * Auth.js's own endpoints.
 */
import { expect, test, type APIRequestContext, type Browser, type BrowserContext } from '@playwright/test';
import { formatUsd, wellStockedVariants, type ShopVariant } from './demo-shop';
import { newContext } from './people';

const PASSWORD = 'e2e-private-pages-pw';
const project = () => test.info().project.name;
/** A variant no other spec takes (they use 0–29 and 40 and up), one for each project. */
const myVariant = (): ShopVariant => wellStockedVariants(1, project() === 'desktop' ? 36 : 37)[0]!;
const baseUrl = () => test.info().project.use.baseURL!;

/** The first response's whole body: redirects are not followed, the status does not matter. */
async function bodyOf(request: APIRequestContext, path: string): Promise<string> {
  return (await request.get(path, { maxRedirects: 0, failOnStatusCode: false })).text();
}

async function createCustomer(request: APIRequestContext, email: string, name: string): Promise<string> {
  const created = await request.post('/api/v1/users', { data: { email, password: PASSWORD, name } });
  expect(created.status()).toBe(201);
  return (await created.json()).user_id;
}

/** A context with a session, signed in once through Auth.js's credentials endpoint (the form has its own tests below). */
async function signedInContext(browser: Browser, email: string, password: string): Promise<BrowserContext> {
  const context = await newContext(browser);
  const csrf = await (await context.request.get('/api/auth/csrf')).json();
  await context.request.post('/api/auth/callback/credentials', { form: { csrfToken: csrf.csrfToken, email, password }, maxRedirects: 0 });
  expect((await (await context.request.get('/api/session')).json()).user?.email).toBe(email);
  return context;
}

type Victim = Awaited<ReturnType<typeof customerWithHistory>>;

/** A customer with a paid order, an unpaid one, a cart line and a wishlist item, and the mails the shop wrote them. */
async function customerWithHistory(request: APIRequestContext, browser: Browser) {
  const tag = `pp${project()}${Date.now().toString(36)}`;
  const variant = myVariant();
  const email = `private-${tag}@example.com`;
  const name = `Vera ${tag}`;
  const address = `${tag} Hidden Lane`;
  const id = await createCustomer(request, email, name);
  const context = await signedInContext(browser, email, PASSWORD);
  // The REST API with the session cookie, from the shop's own origin: no API key, no second sign-in.
  const own = { headers: { origin: new URL(baseUrl()).origin } };
  const order = async (quantity: number) => {
    const response = await context.request.post('/api/v1/orders', {
      ...own,
      data: { items: [{ item_id: variant.id, quantity }], shipping_address: { name, line1: address, city: 'Springfield', postalCode: '12345', country: 'US' } },
    });
    expect(response.status()).toBe(201);
    const body = await response.json();
    return { id: body.order_id as string, number: body.number as number, total: formatUsd(body.total_cents) };
  };
  const paid = await order(1);
  const unpaid = await order(2);
  expect((await context.request.post('/api/v1/users/me/cart', { ...own, data: { item_id: variant.id, quantity: 1 } })).status()).toBe(200);
  expect((await context.request.post('/api/v1/users/me/wishlist', { ...own, data: { item_id: variant.id } })).status()).toBe(200);

  const page = await context.newPage();
  await page.goto(`/pay/${paid.id}`);
  await page.getByTestId('pay').click();
  await expect(page).toHaveURL(new RegExp(`/pay/${paid.id}/success$`));
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'confirmed');
  await page.close();
  return { id, email, name, address, variant, paid, unpaid, context };
}

/** The id of the mail with this subject in the dev mailbox, once the mail job has written it. */
async function mailIdOf(merchant: APIRequestContext, subject: string): Promise<string> {
  const pattern = new RegExp(`href="/dev/mailbox/([0-9a-f-]{36})"[^>]*>${subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}<`);
  let id: string | undefined;
  await expect.poll(async () => (id = pattern.exec(await bodyOf(merchant, '/dev/mailbox'))?.[1]), { timeout: 30_000 }).toBeTruthy();
  return id!;
}

/** The dashboard's revenue figure as the merchant sees it. */
async function revenueFigure(merchant: APIRequestContext): Promise<string> {
  const figure = /Revenue, 30 days<\/dt><dd[^>]*>([^<]+)<\/dd>/.exec(await bodyOf(merchant, '/admin'))?.[1];
  expect(figure, 'the dashboard shows the revenue').toMatch(/^\$[\d,]+\.\d\d$/);
  return figure!;
}

type PrivatePage = { path: string; owner: 'customer' | 'merchant'; secrets: string[] };

function privatePages(v: Victim, mailId: string, mailSubject: string, revenue: string): PrivatePage[] {
  const customer = (path: string, ...secrets: string[]): PrivatePage => ({ path, owner: 'customer', secrets });
  const staff = (path: string, ...secrets: string[]): PrivatePage => ({ path, owner: 'merchant', secrets });
  return [
    customer('/account', v.email, v.name),
    customer('/account/notifications', v.email, `Order #${v.paid.number} received`),
    customer('/orders', v.paid.id, v.unpaid.id),
    customer(`/orders/${v.paid.id}`, v.address, v.paid.total),
    customer(`/pay/${v.unpaid.id}`, v.unpaid.total),
    customer(`/pay/${v.paid.id}/success`, `for order #${v.paid.number}`),
    // Nothing on it but the order's state: checked for every secret of the others.
    customer(`/pay/${v.unpaid.id}/failed`),
    customer('/cart', v.variant.productName),
    customer('/checkout', v.variant.productName),
    customer('/wishlist', v.variant.productName),
    customer('/api/session', v.email),
    staff('/dev/mailbox', v.email, mailSubject),
    staff(`/dev/mailbox/${mailId}`, v.email, mailSubject, `/orders/${v.paid.id}`),
    staff('/admin', revenue),
    staff('/admin/orders', v.email),
    staff(`/admin/orders/${v.paid.id}`, v.email, v.address),
    staff('/admin/customers', v.email),
    staff(`/admin/customers/${v.id}`, v.email),
    staff('/admin/notifications', v.email),
    staff(`/admin/inventory?q=${v.variant.sku}`, 'On hand, reserved by open orders, and available'),
    staff('/admin/products', 'Everything in the catalog: what is on sale, drafts being prepared, and archived items.'),
    staff(`/admin/products/${v.variant.productId}`, 'Who changed what, newest first.'),
    staff('/admin/products/new', 'Start as a draft to prepare it quietly'),
    staff('/admin/products/import', 'Add and update products, variants, prices and stock from a spreadsheet.'),
    staff(`/admin/products/export?q=${v.variant.sku}`, 'product_slug', v.variant.sku),
    staff('/admin/promotions', '50% off, first 5 orders only'),
    staff('/admin/suppliers', 'orders@northwind.example', '+31 20 555 0101'),
    staff('/admin/jobs', 'Mail, search updates, stock labels and refunds run as background jobs.'),
    staff('/admin/flash-sales', 'A flash sale puts one variant behind a waiting room and a stock gate'),
  ];
}

test('no private page shows its data to an anonymous visitor or another shopper, whatever the status', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const victim = await customerWithHistory(request, browser);
  const merchant = await signedInContext(browser, 'merchant@example.com', 'merchant-password');
  const otherEmail = victim.email.replace('private-', 'other-');
  await createCustomer(request, otherEmail, 'Otto Other');
  const other = await signedInContext(browser, otherEmail, PASSWORD);

  const mailSubject = `We received order #${victim.paid.number}`;
  const mailId = await mailIdOf(merchant.request, mailSubject);
  // The staff notification of the paid order is a job too.
  await expect.poll(async () => (await bodyOf(merchant.request, '/admin/notifications')).includes(victim.email), { timeout: 30_000 }).toBe(true);
  const pages = privatePages(victim, mailId, mailSubject, await revenueFigure(merchant.request));
  const everySecret = [...new Set(pages.flatMap((p) => p.secrets))];

  const owners = { customer: victim.context.request, merchant: merchant.request };
  const missing: string[] = [];
  for (const { path, owner, secrets } of pages) {
    const body = await bodyOf(owners[owner], path);
    for (const secret of secrets) if (!body.includes(secret)) missing.push(`${owner} ${path}: ${secret}`);
  }
  expect(missing, 'each owner sees the private text of their page (else the check below proves nothing)').toEqual([]);

  const callers: [string, APIRequestContext][] = [['anonymous', request], ['another shopper', other.request]];
  const leaks: string[] = [];
  for (const { path } of pages) {
    for (const [caller, context] of callers) {
      const body = await bodyOf(context, path);
      for (const secret of everySecret) if (!path.includes(secret) && body.includes(secret)) leaks.push(`${caller} ${path}: ${secret}`);
    }
  }
  expect(leaks).toEqual([]);
  test.info().annotations.push({ type: 'private pages', description: `${pages.length} pages × ${callers.length} callers, ${everySecret.length} secrets` });
  await Promise.all([victim.context.close(), merchant.close(), other.close()]);
});

/** Elsewhere: the same server under another name is another origin, so an escape lands somewhere real. */
const elsewhere = () => `localhost:${new URL(baseUrl()).port}`;

/** `callbackUrl` values (as the sign-in page receives them) and where signing in must end. */
const SIGN_IN_VARIANTS: [string, () => string, string][] = [
  ['a tab after the first slash', () => `/\t/${elsewhere()}/account`, '/'],
  ['a newline after the first slash', () => `/\n/${elsewhere()}/account`, '/'],
  ['a carriage return', () => '/account\r', '/'],
  ['an ideographic space', () => '/\u3000', '/'],
  ['a backslash', () => `/\\${elsewhere()}/account`, '/'],
  ['a protocol-relative URL', () => `//${elsewhere()}/account`, '/'],
  ['an encoded //', () => `/%2F%2F${elsewhere()}/account`, '/'],
  ['an encoded backslash', () => `/%5c${elsewhere()}/account`, '/'],
  ['an encoded tab', () => `/%09/${elsewhere()}/account`, '/'],
  ['a javascript: URL', () => 'javascript:alert(document.domain)', '/'],
  ['an absolute URL of another origin', () => `http://${elsewhere()}/account`, '/'],
  ['a very long path', () => `/search?q=${'a'.repeat(2000)}`, '/'],
  ['a path of the shop, with query and fragment', () => '/orders?x=1#y', '/orders?x=1#y'],
];

for (const [label, value, expected] of SIGN_IN_VARIANTS) {
  test(`signing in with ${label} as callbackUrl stays on the shop (${expected})`, async ({ page, request }) => {
    // One device is enough for a redirect rule, and every sign-in counts against the address's limit.
    test.skip(project() !== 'desktop', 'the redirect rule does not depend on the device');
    const email = `callback-${Date.now()}-${project()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
    expect((await request.post('/api/v1/users', { data: { email, password: PASSWORD } })).status()).toBe(201);
    const origin = new URL(baseUrl()).origin;
    const serverErrors: string[] = [];
    const visited: string[] = [];
    page.on('response', (response) => void (response.status() >= 500 && serverErrors.push(`${response.status()} ${response.url()}`)));
    page.on('framenavigated', (frame) => void (frame === page.mainFrame() && visited.push(frame.url())));

    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(value())}`);
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const left = () => new URL(page.url()).origin !== origin || !new URL(page.url()).pathname.startsWith('/sign-in');
    await expect.poll(() => serverErrors.length > 0 || left(), { timeout: 15_000 }).toBe(true);

    expect(serverErrors).toEqual([]);
    expect(visited.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    const landed = new URL(page.url());
    expect(`${landed.pathname}${landed.search}${landed.hash}`).toBe(expected);
  });
}

test('Auth.js’s own endpoints redirect a bad callbackUrl to the shop’s front page, never with a 500', async ({ request }) => {
  test.skip(project() !== 'desktop', 'raw HTTP: the device does not matter');
  const host = 'evil.example:8443';
  const viaCallback = [`/\t/${host}/`, `/\n/${host}/`, '/account\r', '/\u3000', `/\\${host}/`, `//${host}/`, `/%2F%2F${host}/`, `/%5c${host}/`, `/%09/${host}/`,
    `/${'a'.repeat(2000)}`, `http://${host}/`];
  // In a query Auth.js refuses what is not an http(s) URL before any callback runs: its error page, which auth.ts
  // points at the shop's sign-in page (Auth.js's own answers 500).
  const notHttp = ['javascript:alert(1)', 'not a url'];
  const csrfToken = (await (await request.get('/api/auth/csrf')).json()).csrfToken as string;
  // Signing out takes a callbackUrl through the same callback as signing in, without counting as a sign-in attempt.
  const signOut = (callbackUrl: string) =>
    request.post('/api/auth/signout', { form: { csrfToken, callbackUrl }, maxRedirects: 0, failOnStatusCode: false });
  // Where Auth.js itself says the shop is: its answer to a good callbackUrl.
  const control = await signOut('/account?x=1');
  expect(control.status()).toBe(302);
  const shop = new URL(control.headers()['location']!);
  expect(`${shop.pathname}${shop.search}`).toBe('/account?x=1');

  const front = `${shop.origin}/`;
  const href = (url: string) => (URL.canParse(url) ? new URL(url).href : url);
  const label = (value: string) => JSON.stringify(value.slice(0, 40));
  const wrong: string[] = [];
  for (const callbackUrl of [...viaCallback, ...notHttp]) {
    const posted = await signOut(callbackUrl);
    const target = new URL(posted.headers()['location'] ?? 'about:blank', baseUrl());
    if (posted.status() !== 302 || target.href !== front) wrong.push(`POST ${label(callbackUrl)}: ${posted.status()} ${target.href.slice(0, 80)}`);
  }
  for (const callbackUrl of viaCallback) {
    const page = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0, failOnStatusCode: false });
    const signInPage = new URL(page.headers()['location'] ?? 'about:blank', baseUrl());
    const back = href(signInPage.searchParams.get('callbackUrl') ?? '');
    if (page.status() !== 302 || signInPage.pathname !== '/sign-in' || back !== front) wrong.push(`GET ${label(callbackUrl)}: ${page.status()} ${back.slice(0, 80)}`);
  }
  for (const callbackUrl of notHttp) {
    const page = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`, { maxRedirects: 0, failOnStatusCode: false });
    const target = new URL(page.headers()['location'] ?? 'about:blank', baseUrl());
    if (page.status() !== 302 || target.origin !== shop.origin || target.pathname !== '/sign-in') wrong.push(`GET ${label(callbackUrl)}: ${page.status()} ${target.href.slice(0, 80)}`);
  }
  expect(wrong).toEqual([]);
});
