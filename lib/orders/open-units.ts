/** How many units of an item a shopper holds in orders that still count: every status but cancelled and payment_failed. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export async function unitsInOpenOrders(tx: DbOrTx, userId: string, variantId: string, placedSince: Date): Promise<number> {
  const [row] = await tx.execute<{ units: number }>(sql`
    select coalesce(sum(i.quantity), 0)::int as units
    from orders o join order_items i on i.order_id = o.id
    where o.user_id = ${userId} and i.variant_id = ${variantId}
      and o.created_at >= ${placedSince.toISOString()}::timestamptz
      and o.status not in ('cancelled', 'payment_failed')`);
  return row?.units ?? 0;
}
