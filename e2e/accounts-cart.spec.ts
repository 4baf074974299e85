import { expect, test, type Page } from '@playwright/test';
import { formatUsd, wellStockedVariants, type ShopVariant } from './demo-shop';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-${name}.png`, fullPage: true });

const PASSWORD = 'e2e-password-123';
const SHOPPER = { email: 'shopper@example.com', password: 'shopper-password' };

/** An address no earlier run (nor the other project in this run) has used. */
const uniqueEmail = () => `e2e-${Date.now()}-${test.info().project.name}-${Math.random().toString(36).slice(2, 6)}@example.com`;

const header = (page: Page) => page.getByRole('banner');
const cartCount = (page: Page) => header(page).getByTestId('cart-count');
const cartLine = (page: Page, variant: ShopVariant) => page.locator(`[data-testid="cart-line"][data-item-id="${variant.id}"]`);

async function addToCart(page: Page, variant: ShopVariant, quantity = 1) {
  await page.goto(`/products/${variant.productSlug}?variant=${variant.id}`);
  if (quantity > 1) await page.getByLabel('Quantity').selectOption(String(quantity));
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByTestId('added-to-cart')).toBeVisible();
}

async function fillSignUp(page: Page, email: string) {
  await page.getByLabel('Name (optional)').fill('Eve Tester');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function signIn(page: Page, email: string, password: string, callbackUrl?: string) {
  if (callbackUrl !== undefined) await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signOutFromHeader(page: Page) {
  await header(page).locator('summary').filter({ hasText: 'Account menu' }).click();
  await header(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
}

test('a guest cart merges into the account cart on sign-in', async ({ page }) => {
  const [a, b, c] = wellStockedVariants(3) as [ShopVariant, ShopVariant, ShopVariant];
  const email = uniqueEmail();

  await page.goto('/sign-up');
  await fillSignUp(page, email);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId('account-email')).toHaveText(email);
  await expect(header(page)).toContainText('Eve');

  await addToCart(page, a);
  await addToCart(page, b);
  await expect(cartCount(page)).toHaveText('2');

  await signOutFromHeader(page);
  await expect(cartCount(page)).toHaveText('0');

  // As a guest: one more of A, and C.
  await addToCart(page, a);
  await addToCart(page, c);
  await expect(cartCount(page)).toHaveText('2');

  await signIn(page, email, PASSWORD, '/cart');
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId('cart-line')).toHaveCount(3);
  await expect(cartLine(page, a).getByTestId('cart-quantity')).toHaveText('2');
  await expect(cartLine(page, b).getByTestId('cart-quantity')).toHaveText('1');
  await expect(cartLine(page, c).getByTestId('cart-quantity')).toHaveText('1');
  await expect(cartCount(page)).toHaveText('4');
  const subtotal = 2 * a.priceCents + b.priceCents + c.priceCents;
  await expect(page.getByTestId('cart-total')).toHaveText(formatUsd(subtotal + (subtotal >= 7500 ? 0 : 599)));
  await shot(page, 'cart');

  // The same cart on its own page after a reload: nothing was lost or doubled.
  await page.reload();
  await expect(page.getByTestId('cart-line')).toHaveCount(3);
  await expect(cartCount(page)).toHaveText('4');
});

test('the cart page changes quantities, removes lines and takes a promo code', async ({ page }) => {
  const [a, b] = wellStockedVariants(2, 3) as [ShopVariant, ShopVariant];
  await addToCart(page, a, 2);
  await addToCart(page, b);
  await page.goto('/cart');
  await expect(cartCount(page)).toHaveText('3');

  const lineA = cartLine(page, a);
  await lineA.getByRole('button', { name: `One more ${a.productName}` }).click();
  await expect(lineA.getByTestId('cart-quantity')).toHaveText('3');
  await expect(cartCount(page)).toHaveText('4');
  await lineA.getByRole('button', { name: `One fewer ${a.productName}` }).click();
  await expect(lineA.getByTestId('cart-quantity')).toHaveText('2');
  await expect(cartCount(page)).toHaveText('3');

  await cartLine(page, b).getByRole('button', { name: `Remove ${b.productName} from your cart` }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await expect(cartCount(page)).toHaveText('2');
  const subtotal = 2 * a.priceCents;
  const shipping = subtotal >= 7500 ? 0 : 599;
  await expect(page.getByTestId('cart-total')).toHaveText(formatUsd(subtotal + shipping));

  await page.getByLabel('Promo code').fill('NOT-A-CODE');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('NOT-A-CODE is not a valid code');
  await expect(page.getByLabel('Promo code')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Promo code').fill('welcome10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('promo-code')).toContainText('WELCOME10');
  const discount = Math.round(subtotal * 0.1);
  await expect(page.getByTestId('cart-discount')).toHaveText(`−${formatUsd(discount)}`);
  const shippingAfter = subtotal - discount >= 7500 ? 0 : 599;
  await expect(page.getByTestId('cart-total')).toHaveText(formatUsd(subtotal - discount + shippingAfter));

  await page.getByTestId('promo-code').getByRole('button', { name: /Remove/ }).click();
  await expect(page.getByLabel('Promo code')).toBeVisible();
  await expect(page.getByTestId('cart-total')).toHaveText(formatUsd(subtotal + shipping));

  await cartLine(page, a).getByRole('button', { name: /^Remove/ }).click();
  await expect(page.getByTestId('empty-cart')).toBeVisible();
  await expect(cartCount(page)).toHaveText('0');
});

test('a guest cart survives closing the browser', async ({ browser }) => {
  const [a] = wellStockedVariants(1, 5) as [ShopVariant];
  const baseURL = test.info().project.use.baseURL;

  const first = await browser.newContext({ baseURL });
  const page = await first.newPage();
  await addToCart(page, a, 2);
  const state = await first.storageState();
  await first.close();

  // A cookie with an expiry outlives the browser (a session cookie would not).
  const cookie = state.cookies.find((c) => c.name === 'sw_cart');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.expires ?? -1).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);

  const second = await browser.newContext({ baseURL, storageState: state });
  const again = await second.newPage();
  await again.goto('/cart');
  await expect(again.getByTestId('cart-line')).toHaveCount(1);
  await expect(cartLine(again, a).getByTestId('cart-quantity')).toHaveText('2');
  await expect(cartCount(again)).toHaveText('2');
  await second.close();
});

test('a guest is asked to sign in to save to the wishlist, and comes back to the product', async ({ page }) => {
  const [a] = wellStockedVariants(1, 6) as [ShopVariant];
  const productUrl = `/products/${a.productSlug}?variant=${a.id}`;
  await page.goto(productUrl);
  await page.getByTestId('save-to-wishlist').click();
  const signInLink = page.getByRole('main').getByRole('status').getByRole('link', { name: 'Sign in' });
  await expect(signInLink).toHaveAttribute('href', `/sign-in?callbackUrl=${encodeURIComponent(productUrl)}`);
  await signInLink.click();

  await page.getByRole('link', { name: 'Create an account' }).click();
  await fillSignUp(page, uniqueEmail());
  await expect(page).toHaveURL(new RegExp(`/products/${a.productSlug}\\?variant=${a.id}$`));

  await page.getByTestId('save-to-wishlist').click();
  await expect(page.getByRole('main').getByRole('status').getByRole('link', { name: 'View wishlist' })).toBeVisible();
  await page.goto('/wishlist');
  const item = page.locator(`[data-testid="wishlist-item"][data-item-id="${a.id}"]`);
  await expect(item).toContainText(a.productName);
  await expect(item).toContainText(formatUsd(a.priceCents));
  await shot(page, 'wishlist');

  await item.getByRole('button', { name: `Move ${a.productName} to your cart` }).click();
  await expect(page.getByTestId('empty-wishlist')).toBeVisible();
  await expect(cartCount(page)).toHaveText('1');
});

test('API keys are shown once and can be revoked', async ({ page }) => {
  await page.goto('/sign-up?callbackUrl=%2Faccount');
  await fillSignUp(page, uniqueEmail());
  await expect(page).toHaveURL(/\/account$/);

  await page.getByLabel('Name for a new key').fill('Inventory script');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByTestId('new-api-key')).toContainText('will not be shown again');
  const key = (await page.getByTestId('new-api-key-value').textContent())?.trim() ?? '';
  expect(key).toMatch(/^sw_live_/);
  const row = page.getByTestId('api-key').filter({ hasText: 'Inventory script' });
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  await expect(row).toContainText('Never');
  await shot(page, 'account');

  // Gone for good after leaving the page.
  await page.reload();
  await expect(page.getByTestId('new-api-key')).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  await row.getByRole('button', { name: 'Revoke Inventory script' }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(row).toHaveAttribute('data-revoked', 'true');
  await expect(row).toContainText('Revoked');
});

test('the sign-in form explains what went wrong and keeps the email', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByText('shopper@example.com')).toBeVisible(); // the demo shop names its accounts
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Email must be a valid email address');
  await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await signIn(page, SHOPPER.email, 'not-the-password');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('That email and password do not match an account.');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(SHOPPER.email);
  await shot(page, 'sign-in-error');
});

test('a customer does not get into the merchant dashboard', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin$/);

  await signIn(page, SHOPPER.email, SHOPPER.password);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You don’t have access to the dashboard');
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You don’t have access to the dashboard');
});

test('the header and the new pages fit a small phone, signed out and in', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const [a] = wellStockedVariants(1, 7) as [ShopVariant];
  const noOverflow = async () => {
    for (const path of ['/', '/sign-in', '/sign-up', '/cart', `/products/${a.productSlug}`, '/account', '/wishlist']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  };
  await addToCart(page, a, 12);
  await noOverflow();
  await page.goto('/sign-up');
  await fillSignUp(page, uniqueEmail());
  await expect(page).toHaveURL(/\/account$/);
  await noOverflow();
});
