import { getDb } from '@/db/client';
import { boughtTogether, popularProducts } from '@/lib/recommendations/queries';
import { ProductShelf } from './product-shelf';

const SHOWN = 4;

/** Under the cart: what others bought with these items, or popular products when there is no such history. */
export async function CartRecommendations({ productIds }: { productIds: string[] }) {
  const db = getDb();
  const together = await boughtTogether(db, productIds, { limit: SHOWN });
  if (together.length > 0) {
    return <ProductShelf title="Bought together" note="Shoppers who bought these also bought." products={together} testId="cart-recommendations" />;
  }
  return <ProductShelf title="You might also like" products={await popularProducts(db, { limit: SHOWN, exclude: productIds })} testId="cart-recommendations" />;
}
