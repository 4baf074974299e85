import { expect, test, type Page } from '@playwright/test';
import { formatUsd, productWithSoldOutAndInStockVariants, unitsOf, type SeedVariant } from './demo-shop';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-${name}.png`, fullPage: true });

async function pickVariant(page: Page, variant: SeedVariant) {
  for (const name of ['color', 'size'] as const) {
    const value = variant.options[name];
    if (value) await page.locator(`button[data-option="${name}"]`, { hasText: new RegExp(`^${value}`) }).click();
  }
  await expect(page).toHaveURL(new RegExp(`variant=${variant.id}`));
}

test('home → category → product → pick a variant', async ({ page }) => {
  const { product, soldOut, inStock } = productWithSoldOutAndInStockVariants('footwear');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('product-grid').first()).toBeVisible();
  await shot(page, 'home');

  await page.locator('main').getByRole('link', { name: 'Footwear', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Footwear' })).toBeVisible();
  await expect(page.getByText(/Showing 1–\d+ of \d+ products/)).toBeVisible();
  await shot(page, 'category');

  // Find the product's card, paging on if it is not on the first page.
  const card = page.getByRole('link', { name: product.name, exact: true });
  for (let i = 0; i < 5 && !(await card.isVisible()); i++) {
    await page.getByRole('link', { name: /Next/ }).click();
  }
  await card.click();
  await expect(page).toHaveURL(new RegExp(`/products/${product.slug}`));
  await expect(page.getByRole('heading', { level: 1, name: product.name })).toBeVisible();

  await pickVariant(page, soldOut);
  await expect(page.getByTestId('stock-badge')).toHaveText('Sold out');
  await expect(page.getByTestId('add-to-cart')).toBeDisabled();
  await expect(page.getByTestId('price')).toHaveText(formatUsd(soldOut.priceCents));

  await pickVariant(page, inStock);
  await expect(page.getByTestId('stock-badge')).toHaveText(unitsOf(inStock.id) > 5 ? 'In stock' : `Only ${unitsOf(inStock.id)} left`);
  await expect(page.getByTestId('add-to-cart')).toBeEnabled();
  await expect(page.getByTestId('price')).toHaveText(formatUsd(inStock.priceCents));
  await expect(page.getByTestId('main-image')).toHaveAttribute('alt', new RegExp(inStock.options.color!, 'i'));
  await shot(page, 'product');

  // The chosen variant survives a reload (it is in the URL).
  await page.reload();
  await expect(page.getByTestId('price')).toHaveText(formatUsd(inStock.priceCents));
});

test('category pages sort by price and paginate', async ({ page }) => {
  await page.goto('/categories/clothing');
  await page.getByLabel('Sort by').selectOption('price_asc');
  await expect(page).toHaveURL(/sort=price_asc/);
  const prices = async () =>
    (await page.getByTestId('card-price').allTextContents()).map((text) => Number(text.replace(/[^0-9.]/g, '')));
  const firstPage = await prices();
  expect(firstPage).toEqual([...firstPage].sort((a, b) => a - b));
  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=price_asc/);
  const secondPage = await prices();
  expect(secondPage[0]).toBeGreaterThanOrEqual(firstPage[firstPage.length - 1]!);
});

test('server-rendered HTML carries product names and prices; unknown pages are 404', async ({ request }) => {
  const { product } = productWithSoldOutAndInStockVariants('clothing');
  const home = await request.get('/');
  expect(home.status()).toBe(200);
  expect(await home.text()).toMatch(/\$\d+\.\d{2}/);

  const productPage = await request.get(`/products/${product.slug}`);
  expect(productPage.status()).toBe(200);
  const html = await productPage.text();
  expect(html).toContain(product.name);
  expect(html).toMatch(/\$\d+\.\d{2}/);

  expect((await request.get('/products/no-such-thing')).status()).toBe(404);
  expect((await request.get('/categories/no-such-thing')).status()).toBe(404);
});

test('no horizontal scrolling on the product page', async ({ page }) => {
  const { product } = productWithSoldOutAndInStockVariants('clothing');
  await page.goto(`/products/${product.slug}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
