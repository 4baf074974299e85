/** Cached catalog reads for pages, tagged so they can be revalidated on demand (see cache-tags.ts). */
import { unstable_cache } from 'next/cache';
import { getDb } from '@/db/client';
import { catalogTags } from './cache-tags';
import { fetchCategoryTree, fetchListing, fetchProduct, fetchProductIdBySlug } from './queries';
import type { ListingQuery } from './types';

const ONE_HOUR = 3600;

export const getCategoryTree = unstable_cache(() => fetchCategoryTree(getDb()), ['catalog-category-tree'], {
  tags: [catalogTags.all, catalogTags.categories],
  revalidate: ONE_HOUR,
});

export const getListing = unstable_cache((query: ListingQuery) => fetchListing(getDb(), query), ['catalog-listing'], {
  tags: [catalogTags.all, catalogTags.listings],
  revalidate: ONE_HOUR,
});

export async function getProductBySlug(slug: string) {
  const productId = await unstable_cache(() => fetchProductIdBySlug(getDb(), slug), ['catalog-product-slug', slug], {
    tags: [catalogTags.all, catalogTags.productSlugs],
    revalidate: ONE_HOUR,
  })();
  if (!productId) return null;
  return unstable_cache(() => fetchProduct(getDb(), productId), ['catalog-product', productId], {
    tags: [catalogTags.all, catalogTags.product(productId)],
    revalidate: ONE_HOUR,
  })();
}
