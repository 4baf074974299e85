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
import type { OrderStatus } from '@/lib/orders/status';

export const PAYMENT_TASKS = { cancel: 'cancel-payment', refund: 'refund-payment' } as const;

export async function paymentEffectsOfTransition(tx: DbOrTx, orderId: string, from: OrderStatus, to: OrderStatus, reason: string): Promise<void> {
  const [payment] = await tx.select().from(payments).where(eq(payments.orderId, orderId)).for('update');
  if (!payment) return;

  if (from === 'pending_payment' && (to === 'cancelled' || to === 'payment_failed')) {
    if (payment.status === 'pending') {
      await tx.update(payments).set({ status: to === 'cancelled' ? 'canceled' : 'failed', updatedAt: sql`now()` }).where(eq(payments.id, payment.id));
      if (payment.providerPaymentId) await addJob(tx, PAYMENT_TASKS.cancel, { paymentId: payment.id }, { jobKey: `cancel-payment:${payment.id}` });
    }
    return;
  }

  const givesMoneyBack = (to === 'cancelled' && (from === 'confirmed' || from === 'processing')) || to === 'refunded';
  if (givesMoneyBack && payment.status === 'succeeded') {
    const [refund] = await tx
      .insert(refunds)
      .values({
        paymentId: payment.id,
        orderId,
        amountCents: payment.amountCents,
        currency: payment.currency,
        reason,
        idempotencyKey: `refund-${orderId}`,
      })
      .onConflictDoNothing()
      .returning({ id: refunds.id });
    if (refund) await addJob(tx, PAYMENT_TASKS.refund, { refundId: refund.id }, { jobKey: `refund:${refund.id}` });
  }
}

/** For tests and the admin: the refunds of an order. */
export function refundsOf(db: DbOrTx, orderId: string) {
  return db.select().from(refunds).where(and(eq(refunds.orderId, orderId)));
}
