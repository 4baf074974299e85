/**
 * Unpaid orders give their stock back. The job scheduled at `expires_at` and
 * the periodic sweep both come here; the status is re-checked under the
 * order's row lock, so expiry races safely with a payment webhook and a job
 * that runs twice releases once.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { transactionWithRetry } from '@/db/retry';
import { lockOrder, transitionOrder } from './transition';

export async function expireOrderIfDue(db: DbOrTx, orderId: string): Promise<boolean> {
  return transactionWithRetry(db, async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (order.status !== 'pending_payment' || !order.expiresAt) return false;
    const [{ due } = { due: false }] = await tx.execute<{ due: boolean }>(sql`select ${order.expiresAt.toISOString()}::timestamptz <= now() as due`);
    if (!due) return false;
    await transitionOrder(tx, orderId, 'cancelled', { actor: { kind: 'system' }, reason: 'expired: not paid in time' });
    return true;
  });
}

/** Expires every overdue unpaid order (those a lost or late job missed). Returns how many it expired. */
export async function sweepExpiredOrders(db: DbOrTx, limit = 500): Promise<number> {
  const overdue = await db.execute<{ id: string }>(sql`
    select id from orders where status = 'pending_payment' and expires_at <= now() order by expires_at limit ${limit}`);
  let expired = 0;
  for (const { id } of overdue) if (await expireOrderIfDue(db, id)) expired++;
  return expired;
}
