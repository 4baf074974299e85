import { expect, test } from '@playwright/test';
import { newContext, signIn } from './people';
import { wellStockedVariants } from './demo-shop';

const PASSWORD = 'e2e-notifications-pw';
const MERCHANT_KEY = 'sw_test_merchant_demo';
const ADDRESS = { name: 'Nico Notified', line1: '4 Bell Street', city: 'Springfield', postalCode: '12345' };
const project = () => test.info().project.name;
/** Variants no other spec buys: slots 170–174 (desktop) and 175–179 (phone), between the flash-sale and admin-orders specs. */
const myVariant = (slot: number) => wellStockedVariants(1, (project() === 'desktop' ? 170 : 175) + slot)[0]!;

test('a shopper pays; the bell shows the news, the inbox lists it as paid and confirmed, and "mark all read" clears it; staff hear of the paid order', async ({ page, browser, request }) => {
  const variant = myVariant(0);
  const email = `notify-${Date.now()}-${project()}@example.com`;
  expect((await request.post('/api/v1/users', { data: { email, password: PASSWORD, name: 'Nico' } })).status()).toBe(201);

  // Signed in, with nothing yet: the bell says so.
  await signIn(page, email, PASSWORD, '/');
  const bell = page.getByRole('link', { name: /^Notifications, / });
  await expect(bell).toHaveAccessibleName('Notifications, none unread');

  // Buy one item and pay on the simulated pay page.
  await page.goto(`/products/${variant.productSlug}?variant=${variant.id}`);
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();
  await page.goto('/checkout');
  await page.getByLabel('Full name').fill(ADDRESS.name);
  await page.getByLabel('Address', { exact: true }).fill(ADDRESS.line1);
  await page.getByLabel('City').fill(ADDRESS.city);
  await page.getByLabel('Postal code').fill(ADDRESS.postalCode);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
  const orderId = new URL(page.url()).pathname.split('/').pop()!;
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('payment-result')).toHaveText('Thank you — your order is confirmed');
  const orderResponse = await request.get(`/api/v1/orders/${orderId}`, { headers: { authorization: `Bearer ${MERCHANT_KEY}` } });
  const number = (await orderResponse.json()).number as number;

  // The jobs run in the background: the bell shows the two new notifications (received, then paid) once they have.
  await expect(async () => {
    await page.goto('/');
    await expect(bell).toHaveAccessibleName('Notifications, 2 unread', { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('notification-count')).toHaveText('2');

  await bell.click();
  await expect(page).toHaveURL(/\/account\/notifications$/);
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  const items = page.getByTestId('notification');
  await expect(items).toHaveCount(2);
  const paid = items.first();
  await expect(paid).toHaveAttribute('data-type', 'order.confirmed');
  await expect(paid).toHaveAttribute('data-unread', 'true');
  await expect(paid).toContainText(`Order #${number} is paid and confirmed`);
  await expect(paid).toContainText('New');
  await expect(items.nth(1)).toContainText(`Order #${number} received`);
  await expect(page.getByTestId('unread-summary')).toHaveText('2 unread');
  await page.screenshot({ path: `artifacts/e2e/${project()}-notifications.png`, fullPage: true });

  // The notification leads to the order.
  await expect(paid.getByRole('link', { name: /View/ })).toHaveAttribute('href', `/orders/${orderId}`);

  await page.getByTestId('mark-all-read').click();
  await expect(page.getByTestId('unread-summary')).toHaveText('All caught up.');
  await expect(items.first()).toHaveAttribute('data-unread', 'false');
  await expect(page.getByTestId('mark-all-read')).toHaveCount(0);
  await expect(bell).toHaveAccessibleName('Notifications, none unread');

  // A shopper may not read the shop's mailbox in production.
  expect((await page.goto('/dev/mailbox'))!.status()).toBe(404);

  // The merchant: the dashboard's bell leads to the inbox with the new paid order; the mail is in the dev mailbox.
  const merchantContext = await newContext(browser);
  const admin = await merchantContext.newPage();
  await signIn(admin, 'merchant@example.com', 'merchant-password', '/admin');
  await expect(admin.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const adminBell = admin.getByRole('link', { name: /^Notifications, \d+ unread$/ });
  await expect(adminBell).toBeVisible();
  await adminBell.click();
  await expect(admin).toHaveURL(/\/admin\/notifications$/);
  const news = admin.getByTestId('notification').filter({ hasText: `New paid order #${number}` });
  await expect(news).toHaveCount(1);
  await expect(news).toContainText(email);
  await admin.screenshot({ path: `artifacts/e2e/${project()}-admin-notifications.png`, fullPage: true });

  await admin.goto('/dev/mailbox');
  const mail = admin.getByTestId('mail').filter({ hasText: `Order #${number} is paid and confirmed` });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText(`To ${email}`);
  await mail.getByRole('link').click();
  await expect(admin.getByTestId('mail-subject')).toHaveText(`Order #${number} is paid and confirmed`);
  await expect(admin.getByTestId('mail-text')).toContainText(`/orders/${orderId}`);
  await merchantContext.close();
});

test('a new shopper’s inbox is empty and says what will appear there', async ({ page, request }) => {
  const email = `notify-empty-${Date.now()}-${project()}@example.com`;
  expect((await request.post('/api/v1/users', { data: { email, password: PASSWORD } })).status()).toBe(201);
  await signIn(page, email, PASSWORD, '/account/notifications');
  await expect(page).toHaveURL(/\/account\/notifications$/);
  await expect(page.getByTestId('notifications-empty')).toContainText('No notifications yet');
  await expect(page.getByRole('link', { name: 'Notifications, none unread' })).toBeVisible();

  // The bell fits the header of a small phone without pushing the page sideways.
  if (project() === 'phone') {
    await page.setViewportSize({ width: 360, height: 740 });
    await expect(page.getByRole('link', { name: 'Notifications, none unread' })).toBeInViewport();
    await expect(page.getByRole('link', { name: /^Cart/ })).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `artifacts/e2e/phone-360-notifications-empty.png` });
  }
});
