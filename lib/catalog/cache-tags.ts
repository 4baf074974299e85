/**
 * Cache tags for catalog data. Pages cache catalog reads under these tags;
 * whoever changes a product or moves its stock across a label threshold
 * (in stock → low stock → sold out) calls `revalidateProductCaches`.
 */
import { revalidateTag } from 'next/cache';

export const catalogTags = {
  /** Everything the storefront caches from the catalog. */
  all: 'catalog',
  categories: 'catalog:categories',
  /** Every listing (home, category pages): their cards show prices and stock. */
  listings: 'catalog:listings',
  productSlugs: 'catalog:slugs',
  product: (productId: string) => `product:${productId}`,
} as const;

/** Marks a product's page and every listing stale; they refresh on their next visit. */
export function revalidateProductCaches(productId: string): void {
  revalidateTag(catalogTags.product(productId), 'max');
  revalidateTag(catalogTags.listings, 'max');
}

/** After categories, slugs or the shape of the catalog change. */
export function revalidateCatalog(): void {
  revalidateTag(catalogTags.all, 'max');
}
