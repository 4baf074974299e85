/**
 * What an order's change of status means for its payment, in the same
 * transaction: a pending payment of an order that will never be paid is
 * cancelled at the provider; a paid order that is cancelled or given up is
 * refunded — exactly once, since the refund row's key is one per order. The
 * provider calls themselves are jobs, never made while rows are locked.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { payments, refunds } from '@/db/schema';
import { addJob } from '@/lib/events/outbox';
import type { MoneyEffect, OrderStatus } from '@/lib/orders/status';

export const PAYMENT_TASKS = { cancel: 'cancel-payment', refund: 'refund-payment' } as const;

export async function paymentEffectsOfTransition(tx: DbOrTx, orderId: string, effect: MoneyEffect, to: OrderStatus, reason: string): Promise<void> {
  if (effect === 'none') return;
  // The order's own payment (any other charge for it is refunded when it arrives: lib/payments/webhook.ts).
  const [payment] = await tx.select().from(payments).where(eq(payments.idempotencyKey, `order-${orderId}`)).for('update');
  if (!payment) return;

  if (effect === 'cancel_pending') {
    if (payment.status === 'pending') {
      await tx.update(payments).set({ status: to === 'cancelled' ? 'canceled' : 'failed', updatedAt: sql`now()` }).where(eq(payments.id, payment.id));
      if (payment.providerPaymentId) await addJob(tx, PAYMENT_TASKS.cancel, { paymentId: payment.id }, { jobKey: `cancel-payment:${payment.id}` });
    }
    return;
  }
  if (payment.status === 'succeeded') await queueRefund(tx, payment, reason, `refund-${orderId}`);
}

/**
 * Records a refund of what is left of a payment and queues the job that asks the provider. The key
 * is the refund's identity (and the provider's idempotency key): the same key twice is one refund.
 */
export async function queueRefund(
  tx: DbOrTx,
  payment: { id: string; orderId: string; amountCents: number; refundedCents: number; currency: string },
  reason: string,
  idempotencyKey: string,
): Promise<void> {
  const amountCents = payment.amountCents - payment.refundedCents;
  if (amountCents <= 0) return;
  const [refund] = await tx
    .insert(refunds)
    .values({ paymentId: payment.id, orderId: payment.orderId, amountCents, currency: payment.currency, reason, idempotencyKey })
    .onConflictDoNothing()
    .returning({ id: refunds.id });
  if (refund) await addJob(tx, PAYMENT_TASKS.refund, { refundId: refund.id }, { jobKey: `refund:${refund.id}` });
}

/** For tests and the admin: the refunds of an order. */
export function refundsOf(db: DbOrTx, orderId: string) {
  return db.select().from(refunds).where(and(eq(refunds.orderId, orderId)));
}
