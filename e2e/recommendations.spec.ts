import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_SEED, generateDemoShop } from '../db/seed/generate';
import { generateOrderHistory } from '../db/seed/history';
import { unitsOf } from './demo-shop';

const shop = generateDemoShop();
const history = generateOrderHistory(shop, DEFAULT_SEED);
const productById = new Map(shop.products.map((p) => [p.id, p]));
const inStock = (productId: string) => shop.variants.some((v) => v.productId === productId && unitsOf(v.id) > 0);

const snap = (page: Page, name: string) => page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-${name}.png`, fullPage: true });

async function signIn(page: Page, email: string, password: string, callbackUrl: string) {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a product from the demo history shows what was bought with it, and the links lead there', async ({ page }) => {
  // The best-selling bundle of the history: its first product's partners are bought with it most often.
  const [anchorId, ...partnerIds] = history.bundles[0]!;
  const anchor = productById.get(anchorId!)!;
  const partners = partnerIds.filter(inStock).map((id) => productById.get(id)!);
  expect(partners.length).toBeGreaterThan(0);

  await page.goto(`/products/${anchor.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: anchor.name })).toBeVisible();
  const shelf = page.getByTestId('bought-together');
  await expect(shelf.getByRole('heading', { name: 'Bought together' })).toBeVisible();
  for (const partner of partners) await expect(shelf.getByRole('link', { name: partner.name, exact: true })).toBeVisible();
  await snap(page, 'bought-together');

  await shelf.getByRole('link', { name: partners[0]!.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/products/${partners[0]!.slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: partners[0]!.name })).toBeVisible();
  // And back: the partner's page suggests the product it was bought with.
  if (inStock(anchor.id)) await expect(page.getByTestId('bought-together').getByRole('link', { name: anchor.name, exact: true })).toBeVisible();
});

test('the home page recommends popular products to guests and personal ones to a customer with a history', async ({ page }) => {
  await page.goto('/');
  const popular = page.getByTestId('popular-products');
  await expect(popular.getByRole('heading', { name: 'Popular right now' })).toBeVisible();
  await expect(popular.getByRole('link')).not.toHaveCount(0);

  // A demo customer from the history: suggestions from what they bought, never what they bought.
  const customer = history.customers.find((c) => history.orders.some((o) => o.customerId === c.id))!;
  const bought = new Set(history.orders.filter((o) => o.customerId === customer.id).flatMap((o) => o.lines.map((l) => productById.get(l.productId)!.name)));
  await signIn(page, customer.email, 'customer-password', '/');
  const mine = page.getByTestId('recommended-for-you');
  await expect(mine.getByRole('heading', { name: 'Recommended for you' })).toBeVisible();
  const names = await mine.getByRole('heading', { level: 3 }).allTextContents();
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(bought.has(name.trim())).toBe(false);
  await snap(page, 'home-recommended');
});

test('the merchant sees how fresh the recommendations are and what shoppers search for', async ({ page }) => {
  const word = `xqzjvw${Date.now()}`;
  await page.goto(`/search?query=${word}`);
  await expect(page.getByTestId('result-count')).toContainText('0 results');
  await page.goto('/search?query=jacket');
  await expect(page.getByTestId('result-count')).toContainText('for “jacket”');

  await signIn(page, 'merchant@example.com', 'merchant-password', '/admin');
  await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();
  // Searches are written in batches, about a second later: reload the overview until they are there.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('overview-zero-searches')).toContainText(`“${word}”`, { timeout: 1_000 });
  }).toPass({ intervals: [250], timeout: 20_000 });
  await expect(page.getByTestId('recommendations-freshness')).toContainText(/Updated .* from [\d,]+ paid orders/);
  await expect(page.getByTestId('overview-searches')).toContainText('“jacket”');
  await expect(page.getByTestId('overview-zero-searches')).toContainText(`“${word}”`);
  await expect(page.getByTestId('overview-sales')).toBeVisible();
});
