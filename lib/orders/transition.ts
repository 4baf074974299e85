/**
 * The one function that changes an order's status. It locks the order row,
 * refuses anything the table of the order's life (`ORDER_LIFE` in ./status) does not allow
 * (409 `invalid_transition`), applies that row's promotion, stock and payment effects, records it in `order_events` and
 * emits `order.<status>` — all in the caller's transaction (or its own).
 */
import { eq, sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { orderEvents, orderItems, orders } from '@/db/schema';
import { ApiError, notFound } from '@/lib/api/errors';
import { emit } from '@/lib/events/outbox';
import { commitReservations, releaseReservations, restockCommitted } from '@/lib/inventory/reserve';
import { paymentEffectsOfTransition } from '@/lib/payments/after-transition';
import { returnPromotionUse, retakePromotionUse } from '@/lib/promotions/store';
import { archivedOrderError, archivedOrderOwner } from './archive';
import { transitionRule, type OrderActorKind, type OrderStatus, type PromotionEffect, type StockEffect } from './status';

export type OrderActor = { kind: OrderActorKind; userId?: string | null };
export type OrderRow = typeof orders.$inferSelect;

export type TransitionResult = { order: OrderRow; changed: boolean; from: OrderStatus };

/**
 * Locks a live order. An archived one answers 409 `archived` (read-only), except to a
 * customer who is not its owner (`visibleTo`), who gets the same 404 as for a missing order.
 */
export async function lockOrder(tx: DbOrTx, orderId: string, options: { visibleTo?: string } = {}): Promise<OrderRow> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (order) return order;
  const archived = await archivedOrderOwner(tx, orderId);
  if (archived && (options.visibleTo === undefined || archived.userId === options.visibleTo)) throw archivedOrderError(orderId);
  throw notFound('Order');
}

/** A lapsed order may only be confirmed once every unit it sells is reserved again. */
async function assertStockReservedAgain(tx: DbOrTx, orderId: string): Promise<void> {
  const [row] = await tx.execute<{ ordered: number; reserved: number }>(sql`
    select (select coalesce(sum(quantity), 0)::int from order_items where order_id = ${orderId}) as ordered,
           (select coalesce(sum(quantity), 0)::int from reservations where order_id = ${orderId} and status = 'active') as reserved`);
  if (!row || row.reserved !== row.ordered) {
    throw new ApiError(409, 'invalid_transition', 'A lapsed order can be confirmed only after its stock is reserved again', { to: 'confirmed' });
  }
}

/**
 * What the stock does. Returns whether units became available again (committing a sale changes
 * on hand and reserved alike, so availability stays as it was).
 */
async function applyStockEffect(tx: DbOrTx, orderId: string, effect: StockEffect): Promise<boolean> {
  switch (effect) {
    case 'recommit': // reserved again by the late payment first (checked by the caller)
    case 'commit':
      await commitReservations(tx, orderId);
      return false;
    case 'release':
      return (await releaseReservations(tx, orderId)) > 0;
    case 'restock':
      return (await restockCommitted(tx, orderId, 'order cancelled: restocked')) > 0;
    case 'none':
      return false;
  }
}

/**
 * An unpaid order that ends gives its promotion use back; a late payment that confirms it takes
 * it again; a paid order cancelled or refunded keeps it (the discount was granted). Tied to the
 * transition, which happens once per order under its row lock. Runs before the stock effect:
 * checkout locks the promotion row before stock rows, and so does this.
 */
async function applyPromotionEffect(tx: DbOrTx, order: OrderRow, effect: PromotionEffect): Promise<void> {
  if (!order.promotionId || effect === 'none') return;
  if (effect === 'return') await returnPromotionUse(tx, order.promotionId);
  else await retakePromotionUse(tx, order.promotionId);
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
  const rule = transitionRule(from, to, context.actor.kind);
  if (!rule) {
    throw new ApiError(409, 'invalid_transition', `An order that is ${from.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`, {
      from,
      to,
    });
  }
  if (rule.stock === 'recommit') await assertStockReservedAgain(tx, orderId);
  await applyPromotionEffect(tx, order, rule.promotion);
  const freedStock = await applyStockEffect(tx, orderId, rule.stock);
  await paymentEffectsOfTransition(tx, orderId, rule.money, to, context.reason);
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
  if (freedStock) {
    const items = await tx.select({ variantId: orderItems.variantId }).from(orderItems).where(eq(orderItems.orderId, orderId));
    await emit(tx, { type: 'inventory.changed', variantIds: items.map((i) => i.variantId) });
  }
  return { order: updated!, changed: true, from };
}
