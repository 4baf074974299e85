import { expect, test, type Page } from '@playwright/test';
import { signIn } from './people';

/**
 * Text people type is shown as text: a product name, a shipping address and a
 * notification carrying markup come back on their pages literally, and the
 * markup never runs (no dialog, no injected element).
 */
const MERCHANT_KEY = 'sw_test_merchant_demo';
const PASSWORD = 'e2e-xss-password';
const payload = (tag: string) => `<img src=x onerror="alert('${tag}')"><script>alert('${tag}')</script>`;

function watchForScripts(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  return dialogs;
}

async function expectNoInjectedMarkup(page: Page) {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('script:text("alert(")').count()).toBe(0);
}

test('markup in a product name, an address and a notification is shown as text and never runs', async ({ page, request }) => {
  const dialogs = watchForScripts(page);
  const run = `${test.info().project.name}-${Date.now()}`;

  // A merchant's product, named with markup, through the REST API.
  const word = `Xssmug${Date.now().toString(36)}${test.info().project.name === 'desktop' ? 'd' : 'p'}`;
  const name = `${word} ${payload('product')}`;
  const warehouses = await (await request.get('/api/v1/warehouses', { headers: { authorization: `Bearer ${MERCHANT_KEY}` } })).json();
  const warehouseId = warehouses.data[0].warehouse_id as string;
  const created = await request.post('/api/v1/items', {
    headers: { authorization: `Bearer ${MERCHANT_KEY}` },
    data: { sku: `XSS-${run}`.toUpperCase(), name, category: 't-shirts', price_cents: 1500, stock: [{ warehouse_id: warehouseId, quantity: 5 }] },
  });
  expect(created.status()).toBe(201);
  const item = await created.json();

  // A shopper orders it with markup in the address, and is sent a notification with markup.
  const email = `xss-${run}@example.com`;
  const user = await request.post('/api/v1/users', { data: { email, password: PASSWORD } });
  expect(user.status()).toBe(201);
  const { user_id: userId } = await user.json();
  const token = await (await request.post('/api/v1/auth/token', { data: { email, password: PASSWORD } })).json();
  const addressName = `Pat ${payload('address')}`;
  const order = await request.post('/api/v1/orders', {
    headers: { authorization: `Bearer ${token.token}` },
    data: { items: [{ item_id: item.item_id, quantity: 1 }], shipping_address: { name: addressName, line1: '1 Road', city: 'Town', postalCode: '12345', country: 'US' } },
  });
  expect(order.status()).toBe(201);
  const { order_id: orderId } = await order.json();
  const message = `Hello ${payload('notification')}`;
  const note = await request.post('/api/v1/notifications', {
    headers: { authorization: `Bearer ${MERCHANT_KEY}` },
    data: { user_id: userId, type: 'promo.note', message },
  });
  expect(note.status()).toBe(201);

  await signIn(page, email, PASSWORD, `/orders/${orderId}`);
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await expect(page.getByText(addressName, { exact: false }).first()).toBeVisible();
  await expect(page.getByText(name).first()).toBeVisible();
  await expectNoInjectedMarkup(page);

  await page.goto('/account/notifications');
  await expect(page.getByText(message).first()).toBeVisible();
  await expectNoInjectedMarkup(page);

  // The product page, once the search index (a job) knows the product's slug.
  let slug = '';
  await expect
    .poll(async () => {
      const search = await request.get(`/api/v1/search?query=${encodeURIComponent(word)}&limit=5`);
      const hit = (await search.json()).data?.find((p: { item_id: string }) => p.item_id === item.item_id);
      slug = hit?.slug ?? '';
      return slug;
    }, { timeout: 20_000 })
    .not.toBe('');
  await page.goto(`/products/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expectNoInjectedMarkup(page);

  expect(dialogs).toEqual([]);
});
