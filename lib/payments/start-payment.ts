/**
 * Creates the order's payment at the provider, after the order's transaction
 * committed (never while rows are locked). Safe to call again and again: the
 * idempotency key `order-<id>` makes the provider return the same payment.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { orders, payments } from '@/db/schema';
import { notFound } from '@/lib/api/errors';
import { publicUrl } from '@/lib/app-url';
import { paymentProvider } from './config';

export async function startPayment(db: DbOrTx, orderId: string): Promise<{ checkoutUrl: string; providerPaymentId: string }> {
  const [row] = await db
    .select({ payment: payments, order: orders })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(eq(payments.orderId, orderId));
  if (!row) throw notFound('Payment');
  const { payment, order } = row;
  if (payment.providerPaymentId && payment.checkoutUrl) return { checkoutUrl: payment.checkoutUrl, providerPaymentId: payment.providerPaymentId };

  const created = await paymentProvider().createPayment({
    orderId,
    orderNumber: order.number,
    amountCents: payment.amountCents,
    currency: payment.currency,
    email: order.email,
    idempotencyKey: payment.idempotencyKey,
    successUrl: `${publicUrl()}/pay/${orderId}/success`,
    cancelUrl: `${publicUrl()}/pay/${orderId}`,
  });
  await db
    .update(payments)
    .set({ providerPaymentId: created.providerPaymentId, checkoutUrl: created.checkoutUrl, updatedAt: sql`now()` })
    .where(and(eq(payments.id, payment.id), isNull(payments.providerPaymentId)));
  return created;
}
