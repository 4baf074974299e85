/** What the e2e journeys expect to find: read from the same deterministic generator the seed uses. */
import { generateDemoShop, type SeedVariant } from '../db/seed/generate';

const shop = generateDemoShop();

export function unitsOf(variantId: string): number {
  return shop.stock.filter((s) => s.variantId === variantId).reduce((sum, s) => sum + s.onHand, 0);
}

/** A product in `categorySlug` with both colour and size, one sold-out variant and one with plenty in stock. */
export function productWithSoldOutAndInStockVariants(categorySlug: string) {
  const category = shop.categories.find((c) => c.slug === categorySlug);
  if (!category) throw new Error(`no category ${categorySlug}`);
  const leafIds = new Set([category.id, ...shop.categories.filter((c) => c.parentId === category.id).map((c) => c.id)]);
  for (const product of shop.products.filter((p) => leafIds.has(p.categoryId))) {
    const variants = shop.variants.filter((v) => v.productId === product.id);
    const soldOut = variants.find((v) => unitsOf(v.id) === 0 && v.options.size && v.options.color);
    const inStock = variants.find((v) => unitsOf(v.id) > 10 && v.options.color !== soldOut?.options.color);
    if (soldOut && inStock) return { product, soldOut, inStock };
  }
  throw new Error(`no suitable product in ${categorySlug}`);
}

/** A variant with the product it belongs to, as the cart and wishlist show it. */
export type ShopVariant = SeedVariant & { productSlug: string; productName: string };

/**
 * `count` variants of different products, each well stocked (over 20 units, so
 * nothing any journey adds can make them short), after skipping the first
 * `skip` such products. Stable across runs.
 */
export function wellStockedVariants(count: number, skip = 0): ShopVariant[] {
  const picked: ShopVariant[] = [];
  for (const product of shop.products) {
    const variant = shop.variants.find((v) => v.productId === product.id && unitsOf(v.id) > 20);
    if (variant) picked.push({ ...variant, productSlug: product.slug, productName: product.name });
    if (picked.length === skip + count) return picked.slice(skip);
  }
  throw new Error(`the demo shop has fewer than ${skip + count} well-stocked products`);
}

export function formatUsd(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

export type { SeedVariant };

/**
 * Variants with only a few units in all (1 to `maxUnits`) and a colour or size to
 * pick, each of a different product, in the generator's order. Stable across runs.
 */
export function lowStockVariants(maxUnits = 4): (ShopVariant & { units: number })[] {
  const picked: (ShopVariant & { units: number })[] = [];
  for (const product of shop.products) {
    const variant = shop.variants.find((v) => {
      const units = unitsOf(v.id);
      return v.productId === product.id && units >= 1 && units <= maxUnits && (v.options.color || v.options.size);
    });
    if (variant) picked.push({ ...variant, productSlug: product.slug, productName: product.name, units: unitsOf(variant.id) });
  }
  return picked;
}
