/**
 * The payment webhook. The event's signature is checked against the raw body;
 * its id is recorded in `webhook_events` in the same transaction that acts on
 * it, so a duplicate (even a concurrent one, which waits on the id's unique
 * key) is answered 200 and does nothing again, and a crash leaves no trace for
 * the provider's retry to trip over. The order row is locked and only
 * transitions the state machine allows are made. Payment events
 * (payment.succeeded / failed / flagged / refunded) are emitted in the same
 * transaction and only when the payment's record actually changes, so a second
 * event about the same payment (a session completed after its intent
 * succeeded) announces nothing twice.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { transactionWithRetry } from '@/db/retry';
import { orderEvents, orderItems, payments, refunds, webhookEvents } from '@/db/schema';
import { emit } from '@/lib/events/outbox';
import { OutOfStockError } from '@/lib/inventory/errors';
import { reserveStock } from '@/lib/inventory/reserve';
import { formatMoney } from '@/lib/money';
import { lockOrder, transitionOrder } from '@/lib/orders/transition';
import { lockPromotion } from '@/lib/promotions/store';
import { interpretEvent, verifyEvent, type PaymentOutcome, type VerifiedEvent } from './stripe-events';

export type WebhookResult = { status: number; body: Record<string, unknown> };

const PROVIDER = { kind: 'provider' as const };
const uuid = z.uuid();

export async function handlePaymentWebhook(db: DbOrTx, rawBody: string, signature: string | null, secret: string): Promise<WebhookResult> {
  let event: VerifiedEvent;
  try {
    event = verifyEvent(rawBody, signature, secret);
  } catch (error) {
    return { status: 400, body: { error: { code: 'invalid_request', message: (error as Error).message } } };
  }
  const outcome = interpretEvent(event);

  return transactionWithRetry(db, async (tx) => {
    const inserted = await tx
      .insert(webhookEvents)
      .values({ provider: 'stripe', eventId: event.id, type: event.type, payload: withoutNul(JSON.parse(rawBody)) })
      .onConflictDoNothing()
      .returning({ eventId: webhookEvents.eventId });
    if (inserted.length === 0) return { status: 200, body: { received: true, duplicate: true } };

    const result = await act(tx, outcome);
    await tx
      .update(webhookEvents)
      .set({ result, processedAt: sql`now()` })
      .where(sql`${webhookEvents.provider} = 'stripe' and ${webhookEvents.eventId} = ${event.id}`);
    return { status: 200, body: { received: true, result } };
  });
}

/** jsonb cannot hold U+0000 or a lone surrogate (in a string or a key): a signed event carrying one is kept with U+FFFD instead of failing with a 500. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(UNSTORABLE, '\uFFFD'), withoutNul(v)]));
  return value;
}

async function act(tx: DbOrTx, outcome: PaymentOutcome): Promise<string> {
  if (outcome.kind === 'ignored') return `ignored: ${outcome.why}`;
  if (!outcome.orderId || !uuid.safeParse(outcome.orderId).success) return 'ignored: no order in metadata.order_id';
  const orderId = outcome.orderId;
  let order;
  try {
    order = await lockOrder(tx, orderId);
  } catch {
    return 'ignored: unknown order';
  }
  const [payment] = await tx.select().from(payments).where(eq(payments.orderId, orderId)).for('update');
  if (!payment) return 'ignored: order has no payment';

  switch (outcome.kind) {
    case 'failed': {
      if (payment.status === 'pending' || payment.status === 'failed') {
        await tx.update(payments).set({ status: 'failed', lastError: outcome.reason, updatedAt: sql`now()` }).where(eq(payments.id, payment.id));
      }
      if (payment.status === 'pending') await emit(tx, { type: 'payment.failed', orderId, paymentId: payment.id, reason: outcome.reason });
      if (order.status !== 'pending_payment') return `no change: order is ${order.status}`;
      await transitionOrder(tx, orderId, 'payment_failed', { actor: PROVIDER, reason: `payment failed: ${outcome.reason}` });
      return 'payment_failed';
    }

    case 'refunded': {
      const settled = await tx
        .update(refunds)
        .set({ status: 'succeeded' })
        .where(sql`${refunds.orderId} = ${orderId} and ${refunds.status} <> 'succeeded'`)
        .returning({ id: refunds.id, amountCents: refunds.amountCents, currency: refunds.currency });
      await tx.update(payments).set({ status: 'refunded', updatedAt: sql`now()` }).where(eq(payments.id, payment.id));
      for (const refund of settled) await emit(tx, { type: 'payment.refunded', orderId, refundId: refund.id, amountCents: refund.amountCents, currency: refund.currency });
      if (settled.length === 0 && payment.status === 'succeeded') {
        // Refunded at the provider (its dashboard), not through Stockwise: there is no refund row to name.
        const amountCents = outcome.amountRefundedCents > 0 ? outcome.amountRefundedCents : payment.amountCents;
        await emit(tx, { type: 'payment.refunded', orderId, refundId: `provider:${outcome.paymentIntentId ?? payment.id}`, amountCents, currency: payment.currency });
      }
      if (order.status === 'delivered') {
        await transitionOrder(tx, orderId, 'refunded', { actor: PROVIDER, reason: 'refunded at the payment provider' });
      }
      return 'refund recorded';
    }

    case 'succeeded': {
      if (outcome.amountCents !== order.totalCents || outcome.currency !== order.currency) {
        const reason = `amount mismatch: paid ${formatMoney(outcome.amountCents, outcome.currency)}, order total ${formatMoney(order.totalCents, order.currency)}`;
        await flag(tx, payment, reason);
        return `flagged: ${reason}`;
      }
      if (payment.status === 'succeeded') return 'no change: already paid';
      const [clash] = await tx
        .select({ orderId: payments.orderId })
        .from(payments)
        .where(sql`${payments.providerPaymentId} = ${outcome.paymentIntentId} and ${payments.id} <> ${payment.id}`);
      if (clash) {
        const reason = `payment ${outcome.paymentIntentId} is already recorded for another order`;
        await flag(tx, payment, reason);
        return `flagged: ${reason}`;
      }
      // Stripe does not promise order: the refund's event (charge.refunded) can overtake the success's.
      // The money came and went back; end where in-order delivery ends (paid, then refunded), not "succeeded".
      const refundedFirst = payment.status === 'refunded';
      await tx
        .update(payments)
        .set({ status: refundedFirst ? 'refunded' : 'succeeded', providerPaymentId: outcome.paymentIntentId, updatedAt: sql`now()` })
        .where(eq(payments.id, payment.id));
      await emit(tx, { type: 'payment.succeeded', orderId, paymentId: payment.id, amountCents: outcome.amountCents, currency: outcome.currency });
      if (refundedFirst) {
        await emit(tx, { type: 'payment.refunded', orderId, refundId: `provider:${outcome.paymentIntentId}`, amountCents: outcome.amountCents, currency: outcome.currency });
      }

      if (order.status === 'pending_payment') {
        await transitionOrder(tx, orderId, 'confirmed', { actor: PROVIDER, reason: 'payment succeeded' });
        return 'confirmed';
      }
      if (order.status === 'payment_failed' || order.status === 'cancelled') return latePayment(tx, order, order.status);
      // Paid already by other means (e.g. confirmed by hand): keep the record, change nothing.
      return `no change: order is ${order.status}`;
    }
  }
}

/**
 * The money arrived after the order gave its stock back (it expired, or an
 * earlier attempt failed). Reserve again if the stock is still there and
 * confirm; otherwise refund. An order a person cancelled is always refunded.
 */
async function latePayment(tx: DbOrTx, order: { id: string; promotionId: string | null }, status: 'payment_failed' | 'cancelled'): Promise<string> {
  const orderId = order.id;
  const [last] = await tx
    .select({ actor: orderEvents.actor })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(sql`${orderEvents.id} desc`)
    .limit(1);
  const cancelledByPerson = status === 'cancelled' && last?.actor !== 'system';
  if (!cancelledByPerson) {
    const items = await tx.select({ variantId: orderItems.variantId, quantity: orderItems.quantity }).from(orderItems).where(eq(orderItems.orderId, orderId));
    // Confirming takes the promotion's use again (lib/orders/transition.ts): its row before any stock row, as checkout does.
    if (order.promotionId) await lockPromotion(tx, order.promotionId);
    try {
      // A savepoint: a shortfall undoes only this attempt.
      await tx.transaction((sp) => reserveStock(sp, orderId, items));
      await transitionOrder(tx, orderId, 'confirmed', { actor: PROVIDER, reason: 'payment succeeded after the order had lapsed; stock reserved again' });
      return 'confirmed (late payment, stock reserved again)';
    } catch (error) {
      if (!(error instanceof OutOfStockError)) throw error;
    }
  }
  await transitionOrder(tx, orderId, 'refunded', {
    actor: PROVIDER,
    reason: cancelledByPerson ? 'paid after it was cancelled: refunded' : 'paid after its stock was gone: refunded',
  });
  const [payment] = await tx.select().from(payments).where(eq(payments.orderId, orderId));
  if (payment) await flag(tx, payment, 'paid after the order lapsed; refunded');
  return 'refunded (late payment)';
}

/** Flags a payment for the merchant; announced only when the reason is new (the same mismatch reported twice is one flag). */
async function flag(tx: DbOrTx, payment: { id: string; orderId: string; flaggedReason: string | null }, reason: string): Promise<void> {
  await tx.update(payments).set({ flaggedReason: reason, updatedAt: sql`now()` }).where(eq(payments.id, payment.id));
  if (payment.flaggedReason !== reason) await emit(tx, { type: 'payment.flagged', orderId: payment.orderId, paymentId: payment.id, reason });
}
