import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { orders } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { setExactStock } from './stock';

/**
 * Places one-line orders for a shopper, each on the next variant of `pool` with its
 * stock set to exactly `units` first: `newOrder(quantity, units)` → its id, variant and total.
 */
export function orderMaker(db: Db, shopperId: string, pool: readonly { id: string }[]) {
  let next = 0;
  return async function newOrder(quantity = 1, units = 10) {
    const variant = pool[next++]!;
    await setExactStock(db, variant.id, [units]);
    const { orderId } = await placeOrder(db, { userId: shopperId, email: 'shopper@example.com', lines: [{ variantId: variant.id, quantity }] });
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    return { orderId, variantId: variant.id, totalCents: order!.totalCents };
  };
}
