import { getBoughtTogether } from '@/lib/recommendations/cached';
import { ProductShelf } from './product-shelf';

/** On the cached product page: the same for every shopper, refreshed when the recommendations job changes the list. */
export async function BoughtTogether({ productId }: { productId: string }) {
  const products = await getBoughtTogether(productId);
  return <ProductShelf title="Bought together" note="Often bought in the same order as this one." products={products} testId="bought-together" />;
}
