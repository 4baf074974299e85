import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { wellStockedVariants, type ShopVariant } from './demo-shop';

/** A variant no other spec uses, different for each project and (so a re-run against the same database works) each run. */
const saleVariant = () => wellStockedVariants(1, 70 + (test.info().project.name === 'desktop' ? 0 : 50) + (Math.floor(Date.now() / 1000) % 50))[0]!;

/** The merchant schedules a drop from the dashboard; answers the sale's id. */
async function createSale(page: Page, variant: ShopVariant, options: { startsInSeconds: number; perSecond: number }): Promise<string> {
  await page.goto('/sign-in?callbackUrl=/admin/flash-sales');
  await page.getByLabel('Email', { exact: true }).fill('merchant@example.com');
  await page.getByLabel('Password', { exact: true }).fill('merchant-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Flash sales' })).toBeVisible();
  const name = `Drop ${test.info().project.name} ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Variant SKU').fill(variant.sku);
  await page.getByLabel('Starts in (seconds)').fill(String(options.startsInSeconds));
  await page.getByLabel('Let through per second').fill(String(options.perSecond));
  await page.getByRole('button', { name: 'Create flash sale' }).click();
  await expect(page.getByRole('status')).toContainText('Flash sale created');
  const saleLink = page.getByTestId('flash-sales').getByRole('link', { name });
  return (await saleLink.getAttribute('href'))!.split('/').pop()!;
}

async function newShopper(browser: Browser): Promise<BrowserContext> {
  const { baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = test.info().project.use;
  return browser.newContext({ baseURL, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch });
}

test('two shoppers in a waiting room: the first in line is let through first', async ({ page, browser }) => {
  const variant = saleVariant();

  // The merchant sets up a drop starting in a few seconds, letting one shopper through per second.
  const saleId = await createSale(page, variant, { startsInSeconds: 6, perSecond: 1 });

  // Two shoppers take places in line, A before B.
  const a = await newShopper(browser);
  const b = await newShopper(browser);
  const pageA = await a.newPage();
  await pageA.goto(`/queue/${saleId}`);
  await expect(pageA.getByTestId('queue-ticket')).toBeVisible();
  const pageB = await b.newPage();
  await pageB.goto(`/queue/${saleId}`);
  await expect(pageB.getByTestId('queue-ticket')).toBeVisible();
  const ticketA = Number(await pageA.getByTestId('queue-ticket').textContent());
  const ticketB = Number(await pageB.getByTestId('queue-ticket').textContent());
  expect(ticketB).toBe(ticketA + 1);
  await expect(pageA.getByRole('heading', { name: /The sale starts in/ })).toBeVisible();

  // Once the sale starts the line lets exactly one through: when A is admitted, B still waits (1 a second).
  const line = (shopper: typeof a) => shopper.request.get(`/api/flash/${saleId}/line`).then((r) => r.json());
  await expect.poll(() => line(a), { intervals: [100], timeout: 15_000 }).toMatchObject({ admitted: true, ahead: 0 });
  expect(await line(b)).toMatchObject({ admitted: false, ahead: 1 });
  await expect(pageA.getByTestId('queue-admitted')).toBeVisible({ timeout: 10_000 });

  // A second later B is through as well; both pages moved on by themselves.
  await expect(pageB.getByTestId('queue-admitted')).toBeVisible({ timeout: 10_000 });
  await pageA.screenshot({ path: `artifacts/e2e/${test.info().project.name}-queue.png`, fullPage: true });
  await pageA.getByTestId('queue-continue').click();
  await expect(pageA).toHaveURL(new RegExp(`/products/${variant.productSlug}`));
  await a.close();
  await b.close();
});

test('a flash item is bought through the line only, and at most the limit per shopper over all their orders', async ({ page, browser }) => {
  const variant = wellStockedVariants(1, 50 + (test.info().project.name === 'desktop' ? 0 : 10) + (Math.floor(Date.now() / 1000) % 10))[0]!;
  const saleId = await createSale(page, variant, { startsInSeconds: 0, perSecond: 50 });

  const context = await newShopper(browser);
  const shopper = await context.newPage();
  await shopper.goto('/sign-up');
  await shopper.getByLabel('Email', { exact: true }).fill(`e2e-flash-${Date.now()}-${test.info().project.name}@example.com`);
  await shopper.getByLabel('Password', { exact: true }).fill('e2e-flash-passphrase');
  await shopper.getByRole('button', { name: 'Create account' }).click();
  await expect(shopper).toHaveURL(/\/account$/);

  const checkOut = async () => {
    await shopper.goto(`/products/${variant.productSlug}?variant=${variant.id}`);
    await shopper.getByTestId('add-to-cart').click();
    await expect(shopper.getByTestId('added-to-cart')).toBeVisible();
    await shopper.goto('/checkout');
    await shopper.getByLabel('Full name').fill('Flash Buyer');
    await shopper.getByLabel('Address', { exact: true }).fill('1 Queue Lane');
    await shopper.getByLabel('City').fill('Springfield');
    await shopper.getByLabel('Postal code').fill('12345');
    await shopper.getByLabel('Country').selectOption({ label: 'United States' });
    await shopper.getByRole('radio', { name: /Standard delivery/ }).check();
    await shopper.getByRole('button', { name: 'Place order' }).click();
  };

  // Straight to checkout, skipping the line: refused, and told to join it.
  await checkOut();
  await expect(shopper.getByTestId('checkout-error')).toContainText('join the line');
  await expect(shopper).toHaveURL(/\/checkout$/);

  // Through the line (at 50 a second, at once), the same cart is ordered.
  await shopper.goto(`/queue/${saleId}`);
  await expect(shopper.getByTestId('queue-admitted')).toBeVisible({ timeout: 10_000 });
  await shopper.goto('/checkout');
  await shopper.getByLabel('Full name').fill('Flash Buyer');
  await shopper.getByLabel('Address', { exact: true }).fill('1 Queue Lane');
  await shopper.getByLabel('City').fill('Springfield');
  await shopper.getByLabel('Postal code').fill('12345');
  await shopper.getByLabel('Country').selectOption({ label: 'United States' });
  await shopper.getByRole('radio', { name: /Standard delivery/ }).check();
  await shopper.getByRole('button', { name: 'Place order' }).click();
  await expect(shopper).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);

  // A second order of the same item, still admitted: over the limit of 1 per shopper.
  await checkOut();
  await expect(shopper.getByTestId('checkout-error')).toContainText('at most 1 per shopper');
  await shopper.screenshot({ path: `artifacts/e2e/${test.info().project.name}-flash-limit.png`, fullPage: true });
  await context.close();
});
