import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { wellStockedVariants, type ShopVariant } from './demo-shop';

const PASSWORD = 'e2e-payments-pw';
const uniqueEmail = () => `pay-${Date.now()}-${test.info().project.name}-${Math.random().toString(36).slice(2, 6)}@example.com`;
/** Variants no other spec takes (they use the first 30), different for each project. */
const myVariant = (slot: number): ShopVariant => wellStockedVariants(1, 40 + (test.info().project.name === 'desktop' ? 0 : 5) + slot)[0]!;

async function available(request: APIRequestContext, itemId: string): Promise<number> {
  const response = await request.get(`/api/v1/items/${itemId}`);
  expect(response.status()).toBe(200);
  return (await response.json()).stock;
}

/** Browse as a guest, add the item, check out, sign in when asked, and place the order: ends on the pay step. */
async function browseAndPlaceOrder(page: Page, request: APIRequestContext, variant: ShopVariant) {
  const email = uniqueEmail();
  expect((await request.post('/api/v1/users', { data: { email, password: PASSWORD } })).status()).toBe(201);

  await page.goto('/');
  await page.goto(`/products/${variant.productSlug}?variant=${variant.id}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();
  await page.goto('/cart');
  await page.getByTestId('checkout-link').click();

  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)checkout/);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/checkout$/);

  await page.getByLabel('Full name').fill('Pat Payer');
  await page.getByLabel('Address', { exact: true }).fill('1 Payment Lane');
  await page.getByLabel('City').fill('Springfield');
  await page.getByLabel('Postal code').fill('12345');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

test('browse → cart → sign in → checkout → simulated pay: the order is confirmed and the stock is down by one', async ({ page, request }) => {
  const variant = myVariant(0);
  const before = await available(request, variant.id);

  const orderId = await browseAndPlaceOrder(page, request, variant);
  expect(await available(request, variant.id)).toBe(before - 1); // reserved
  await expect(page.getByRole('heading', { name: 'Pay for your order' })).toBeVisible();
  await page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-pay.png`, fullPage: true });

  await page.getByTestId('pay').click();
  await expect(page).toHaveURL(new RegExp(`/pay/${orderId}/success$`));
  await expect(page.getByTestId('payment-result')).toHaveText('Thank you — your order is confirmed');
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'confirmed');

  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'confirmed');
  await expect(page.getByTestId('order-timeline')).toContainText(/Confirmed|Paid/);
  expect(await available(request, variant.id)).toBe(before - 1); // committed: sold, not released
});

test('a declined payment releases the stock; trying again with the same order pays it', async ({ page, request }) => {
  const variant = myVariant(1);
  const before = await available(request, variant.id);
  const orderId = await browseAndPlaceOrder(page, request, variant);
  expect(await available(request, variant.id)).toBe(before - 1);

  await page.getByTestId('decline').click();
  await expect(page).toHaveURL(new RegExp(`/pay/${orderId}/failed$`));
  await expect(page.getByTestId('payment-result')).toHaveText('Your payment didn’t go through');
  await expect(page.getByText('Your bank declined the card.')).toBeVisible();
  expect(await available(request, variant.id)).toBe(before); // released

  await page.getByTestId('try-again').click();
  await expect(page).toHaveURL(new RegExp(`/pay/${orderId}$`));
  await page.getByTestId('insufficient-funds').click();
  await expect(page.getByText('there are not enough funds')).toBeVisible();
  await page.getByTestId('try-again').click();
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('payment-result')).toHaveText('Thank you — your order is confirmed');
  expect(await available(request, variant.id)).toBe(before - 1); // reserved again and committed, once
});
