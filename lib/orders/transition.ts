/**
 * The one function that changes an order's status. It locks the order row,
 * refuses anything the state machine does not allow (409 `invalid_transition`),
 * applies the transition's stock effect, records it in `order_events` and
 * emits `order.<status>` — all in the caller's transaction (or its own).
 */
import { eq, sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { orderEvents, orders } from '@/db/schema';
import { ApiError, notFound } from '@/lib/api/errors';
import { emit } from '@/lib/events/outbox';
import { commitReservations, releaseReservations, restockCommitted } from '@/lib/inventory/reserve';
import { canTransition, type OrderStatus } from './status';

export type OrderActor = { kind: 'shopper' | 'merchant' | 'system' | 'provider'; userId?: string | null };
export type OrderRow = typeof orders.$inferSelect;

export type TransitionResult = { order: OrderRow; changed: boolean; from: OrderStatus };

export async function lockOrder(tx: DbOrTx, orderId: string): Promise<OrderRow> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw notFound('Order');
  return order;
}

/** What the stock does when an order moves from one status to another. */
async function applyStockEffect(tx: DbOrTx, orderId: string, from: OrderStatus, to: OrderStatus): Promise<void> {
  if (from === 'pending_payment' && to === 'confirmed') await commitReservations(tx, orderId);
  else if (from === 'pending_payment' && (to === 'payment_failed' || to === 'cancelled')) await releaseReservations(tx, orderId);
  else if ((from === 'confirmed' || from === 'processing') && to === 'cancelled') await restockCommitted(tx, orderId, 'order cancelled: restocked');
}

/**
 * Moves the order to `to`. Asking for the status it already has is a no-op
 * (`changed: false`), so a retried request or a duplicate event acts once.
 */
export function transitionOrder(
  db: DbOrTx,
  orderId: string,
  to: OrderStatus,
  context: { actor: OrderActor; reason: string; data?: Record<string, unknown> },
): Promise<TransitionResult> {
  return inTransaction(db, (tx) => transitionLocked(tx, orderId, to, context));
}

async function transitionLocked(
  tx: DbOrTx,
  orderId: string,
  to: OrderStatus,
  context: { actor: OrderActor; reason: string; data?: Record<string, unknown> },
): Promise<TransitionResult> {
  const order = await lockOrder(tx, orderId);
  const from = order.status;
  if (from === to) return { order, changed: false, from };
  if (!canTransition(from, to)) {
    throw new ApiError(409, 'invalid_transition', `An order that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`, {
      from,
      to,
    });
  }
  await applyStockEffect(tx, orderId, from, to);
  const [updated] = await tx.update(orders).set({ status: to, updatedAt: sql`now()` }).where(eq(orders.id, orderId)).returning();
  await tx.insert(orderEvents).values({
    orderId,
    fromStatus: from,
    toStatus: to,
    reason: context.reason,
    actor: context.actor.kind,
    actorUserId: context.actor.userId ?? null,
    data: context.data ?? {},
  });
  await emit(tx, { type: `order.${to}`, orderId, userId: order.userId, from, reason: context.reason });
  return { order: updated!, changed: true, from };
}
