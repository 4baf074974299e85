import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { newContext, signIn } from './people';
import { wellStockedVariants, type ShopVariant } from './demo-shop';

const PASSWORD = 'e2e-admin-orders-pw';
const MERCHANT_KEY = 'sw_test_merchant_demo';
const project = () => test.info().project.name;
const uniqueEmail = (tag: string) => `admin-${tag}-${Date.now()}-${project()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
/** Variants no other spec takes (they skip fewer than 170), different for each project. */
const myVariants = (count: number, slot: number): ShopVariant[] => wellStockedVariants(count, 180 + (project() === 'desktop' ? 0 : 10) + slot);
const ADDRESS = { name: 'Pat Parcel', line1: '9 Dispatch Road', city: 'Springfield', postalCode: '12345', country: 'US' };

async function orderNumber(request: APIRequestContext, orderId: string): Promise<number> {
  const response = await request.get(`/api/v1/orders/${orderId}`, { headers: { authorization: `Bearer ${MERCHANT_KEY}` } });
  expect(response.status()).toBe(200);
  return (await response.json()).number;
}

/** On the shop's pay page, as the signed-in shopper: pay and see it confirmed. */
async function payOnPayPage(page: Page, orderId: string) {
  await page.goto(`/pay/${orderId}`);
  await page.getByTestId('pay').click();
  await expect(page).toHaveURL(new RegExp(`/pay/${orderId}/success$`));
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'confirmed');
}

test('a paid order is found, packed and shipped in the dashboard; the shopper sees it shipped with the tracking number', async ({ page, browser, request }) => {
  const [variant] = myVariants(1, 0);
  const email = uniqueEmail('ship');
  expect((await request.post('/api/v1/users', { data: { email, password: PASSWORD } })).status()).toBe(201);

  // The shopper buys an in-stock item and pays on the simulated pay page.
  await page.goto(`/products/${variant!.productSlug}?variant=${variant!.id}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();
  await page.goto('/cart');
  await page.getByTestId('checkout-link').click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)checkout/);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await page.getByLabel('Full name').fill(ADDRESS.name);
  await page.getByLabel('Address', { exact: true }).fill(ADDRESS.line1);
  await page.getByLabel('City').fill(ADDRESS.city);
  await page.getByLabel('Postal code').fill(ADDRESS.postalCode);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
  const orderId = new URL(page.url()).pathname.split('/').pop()!;
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('payment-result')).toHaveText('Thank you — your order is confirmed');
  const number = await orderNumber(request, orderId);

  // The merchant, in another browser, finds it among the orders by the customer's email.
  const merchantContext = await newContext(browser);
  const admin = await merchantContext.newPage();
  await signIn(admin, 'merchant@example.com', 'merchant-password', '/admin/orders');
  await expect(admin.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();
  await admin.getByLabel('Customer or order #').fill(email);
  await admin.getByRole('button', { name: 'Filter' }).click();
  await expect(admin).toHaveURL(/customer=/);
  const row = admin.locator(`[data-testid="order-row"][data-order-id="${orderId}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'confirmed');
  await expect(admin.getByTestId('order-row')).toHaveCount(1);
  await row.getByRole('link', { name: `#${number}` }).click();

  // Detail: paid, with its reservation; only the steps the state machine allows are offered.
  await expect(admin).toHaveURL(new RegExp(`/admin/orders/${orderId}$`));
  await expect(admin.getByRole('heading', { name: `Order #${number}` })).toBeVisible();
  await expect(admin.getByTestId('order-status')).toHaveAttribute('data-status', 'confirmed');
  await expect(admin.getByTestId('payment-status')).toHaveText('Paid');
  await expect(admin.getByTestId('reservation')).toHaveCount(1);
  await expect(admin.getByTestId('reservation')).toContainText('Sold');
  await expect(admin.getByTestId('action-process')).toBeVisible();
  await expect(admin.getByTestId('action-cancel')).toBeVisible();
  await expect(admin.getByTestId('action-deliver')).toHaveCount(0);
  await expect(admin.getByTestId('ship-form')).toHaveCount(0);

  await admin.getByTestId('action-process').click();
  await expect(admin.getByTestId('order-action-result')).toContainText(`Order #${number} is being packed`);
  await expect(admin.getByTestId('order-status')).toHaveAttribute('data-status', 'processing');

  // Shipping asks for a tracking number, then ships.
  const tracking = `1Z${Date.now().toString().slice(-10)}`;
  await admin.getByLabel('Carrier', { exact: true }).fill('UPS');
  await admin.getByTestId('action-ship').click();
  await expect(admin.getByTestId('order-action-result')).toContainText(/tracking number/i);
  await expect(admin.getByTestId('order-status')).toHaveAttribute('data-status', 'processing');
  await admin.getByLabel('Tracking number', { exact: true }).fill(tracking);
  await admin.getByTestId('action-ship').click();
  await expect(admin.getByTestId('order-status')).toHaveAttribute('data-status', 'shipped');
  await expect(admin.getByTestId('tracking-number')).toHaveText(tracking);
  await expect(admin.getByTestId('action-deliver')).toBeVisible();
  await expect(admin.getByTestId('action-cancel')).toHaveCount(0);
  await expect(admin.getByTestId('admin-order-timeline').locator('li').first()).toContainText('merchant@example.com');
  await admin.screenshot({ path: `artifacts/e2e/${project()}-admin-order.png`, fullPage: true });
  await merchantContext.close();

  // Back as the shopper: the order page says shipped and shows the tracking number.
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'shipped');
  await expect(page.getByTestId('order-status')).toHaveText('Shipped');
  await expect(page.getByText(tracking)).toBeVisible();
});

test('bulk: two paid orders are marked processing at once; orders that cannot move are refused, each with its reason', async ({ page, browser, request }) => {
  const variants = myVariants(3, 1);
  const email = uniqueEmail('bulk');
  expect((await request.post('/api/v1/users', { data: { email, password: PASSWORD } })).status()).toBe(201);
  const token = await request.post('/api/v1/auth/token', { data: { email, password: PASSWORD } });
  expect(token.status()).toBe(201);
  const key = (await token.json()).token as string;

  // Three orders through the REST API; the shopper pays two of them on the pay page.
  const orders: { id: string; number: number }[] = [];
  for (const variant of variants) {
    const response = await request.post('/api/v1/orders', {
      headers: { authorization: `Bearer ${key}` },
      data: { items: [{ item_id: variant.id, quantity: 1 }], shipping_address: ADDRESS },
    });
    expect(response.status()).toBe(201);
    const order = await response.json();
    orders.push({ id: order.order_id, number: order.number });
  }
  const [paidA, paidB, unpaid] = orders as [(typeof orders)[0], (typeof orders)[0], (typeof orders)[0]];
  await signIn(page, email, PASSWORD, `/pay/${paidA.id}`);
  await expect(page).toHaveURL(new RegExp(`/pay/${paidA.id}$`));
  await payOnPayPage(page, paidA.id);
  await payOnPayPage(page, paidB.id);

  const merchantContext = await newContext(browser);
  const admin = await merchantContext.newPage();
  await signIn(admin, 'merchant@example.com', 'merchant-password', `/admin/orders?customer=${encodeURIComponent(email)}`);
  await expect(admin.getByTestId('order-row')).toHaveCount(3);

  // Select the two paid orders: the bar counts them.
  await admin.getByRole('checkbox', { name: `Select order #${paidA.number}` }).check();
  await admin.getByRole('checkbox', { name: `Select order #${paidB.number}` }).check();
  await expect(admin.getByTestId('bulk-bar')).toContainText('2 selected');
  await admin.getByLabel('Action for the selected orders').selectOption('process');
  await admin.getByTestId('bulk-apply').click();
  await expect(admin.getByTestId('bulk-result')).toContainText('2 orders marked processing');
  for (const order of [paidA, paidB]) {
    await expect(admin.locator(`[data-testid="order-row"][data-order-id="${order.id}"]`)).toHaveAttribute('data-status', 'processing');
  }

  // All three at once, to be delivered: none is shipped yet, so each is refused, and the result says why per order.
  await admin.getByRole('checkbox', { name: 'Select every order on this page' }).check();
  await expect(admin.getByTestId('bulk-bar')).toContainText('3 selected');
  await admin.getByLabel('Action for the selected orders').selectOption('deliver');
  await admin.getByTestId('bulk-apply').click();
  await expect(admin.getByTestId('bulk-result')).toContainText('None of the 3 orders could be marked delivered');
  await expect(admin.getByTestId('bulk-failure')).toHaveCount(3);
  await expect(admin.getByTestId('bulk-failure').filter({ hasText: `#${unpaid.number}` })).toContainText('cannot become delivered');
  await expect(admin.getByTestId('bulk-failure').first()).toHaveAttribute('data-code', 'invalid_transition');
  for (const order of orders) await expect(admin.locator(`[data-testid="order-row"][data-order-id="${order.id}"]`)).not.toHaveAttribute('data-status', 'delivered');
  await admin.screenshot({ path: `artifacts/e2e/${project()}-admin-orders.png`, fullPage: true });
  await merchantContext.close();
});
