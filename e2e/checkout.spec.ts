import { expect, test, type Browser, type Page } from '@playwright/test';
import { formatUsd, lowStockVariants, wellStockedVariants, type SeedVariant, type ShopVariant } from './demo-shop';

/** A full-page screenshot, taken from the top so the sticky header sits where it belongs. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-${name}.png`, fullPage: true });
}

const PASSWORD = 'e2e-password-123';
const ORDER_URL = /\/orders\/[0-9a-f-]{36}$/;
const PAY_URL = /\/pay\/[0-9a-f-]{36}$/;

/** Placing an order leads to the payment step; these tests look at the order itself. */
async function openOrderFromPayStep(page: Page) {
  await expect(page).toHaveURL(PAY_URL);
  await page.goto(new URL(page.url()).pathname.replace('/pay/', '/orders/'));
  await expect(page).toHaveURL(ORDER_URL);
}

/** An address no earlier run (nor the other project in this run) has used. */
const uniqueEmail = () => `e2e-${Date.now()}-${test.info().project.name}-${Math.random().toString(36).slice(2, 6)}@example.com`;

/** 0 for the desktop project, 1 for the phone: each picks its own products, since both share one database. */
const projectIndex = () => (test.info().project.name === 'desktop' ? 0 : 1);

/** Well-stocked variants no other spec uses (they take the first eight), different for each project. */
const myVariants = (count: number, slot: number) => wellStockedVariants(count, 10 + projectIndex() * 10 + slot);

/** Nothing sticks out sideways (a phone would scroll the whole page). */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, new URL(page.url()).pathname).toBeLessThanOrEqual(0);
}

const header = (page: Page) => page.getByRole('banner');
const cartCount = (page: Page) => header(page).getByTestId('cart-count');
const placeOrder = (page: Page) => page.getByRole('button', { name: 'Place order' });

async function signUp(page: Page) {
  await page.goto('/sign-up');
  await page.getByLabel('Name (optional)').fill('Eve Tester');
  await page.getByLabel('Email', { exact: true }).fill(uniqueEmail());
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function addToCart(page: Page, variant: ShopVariant, quantity = 1) {
  await page.goto(`/products/${variant.productSlug}?variant=${variant.id}`);
  if (quantity > 1) await page.getByLabel('Quantity').selectOption(String(quantity));
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();
}

/** From the cart page through "Check out" to the checkout form. */
async function goToCheckout(page: Page) {
  await page.goto('/cart');
  await page.getByTestId('checkout-link').click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
}

async function fillAddress(page: Page, country = 'United States') {
  await page.getByLabel('Full name').fill('Eve Tester');
  await page.getByLabel('Address', { exact: true }).fill('12 Market Street');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('12345');
  await page.getByLabel('Country').selectOption({ label: country });
  await page.getByRole('radio', { name: /Standard delivery/ }).check();
}

async function orderRows(page: Page) {
  await page.goto('/orders');
  await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
  return page.getByTestId('order-row');
}

/** Clicks the colour and size buttons the way a shopper picks a variant. */
async function pickVariant(page: Page, variant: SeedVariant) {
  for (const name of ['color', 'size'] as const) {
    const value = variant.options[name];
    if (value) await page.locator(`button[data-option="${name}"]`, { hasText: new RegExp(`^${value}( \\(sold out\\))?$`) }).click();
  }
  await expect(page).toHaveURL(new RegExp(`variant=${variant.id}`));
}

/** A second shopper: a browser context of their own (own cookies), shaped like this project's device. */
async function otherShopper(browser: Browser) {
  const { baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = test.info().project.use;
  const context = await browser.newContext({ baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch });
  return { context, page: await context.newPage() };
}

test('a shopper checks out and lands on the order, which waits for payment', async ({ page }) => {
  const [a] = myVariants(1, 0) as [ShopVariant];
  await signUp(page);
  await addToCart(page, a);
  await goToCheckout(page);

  const item = page.getByTestId('checkout-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(a.productName);

  // Tax follows the country as soon as it is chosen (the Netherlands: 21%).
  const subtotal = a.priceCents;
  const shipping = subtotal >= 7500 ? 0 : 599;
  const total = subtotal + Math.round((subtotal * 2100) / 10_000) + shipping;
  await fillAddress(page, 'Netherlands');
  await expect(page.getByTestId('checkout-totals').getByTestId('order-total')).toHaveText(formatUsd(total));
  await expectNoSidewaysScroll(page);
  await shot(page, 'checkout');

  await placeOrder(page).click();
  await openOrderFromPayStep(page);
  const status = page.getByTestId('order-status');
  await expect(status).toHaveAttribute('data-status', 'pending_payment');
  await expect(status).toHaveText('Awaiting payment');
  await expect(page.getByTestId('payment-due')).toBeVisible();
  const countdown = page.getByTestId('countdown');
  await expect(countdown).toHaveText(/^1[45]:[0-5]\d$/); // STOCKWISE_ORDER_TTL_MINUTES defaults to 15
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? ''); // it ticks
  await expect(page.getByTestId('order-item')).toHaveCount(1);
  await expect(page.getByTestId('order-item')).toContainText(a.productName);
  await expect(page.getByTestId('order-total')).toHaveText(formatUsd(total));
  await expect(page.getByTestId('order-timeline')).toContainText('Order placed');
  const orderUrl = new URL(page.url()).pathname;
  const number = (await page.getByRole('heading', { level: 1 }).textContent())?.match(/#(\d+)/)?.[1];
  expect(number).toBeTruthy();
  await expectNoSidewaysScroll(page);
  await shot(page, 'order');
  // The cart was used up by the order.
  await expect(cartCount(page)).toHaveText('0');

  // The account menu leads to the orders, where this one is listed.
  await header(page).locator('summary').filter({ hasText: 'Account menu' }).click();
  await header(page).getByRole('link', { name: 'Your orders' }).click();
  await expect(page).toHaveURL(/\/orders$/);
  const rows = page.getByTestId('order-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('order-status')).toHaveAttribute('data-status', 'pending_payment');
  await expect(rows.first()).toContainText(formatUsd(total));
  await expectNoSidewaysScroll(page);
  await shot(page, 'orders');
  await rows.first().getByRole('link', { name: `Order #${number}` }).click();
  await expect(page).toHaveURL(new RegExp(`${orderUrl}$`));
});

test('the address form refuses empty required fields and places nothing', async ({ page }) => {
  const [a] = myVariants(1, 1) as [ShopVariant];
  if (projectIndex() === 1) await page.setViewportSize({ width: 360, height: 740 }); // a small phone
  await signUp(page);
  await addToCart(page, a);
  await goToCheckout(page);

  await page.getByLabel('Full name').fill('');
  await placeOrder(page).click();
  const summary = page.getByRole('main').getByRole('alert');
  await expect(summary).toContainText('Please check the highlighted fields.');
  for (const [label, text] of [
    ['Full name', 'Full name is required'],
    ['Address', 'Address is required'],
    ['City', 'City is required'],
    ['Postal code', 'Postal code is required'],
  ] as const) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(text);
    await expect(summary.getByRole('link', { name: text })).toBeVisible();
  }
  await expect(page.getByLabel('Phone (optional)')).not.toHaveAttribute('aria-invalid', 'true');
  await expectNoSidewaysScroll(page);
  await shot(page, 'checkout-errors');

  // What was typed survives the next rejection.
  await page.getByLabel('Address', { exact: true }).fill('12 Market Street');
  await placeOrder(page).click();
  await expect(page.getByLabel('City')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Address', { exact: true })).toHaveValue('12 Market Street');
  await expect(page.getByLabel('Address', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/checkout$/);

  await expect(await orderRows(page)).toHaveCount(0);
  await expect(page.getByTestId('no-orders')).toBeVisible();
  await expect(cartCount(page)).toHaveText('1');
});

test('placing the order twice (double click, a second tab) yields one order', async ({ page, context }) => {
  const [a] = myVariants(1, 2) as [ShopVariant];
  await signUp(page);
  await addToCart(page, a);
  await goToCheckout(page);
  await fillAddress(page);
  const second = await context.newPage();
  await goToCheckout(second);
  await fillAddress(second);

  // A double click in one tab and a click in another, at the same time.
  await Promise.all([placeOrder(page).dblclick(), placeOrder(second).click()]);
  await openOrderFromPayStep(page);
  // The other tab lands on the same order's payment step (it submitted the same cart).
  await expect(second).toHaveURL(PAY_URL);
  expect(new URL(second.url()).pathname.replace('/pay/', '/orders/')).toBe(new URL(page.url()).pathname);
  await second.close();

  const rows = await orderRows(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('1 item');
});

test('a shopper cancels the pending order from its page', async ({ page }) => {
  const [a] = myVariants(1, 3) as [ShopVariant];
  await signUp(page);
  await addToCart(page, a);
  await goToCheckout(page);
  await fillAddress(page);
  await placeOrder(page).click();
  await openOrderFromPayStep(page);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'pending_payment');

  // The first click only asks; "Keep order" changes nothing.
  await page.getByTestId('cancel-order').click();
  await page.getByRole('button', { name: 'Keep order' }).click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'pending_payment');

  await page.getByTestId('cancel-order').click();
  await page.getByRole('button', { name: 'Yes, cancel order' }).click();
  const status = page.getByTestId('order-status');
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await expect(status).toHaveText('Cancelled');
  await expect(page.getByTestId('payment-due')).toHaveCount(0);
  await expect(page.getByTestId('cancel-order')).toHaveCount(0);
  const timeline = page.getByTestId('order-timeline');
  await expect(timeline.getByRole('listitem')).toHaveCount(2);
  await expect(timeline.getByRole('listitem').last()).toContainText('Cancelled');
  await expect(timeline).toContainText('Cancelled by you');
  await expect(page.getByTestId('order-note')).toContainText('You cancelled this order');
  await shot(page, 'order-cancelled');

  // Still cancelled after a reload, and in the list.
  await page.reload();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled');
  const rows = await orderRows(page);
  await expect(rows.first().getByTestId('order-status')).toHaveText('Cancelled');
});

test('when one shopper takes the last units, another sees the variant sold out', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // A variant of few units (different for each project); skip any a crashed earlier run left reserved.
  const candidates = lowStockVariants(4).filter((_, index) => index % 2 === projectIndex());
  let variant: (typeof candidates)[number] | undefined;
  for (const candidate of candidates.slice(0, 5)) {
    await page.goto(`/products/${candidate.productSlug}?variant=${candidate.id}`);
    if ((await page.getByTestId('stock-badge').textContent()) === `Only ${candidate.units} left`) {
      variant = candidate;
      break;
    }
  }
  if (!variant) throw new Error('no low-stock variant of the demo shop is fully available');

  // Shopper A puts every unit in the cart.
  await signUp(page);
  await addToCart(page, variant, variant.units);

  // Shopper B, in another browser, still sees them on sale.
  const b = await otherShopper(browser);
  await b.page.goto(`/products/${variant.productSlug}`);
  await pickVariant(b.page, variant);
  const badge = b.page.getByTestId('stock-badge');
  await expect(badge).toHaveText(`Only ${variant.units} left`);
  await expect(b.page.getByTestId('add-to-cart')).toBeEnabled();

  // A checks out: the units are reserved for A's order.
  await goToCheckout(page);
  await fillAddress(page);
  await placeOrder(page).click();
  await openOrderFromPayStep(page);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'pending_payment');
  await expect(page.getByTestId('order-item')).toContainText(`${variant.units} ×`);

  // B's page catches up once the label refresh has run (asynchronously, in the job worker).
  await expect(async () => {
    await b.page.reload();
    await expect(badge).toHaveText('Sold out', { timeout: 1_000 });
  }).toPass({ timeout: 15_000, intervals: [500, 1_000] });
  await expect(b.page.getByTestId('add-to-cart')).toBeDisabled();
  await expect(b.page.getByTestId('add-to-cart')).toHaveText('Sold out');
  await shot(b.page, 'sold-out');

  // A cancels: the units go back on sale, and B's page says so again.
  await page.getByTestId('cancel-order').click();
  await page.getByRole('button', { name: 'Yes, cancel order' }).click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(async () => {
    await b.page.reload();
    await expect(badge).toHaveText(`Only ${variant.units} left`, { timeout: 1_000 });
  }).toPass({ timeout: 15_000, intervals: [500, 1_000] });
  await expect(b.page.getByTestId('add-to-cart')).toBeEnabled();
  await b.context.close();
});
