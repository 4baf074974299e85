import { expect, test, type Page } from '@playwright/test';
import { wellStockedVariants } from './demo-shop';

const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-${name}.png`, fullPage: true });

async function signInAsMerchant(page: Page, callbackUrl: string) {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Email', { exact: true }).fill('merchant@example.com');
  await page.getByLabel('Password', { exact: true }).fill('merchant-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(callbackUrl.replace(/[/?]/g, '\\$&')));
}

test('a merchant creates a product with two variants and stock, publishes it, and shoppers see it in stock', async ({ page }) => {
  const run = `${test.info().project.name}-${Date.now()}`;
  const name = `Harbor Lamp ${run}`;
  const sku = (n: number) => `E2E-${run}-${n}`.toUpperCase();

  await signInAsMerchant(page, '/admin/products/new');
  await expect(page.getByRole('heading', { name: 'New product' })).toBeVisible();
  await page.getByLabel('Product name').fill(name);
  await page.getByLabel('Brand').fill('Lumen');
  await page.getByLabel('Category').selectOption({ label: 'T-Shirts' });
  await page.getByLabel('Description').fill('A warm lamp for long evenings.');
  await page.getByLabel('Attributes').fill('material: brass');

  await page.getByLabel('Variant 1 SKU').fill(sku(1));
  await page.getByLabel('Variant 1 Colour').fill('Brass');
  await page.getByLabel('Variant 1 Size').fill('Small');
  await page.getByLabel('Variant 1 Price (USD)').fill('24.99');
  await page.getByLabel('Variant 1 EU-AMS stock').fill('25');

  await page.getByRole('button', { name: 'Add another variant' }).click();
  await page.getByLabel('Variant 2 SKU').fill(sku(2));
  await page.getByLabel('Variant 2 Colour').fill('Brass');
  await page.getByLabel('Variant 2 Size').fill('Large');
  await page.getByLabel('Variant 2 Price (USD)').fill('34.50');
  await page.getByLabel('Variant 2 EU-AMS stock').fill('8');
  await page.getByLabel('Variant 2 US-EWR stock').fill('4');

  // A negative price is refused next to its field; 0 needs "This item is free" ticked.
  await page.getByLabel('Variant 1 Price (USD)').fill('-5');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByLabel('Variant 1 Price (USD)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('cannot be negative')).toBeVisible();
  await page.getByLabel('Variant 1 Price (USD)').fill('0');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByText('tick “This item is free”')).toBeVisible();
  await expect(page.getByLabel('Variant 1 This item is free')).not.toBeChecked();
  await page.getByLabel('Variant 1 Price (USD)').fill('24.99');

  // A SKU another product has is refused, next to the field, and nothing typed is lost.
  const taken = wellStockedVariants(1)[0]!.sku;
  await page.getByLabel('Variant 2 SKU').fill(taken);
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'highlighted field' })).toBeVisible();
  await expect(page.getByLabel('Variant 2 SKU')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(`${taken} is already used by`)).toBeVisible();
  await expect(page.getByLabel('Variant 1 Price (USD)')).toHaveValue('24.99');
  await shot(page, 'admin-product-new');
  await page.getByLabel('Variant 2 SKU').fill(sku(2));
  await page.getByRole('button', { name: 'Create product' }).click();

  // The edit page: a draft with both variants and their stock.
  await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}\?created=1/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Product created' })).toBeVisible();
  await expect(page.getByTestId('product-status').first()).toHaveAttribute('data-status', 'draft');
  const variants = page.getByTestId('variant');
  await expect(variants).toHaveCount(2);
  await expect(page.locator(`[data-testid="variant"][data-sku="${sku(1)}"]`)).toContainText('25 available');
  await expect(page.locator(`[data-testid="variant"][data-sku="${sku(2)}"]`)).toContainText('12 available');
  await expect(page.getByTestId('stock-summary')).toContainText('EU-AMS');

  // A photo: previewed before it goes up, then stored and served from /media/uploads.
  const photo = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 480;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#f4efe6';
    g.fillRect(0, 0, 480, 480);
    const glow = g.createRadialGradient(240, 190, 10, 240, 190, 170);
    glow.addColorStop(0, '#ffe7a3');
    glow.addColorStop(1, 'rgba(255, 231, 163, 0)');
    g.fillStyle = glow;
    g.fillRect(0, 0, 480, 480);
    g.fillStyle = '#b08d57';
    g.beginPath();
    g.moveTo(150, 230);
    g.lineTo(330, 230);
    g.lineTo(285, 120);
    g.lineTo(195, 120);
    g.closePath();
    g.fill();
    g.fillRect(232, 230, 16, 150);
    g.fillRect(170, 380, 140, 18);
    return canvas.toDataURL('image/png').split(',')[1]!;
  });
  await page.getByLabel('Image file').setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: Buffer.from(photo, 'base64') });
  await expect(page.getByTestId('image-preview')).toBeVisible();
  await page.getByLabel('Description for screen readers').fill('Harbor Lamp in brass');
  await page.getByRole('button', { name: 'Upload image' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Image uploaded' })).toBeVisible();
  const uploaded = page.getByTestId('product-images').getByRole('img', { name: 'Harbor Lamp in brass' });
  await expect(uploaded).toHaveAttribute('src', /^\/media\/uploads\/[0-9a-f]{32}\.png$/);
  await expect.poll(() => uploaded.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

  // Publish: the shop shows it (its cached pages were revalidated), priced and in stock.
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published' })).toBeVisible();
  await expect(page.getByTestId('product-status').first()).toHaveAttribute('data-status', 'active');
  const shopLink = page.getByRole('link', { name: /View in shop/ });
  const href = (await shopLink.getAttribute('href'))!;
  expect(href).toMatch(/^\/products\/lumen-harbor-lamp-/);
  await shot(page, 'admin-product-edit');

  await page.goto(href);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('$24.99').first()).toBeVisible();
  await expect(page.getByTestId('stock-badge').first()).toHaveText('In stock');
  await expect(page.getByTestId('main-image')).toHaveAttribute('src', /^\/media\/uploads\//);

  // The dashboard list finds it by SKU.
  await page.goto(`/admin/products?q=${encodeURIComponent(sku(2))}`);
  await expect(page.getByRole('link', { name }).first()).toBeVisible();
  await expect(page.getByText('Showing 1–1 of 1 product')).toBeVisible();
  await page.goto('/admin/products');
  await expect(page.getByRole('heading', { name: 'Products', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name }).first()).toBeVisible();
  await shot(page, 'admin-products');
});

test('a CSV import with a bad row is checked first and the report names the row and the field', async ({ page }) => {
  const run = `${test.info().project.name}-${Date.now()}`;
  await signInAsMerchant(page, '/admin/products/import');
  await expect(page.getByRole('heading', { name: 'Import products' })).toBeVisible();
  const csv = [
    'product_slug,name,brand,category_slug,status,description,sku,color,size,price_cents,currency,stock_EU-AMS',
    `csv-mug-${run},Csv Mug,Acme,t-shirts,draft,"A mug, for tea",CSV-${run}-1,White,,1500,USD,5`,
    `csv-mug-${run},Csv Mug,Acme,t-shirts,draft,"A mug, for tea",CSV-${run}-2,Black,,12.50,USD,5`,
  ].join('\r\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible();
  await expect(report.getByRole('heading', { name: /Problems found/ })).toBeVisible();
  const problem = report.locator('[data-testid="import-errors"] tbody tr');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-row', '3');
  await expect(problem).toHaveAttribute('data-field', 'price_cents');
  await expect(problem).toContainText('whole number of cents');
  await expect(report.getByRole('button', { name: /^Import/ })).toHaveCount(0);
  await shot(page, 'admin-products-import');

  // Fixed, the same file is ready to import, and importing writes both rows.
  const fixed = csv.replace(',12.50,', ',1250,');
  await page.getByLabel('CSV file').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
  await expect(report.getByRole('heading', { name: 'Ready to import' })).toBeVisible();
  await report.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(page.getByRole('heading', { name: 'Imported' })).toBeVisible();
  await page.goto(`/admin/products?q=${encodeURIComponent(`csv-mug-${run}`)}`);
  await expect(page.getByRole('link', { name: 'Csv Mug' }).first()).toBeVisible();

  // The export link gives the list's products back as CSV, a row per variant.
  const exported = await page.request.get(`/admin/products/export?q=${encodeURIComponent(`csv-mug-${run}`)}`);
  expect(exported.headers()['content-type']).toContain('text/csv');
  expect(exported.headers()['content-disposition']).toMatch(/attachment; filename="stockwise-products-/);
  const lines = (await exported.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('product_slug,name,brand,category_slug,status,description,sku,color,size,price_cents,currency,stock_EU-AMS,stock_US-EWR');
  expect(lines.slice(1)).toEqual([
    `csv-mug-${run},Csv Mug,Acme,t-shirts,draft,"A mug, for tea",CSV-${run}-1,White,,1500,USD,5,0`,
    `csv-mug-${run},Csv Mug,Acme,t-shirts,draft,"A mug, for tea",CSV-${run}-2,Black,,1250,USD,5,0`,
  ]);
});
