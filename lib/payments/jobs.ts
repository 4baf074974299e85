/** The provider calls behind refunds and cancellations, run as jobs (retried with backoff on failure). */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { payments, refunds } from '@/db/schema';
import { emit } from '@/lib/events/outbox';
import type { PaymentProvider } from './provider';

/**
 * Refunds at the provider; the refund's own idempotency key makes a retried job
 * refund once. `payment.refunded` is emitted by whichever records the refund
 * first, this job or the provider's charge.refunded webhook.
 */
export async function runRefund(db: DbOrTx, refundId: string, provider: PaymentProvider): Promise<'refunded' | 'already done'> {
  const [row] = await db.select({ refund: refunds, payment: payments }).from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId)).where(eq(refunds.id, refundId));
  if (!row) throw new Error(`refund ${refundId} does not exist`);
  if (row.refund.status === 'succeeded') return 'already done';
  const charged = row.payment.paymentIntentId ?? row.payment.providerPaymentId;
  if (!charged) throw new Error(`payment ${row.payment.id} has no provider id to refund`);
  const { providerRefundId } = await provider.refundPayment({
    providerPaymentId: charged,
    amountCents: row.refund.amountCents,
    idempotencyKey: row.refund.idempotencyKey,
    reason: row.refund.reason,
  });
  await db.transaction(async (tx) => {
    // The payment row before the refund row, the order the webhook takes them in.
    const [payment] = await tx.select().from(payments).where(eq(payments.id, row.payment.id)).for('update');
    const [before] = await tx.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refundId)).for('update');
    await tx.update(refunds).set({ status: 'succeeded', providerRefundId }).where(eq(refunds.id, refundId));
    // The charge.refunded webhook may have recorded this refund first (with the provider's total): count it once.
    if (before?.status === 'succeeded' || !payment) return;
    const captured = Math.max(payment.capturedCents, payment.amountCents);
    const refunded = Math.min(captured, payment.refundedCents + row.refund.amountCents);
    await tx
      .update(payments)
      .set({ capturedCents: captured, refundedCents: refunded, ...(refunded >= captured ? { status: 'refunded' as const } : {}), updatedAt: sql`now()` })
      .where(eq(payments.id, payment.id));
    await emit(tx, { type: 'payment.refunded', orderId: row.refund.orderId, refundId, amountCents: row.refund.amountCents, currency: row.refund.currency });
  });
  return 'refunded';
}

/**
 * Stops a payment the order no longer wants. If the provider says it already
 * completed, the success webhook that follows is handled as a late payment.
 */
export async function runCancelPayment(db: DbOrTx, paymentId: string, provider: PaymentProvider): Promise<string> {
  const [payment] = await db.select().from(payments).where(eq(payments.id, paymentId));
  if (!payment?.providerPaymentId) return 'nothing to cancel';
  if (payment.status === 'succeeded' || payment.status === 'refunded') return `not cancelled: payment ${payment.status}`;
  try {
    await provider.cancelPayment({ providerPaymentId: payment.providerPaymentId, idempotencyKey: `cancel-${paymentId}` });
    return 'cancelled';
  } catch (error) {
    // A refusal (4xx) is final: retrying cannot change it.
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) return `provider refused: ${(error as Error).message}`;
    throw error;
  }
}
