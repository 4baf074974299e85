import { expect, test, type Page } from '@playwright/test';
import { wellStockedVariants } from './demo-shop';

/** A full-page screenshot for the README and for review, per project (desktop, phone). */
const snap = async (page: Page, name: string) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-${name}.png`, fullPage: true });
};

/** A variant only this spec touches, one per project. */
const myVariant = () => wellStockedVariants(1, 200 + (test.info().project.name === 'desktop' ? 0 : 5))[0]!;

async function signIn(page: Page, email: string, password: string, callbackUrl: string) {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the merchant sees the overview and sets a stock level with a reason', async ({ page }) => {
  await signIn(page, 'merchant@example.com', 'merchant-password', '/admin');
  await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();
  for (const section of ['overview-sales', 'overview-funnel', 'overview-waiting', 'overview-top', 'overview-stock', 'overview-flagged']) {
    await expect(page.getByTestId(section)).toBeVisible();
  }
  await expect(page.getByTestId('inventory-health')).toContainText('Every unit is accounted for');
  await snap(page, 'admin-overview');

  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Inventory' }).click();
  await expect(page).toHaveURL(/\/admin\/inventory$/);
  await expect(page.getByRole('heading', { name: 'Inventory', exact: true })).toBeVisible();
  await snap(page, 'admin-inventory');

  const variant = myVariant();
  const stockInShop = async () => {
    const res = await page.request.get(`/api/v1/items/${variant.id}`);
    expect(res.ok()).toBe(true);
    return (await res.json()).stock as number;
  };
  const shopStockBefore = await stockInShop();
  await page.getByLabel('Search by SKU or product').fill(variant.sku);
  await page.getByRole('button', { name: 'Filter' }).click();
  // A table on a desktop, cards on a phone: the same test ids on both.
  const rows = page.getByTestId('stock-row').filter({ visible: true });
  await expect(rows.first()).toContainText(variant.sku);
  const onHandBefore = Number(await rows.first().getByTestId('on-hand').textContent());
  const target = onHandBefore + 7;

  await rows.first().getByRole('button', { name: 'Set' }).click();
  const form = rows.first().getByRole('form');
  await form.getByLabel('On hand').fill(String(target));
  await form.getByLabel('Reason').fill('e2e stock count');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(rows.first().getByRole('status')).toHaveText('Stock set.');
  await expect(rows.first().getByTestId('on-hand')).toHaveText(String(target));

  // The shop sees the new total (the variant's other warehouses unchanged).
  expect(await stockInShop()).toBe(shopStockBefore + 7);
});

test('a shopper is turned away from the dashboard and its actions', async ({ page }) => {
  await signIn(page, 'shopper@example.com', 'shopper-password', '/admin/inventory');
  await expect(page.getByRole('heading', { name: 'You don’t have access to the dashboard' })).toBeVisible();
  const pages = ['/admin', '/admin/inventory', '/admin/products', '/admin/products/new', '/admin/products/import', '/admin/products/export', '/admin/orders', '/admin/promotions', '/admin/suppliers', '/admin/customers', '/admin/flash-sales', '/admin/jobs', '/admin/notifications'];
  for (const path of pages) {
    expect({ path, status: (await page.request.get(path, { maxRedirects: 0 })).status() }).toEqual({ path, status: 403 });
  }
  // The session cookie is no key to the merchant's API either.
  expect((await page.request.get('/api/v1/warehouses')).status()).toBe(403);
  const item = { sku: 'SHOPPER-MADE-1', name: 'Nope', category: 't-shirts', price_cents: 100 };
  expect((await page.request.post('/api/v1/items', { data: item })).status()).toBe(403);
});
