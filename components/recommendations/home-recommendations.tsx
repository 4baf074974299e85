import { getDb } from '@/db/client';
import { getPopularProducts } from '@/lib/recommendations/cached';
import { recommendedForUser } from '@/lib/recommendations/queries';
import { getCurrentUser } from '@/lib/session/current-user';
import { ProductShelf } from './product-shelf';

const SHOWN = 4;

/** The home page is rendered per request: a signed-in shopper gets their own suggestions, a guest the popular ones. */
export async function HomeRecommendations() {
  const user = await getCurrentUser().catch(() => null);
  if (user) {
    const products = await recommendedForUser(getDb(), user.id, SHOWN);
    return <ProductShelf title="Recommended for you" note="Picked from what you bought and saved." products={products} testId="recommended-for-you" />;
  }
  return <ProductShelf title="Popular right now" note="Most bought in the last 30 days." products={await getPopularProducts(SHOWN)} testId="popular-products" />;
}
