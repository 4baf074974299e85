/**
 * Cached reads for pages. "Bought together" on a product page is the same for
 * every shopper, so it is cached with the product (tag `product:<id>`), and the
 * recommendations job revalidates that tag when the product's list changes.
 */
import { unstable_cache } from 'next/cache';
import { getDb } from '@/db/client';
import { catalogTags } from '@/lib/catalog/cache-tags';
import { BOUGHT_TOGETHER_SHOWN } from './bought-together';
import { boughtTogether, popularProducts } from './queries';

const ONE_HOUR = 3600;

export function getBoughtTogether(productId: string) {
  return unstable_cache(() => boughtTogether(getDb(), [productId], { limit: BOUGHT_TOGETHER_SHOWN }), ['recommendations-bought-together', productId], {
    tags: [catalogTags.all, catalogTags.product(productId)],
    revalidate: ONE_HOUR,
  })();
}

/** Popular products for guests: the same for everyone, refreshed every ten minutes. */
export const getPopularProducts = unstable_cache((limit: number) => popularProducts(getDb(), { limit }), ['recommendations-popular'], {
  tags: [catalogTags.all],
  revalidate: 600,
});
