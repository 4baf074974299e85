import { expect, test, type Locator, type Page } from '@playwright/test';

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header would otherwise be drawn mid-page
  await page.screenshot({ path: `artifacts/e2e/${test.info().project.name}-${name}.png`, fullPage: true });
}

const isPhone = () => test.info().project.name === 'phone';

/** The page is interactive once the header has fetched who is looking (its client part has hydrated). */
async function hydrated(page: Page) {
  await expect(page.getByRole('navigation', { name: 'Your shopping' })).toHaveAttribute('aria-busy', 'false');
}

const option = (page: Page, facet: string, value: string) =>
  page.getByTestId(`facet-${facet}`).locator(`[data-testid="facet-option"][data-value="${value}"]`);

/** Ticks a facet value (on a phone, inside the Filters drawer) and waits for the search to include it. */
async function tick(page: Page, facet: string, value: string) {
  const target = option(page, facet, value);
  await target.click();
  await expect(page).toHaveURL(new RegExp(`filter=${facet}%3A${encodeURIComponent(value)}(&|$)`));
  await expect(target).toHaveAttribute('data-selected', 'true');
}

async function prices(results: Locator): Promise<number[]> {
  return (await results.getByTestId('result-price').allTextContents()).map((text) => Number(text.replace(/[^0-9.]/g, '')));
}

test('a typo is corrected, facets narrow, sort orders, a result opens on its variant and back returns', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);

  // The header's search box (on a phone, the row under the logo).
  const box = page.getByTestId('search-input');
  await box.fill('sneakrs');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?query=sneakrs$/);
  await expect(page.getByTestId('did-you-mean')).toContainText('Showing results for sneakers');
  await expect(page.getByTestId('did-you-mean')).toContainText('no results for “sneakrs”');
  await expect(page.getByTestId('result-count')).toHaveText(/^\d+ results? for “sneakers”$/);
  const results = page.getByTestId('search-result');
  await expect(results.first()).toBeVisible();
  await hydrated(page);

  // Two facets: a category and a colour (the first colour left once the category is chosen).
  if (isPhone()) {
    await page.getByTestId('filters-toggle').click();
    await expect(page.getByRole('dialog', { name: 'Filters' })).toBeVisible();
  }
  await tick(page, 'category', 'sneakers');
  const color = await page.getByTestId('facet-color').getByTestId('facet-option').first().getAttribute('data-value');
  expect(color).toBeTruthy();
  await tick(page, 'color', color!);
  if (isPhone()) {
    await page.getByTestId('filters-done').click();
    await expect(page.getByRole('dialog', { name: 'Filters' })).toBeHidden();
  }
  await expect(page.getByTestId('filter-chip')).toHaveCount(2);
  const url = new URL(page.url());
  expect(url.searchParams.getAll('filter').sort()).toEqual([`category:sneakers`, `color:${color}`].sort());

  // Every result is in the category.
  const count = await results.count();
  expect(count).toBeGreaterThan(0);
  for (const category of await results.evaluateAll((els) => els.map((el) => el.getAttribute('data-category')))) {
    expect(category).toBe('sneakers');
  }

  // Sort by price: ascending, filters kept.
  await page.getByTestId('sort').selectOption('price');
  await expect(page).toHaveURL(/sort=price(&|$)/);
  await expect.poll(async () => {
    const list = await prices(page.getByTestId('search-results'));
    return list.length === count && list.every((p, i) => i === 0 || list[i - 1]! <= p);
  }).toBe(true);
  expect(new URL(page.url()).searchParams.getAll('filter')).toHaveLength(2);
  const filteredUrl = page.url();
  await shot(page, 'search');

  // Open a result: the product page opens on the variant that matched (the colour chosen).
  const first = results.first();
  const name = (await first.getByTestId('result-link').textContent())!;
  const href = (await first.getByTestId('result-link').getAttribute('href'))!;
  const variantId = new URL(href, 'http://x').searchParams.get('variant');
  expect(variantId).toMatch(/^[0-9a-f-]{36}$/);
  await first.getByTestId('result-link').click();
  await expect(page).toHaveURL(new RegExp(`/products/[^?]+\\?variant=${variantId}`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('button[data-option="color"][aria-pressed="true"]')).toHaveText(new RegExp(`^${color}`));

  // Back to the same filtered, sorted results.
  await page.goBack();
  await expect(page).toHaveURL(filteredUrl);
  await expect(results.first()).toBeVisible();
  await expect(results).toHaveCount(count);
  await expect(option(page, 'category', 'sneakers')).toHaveAttribute('data-selected', 'true');
  await expect(option(page, 'color', color!)).toHaveAttribute('data-selected', 'true');
  await expect(page.getByTestId('sort')).toHaveValue('price');

  // Removing a chip drops that filter and keeps the other.
  await page.getByTestId('filter-chip').filter({ hasText: color! }).click();
  await expect(page).toHaveURL(/filter=category%3Asneakers/);
  await expect(page).not.toHaveURL(/filter=color/);
});

test('suggestions appear while typing, the keyboard moves through them, and choosing one searches for it', async ({ page }) => {
  await page.goto('/search');
  await hydrated(page);
  await expect(page.getByTestId('result-count')).toHaveText(/^\d+ products$/);

  const box = page.getByTestId('search-input');
  await box.pressSequentially('tee', { delay: 30 });
  const suggestions = page.getByTestId('suggestion');
  await expect(suggestions.first()).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('listbox', { name: 'Suggestions' })).toBeVisible();

  await box.press('ArrowDown');
  await expect(suggestions.first()).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await suggestions.first().getAttribute('id'))!);
  await box.press('ArrowDown');
  await expect(suggestions.nth(1)).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowUp');
  const chosen = (await suggestions.first().textContent())!;
  await box.press('Enter');

  await expect(page).toHaveURL(`/search?query=${encodeURIComponent(chosen).replace(/%20/g, '+')}`);
  await expect(page.getByTestId('result-count')).toContainText(`for “${chosen}”`);
  await expect(page.getByTestId('search-result').first().getByTestId('result-link')).toHaveText(chosen);
  await expect(box).toHaveValue(chosen);

  // From another page's header, with the mouse.
  await page.goto('/categories/clothing');
  await hydrated(page);
  await page.getByTestId('search-input').pressSequentially('hood', { delay: 30 });
  await expect(page.getByTestId('suggestion').first()).toBeVisible();
  const picked = (await page.getByTestId('suggestion').first().textContent())!;
  await page.getByTestId('suggestion').first().click();
  await expect(page).toHaveURL(/\/search\?query=/);
  await expect(page.getByTestId('result-count')).toContainText(`for “${picked}”`);

  // Escape closes the list without searching.
  const pageBox = page.getByTestId('search-input');
  await pageBox.fill('');
  await pageBox.pressSequentially('tee', { delay: 30 });
  await expect(page.getByTestId('suggestion').first()).toBeVisible();
  await pageBox.press('Escape');
  await expect(page.getByTestId('suggestion')).toHaveCount(0);
  await expect(pageBox).toHaveAttribute('aria-expanded', 'false');
});

test('an impossible query shows the empty state; a bad filter shows its error', async ({ page }) => {
  await page.goto('/search?query=qzxvqzxv+wkpfjq');
  await expect(page.getByTestId('no-results')).toBeVisible();
  await expect(page.getByTestId('result-count')).toHaveText('0 results for “qzxvqzxv wkpfjq”');
  await expect(page.getByTestId('did-you-mean')).toHaveCount(0);
  await expect(page.getByTestId('search-result')).toHaveCount(0);
  await expect(page.getByTestId('no-results').getByRole('link', { name: 'Footwear' })).toBeVisible();
  await shot(page, 'search-empty');

  // Filters that leave nothing: the empty state offers to clear them.
  await page.goto('/search?query=sneakers&filter=price:under-25');
  await expect(page.getByTestId('no-results')).toBeVisible();
  await page.getByTestId('no-results-clear').click();
  await expect(page).toHaveURL(/\/search\?query=sneakers$/);
  await expect(page.getByTestId('search-result').first()).toBeVisible();

  const response = await page.goto('/search?query=tee&filter=shape:round');
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('search-error')).toContainText('Invalid filter');
  await expect(page.getByTestId('search-input')).toHaveValue('tee');
});

test('the search page and the header search fit a small phone', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/search?query=sneakrs', '/search?query=jacket&filter=brand:Halden&filter=price:200-plus&filter=in_stock:true', '/search?query=qzxvqzxv']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
