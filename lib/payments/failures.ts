import { and, desc, eq, like } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { orderEvents } from '@/db/schema';

/** The decline code of the order's last failed payment ("insufficient_funds", …), from its timeline. */
export async function lastPaymentFailure(db: DbOrTx, orderId: string): Promise<string | null> {
  const [event] = await db
    .select({ reason: orderEvents.reason })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, 'payment_failed'), like(orderEvents.reason, 'payment failed:%')))
    .orderBy(desc(orderEvents.id))
    .limit(1);
  return event ? event.reason.replace('payment failed: ', '') : null;
}
