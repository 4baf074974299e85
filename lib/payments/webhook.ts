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
import { isConnectionError, transactionWithRetry } from '@/db/retry';
import { orderEvents, orderItems, payments, refunds, webhookEvents } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { emit } from '@/lib/events/outbox';
import { OutOfStockError } from '@/lib/inventory/errors';
import { reserveStock } from '@/lib/inventory/reserve';
import { formatMoney } from '@/lib/money';
import { lockOrder, transitionOrder } from '@/lib/orders/transition';
import { lockPromotion } from '@/lib/promotions/store';
import { queueRefund } from './after-transition';
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

  try {
    return await transactionWithRetry(db, async (tx) => {
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
  } catch (error) {
    // The event's row rolled back with its effects: a 5xx makes the provider deliver it again, and that delivery acts.
    console.error(`[webhook] ${event.type} ${event.id} not processed; the provider will retry`, error);
    const status = isConnectionError(error) ? 503 : 500;
    return { status, body: { error: { code: status === 503 ? 'unavailable' : 'internal_error', message: 'The event could not be processed now; deliver it again' } } };
  }
}

/** jsonb cannot hold U+0000 or a lone surrogate (in a string or a key): a signed event carrying one is kept with U+FFFD instead of failing with a 500. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD');
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(UNSTORABLE, '\uFFFD'), withoutNul(v)]));
  return value;
}

type PaymentRow = typeof payments.$inferSelect;
type OrderLocked = Awaited<ReturnType<typeof lockOrder>>;
type Succeeded = Extract<PaymentOutcome, { kind: 'succeeded' }>;
type Refunded = Extract<PaymentOutcome, { kind: 'refunded' }>;

async function act(tx: DbOrTx, outcome: PaymentOutcome): Promise<string> {
  if (outcome.kind === 'ignored') return `ignored: ${outcome.why}`;
  if (!outcome.orderId || !uuid.safeParse(outcome.orderId).success) return 'ignored: no order in metadata.order_id';
  const order = await lockOrderIfKnown(tx, outcome.orderId);
  if (typeof order === 'string') return order;
  // Locks: the order row, then its payment rows (oldest first), then refund rows — everywhere.
  const rows = await tx.select().from(payments).where(eq(payments.orderId, order.id)).orderBy(payments.createdAt, payments.id).for('update');
  const primary = rows.find((p) => p.idempotencyKey === primaryKey(order.id)) ?? rows[0];
  if (!primary) return 'ignored: order has no payment';

  switch (outcome.kind) {
    case 'failed':
      return paymentFailed(tx, order, primary, outcome.reason);
    case 'refunded':
      return refundReported(tx, order, rows.find((p) => outcome.paymentIntentId !== null && p.paymentIntentId === outcome.paymentIntentId) ?? primary, outcome);
    case 'succeeded': {
      if (outcome.amountCents !== order.totalCents || outcome.currency !== order.currency) {
        const reason = `amount mismatch: paid ${formatMoney(outcome.amountCents, outcome.currency)}, order total ${formatMoney(order.totalCents, order.currency)}`;
        await flag(tx, primary, reason);
        return `flagged: ${reason}`;
      }
      // A row may name its PaymentIntent before the money arrives (the simulated provider's, or migrated rows): only captured money counts.
      const known = rows.find((p) => p.paymentIntentId === outcome.paymentIntentId && p.capturedCents > 0);
      if (known) return known.id === primary.id ? 'no change: already paid' : 'no change: second charge already being refunded';
      const [clash] = await tx
        .select({ orderId: payments.orderId })
        .from(payments)
        .where(sql`(${payments.paymentIntentId} = ${outcome.paymentIntentId} or ${payments.providerPaymentId} = ${outcome.paymentIntentId}) and ${payments.orderId} <> ${order.id}`);
      if (clash) {
        const reason = `payment ${outcome.paymentIntentId} is already recorded for another order`;
        await flag(tx, primary, reason);
        return `flagged: ${reason}`;
      }
      if (primary.capturedCents > 0 && primary.paymentIntentId !== null && primary.paymentIntentId !== outcome.paymentIntentId) {
        return refundSecondCharge(tx, primary, outcome);
      }
      return firstCharge(tx, order, primary, outcome);
    }
  }
}

const primaryKey = (orderId: string) => `order-${orderId}`;

/** A well-formed id that names no live order is acknowledged; any other error rolls the event back (5xx, retried). */
async function lockOrderIfKnown(tx: DbOrTx, orderId: string): Promise<OrderLocked | string> {
  try {
    return await lockOrder(tx, orderId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return 'ignored: unknown order';
    if (error instanceof ApiError && error.code === 'archived') return 'ignored: order is archived';
    throw error;
  }
}

async function paymentFailed(tx: DbOrTx, order: OrderLocked, payment: PaymentRow, reason: string): Promise<string> {
  if (payment.status === 'pending' || payment.status === 'failed') {
    await tx.update(payments).set({ status: 'failed', lastError: reason, updatedAt: sql`now()` }).where(eq(payments.id, payment.id));
  }
  if (payment.status === 'pending') await emit(tx, { type: 'payment.failed', orderId: order.id, paymentId: payment.id, reason });
  if (order.status !== 'pending_payment') return `no change: order is ${order.status}`;
  await transitionOrder(tx, order.id, 'payment_failed', { actor: PROVIDER, reason: `payment failed: ${reason}` });
  return 'payment_failed';
}

/**
 * The provider's amount_refunded is cumulative, so it is recorded as is (never added). Only a full
 * refund marks the payment refunded, and only a full refund of a delivered order refunds the order.
 */
async function refundReported(tx: DbOrTx, order: OrderLocked, payment: PaymentRow, outcome: Refunded): Promise<string> {
  const captured = Math.max(payment.capturedCents, outcome.capturedCents);
  const refunded = Math.min(captured, Math.max(payment.refundedCents, outcome.amountRefundedCents));
  const full = refunded >= captured && captured > 0;
  const settled = full
    ? await tx
        .update(refunds)
        .set({ status: 'succeeded' })
        .where(sql`${refunds.paymentId} = ${payment.id} and ${refunds.status} <> 'succeeded'`)
        .returning({ id: refunds.id, amountCents: refunds.amountCents, currency: refunds.currency })
    : [];
  await tx
    .update(payments)
    .set({ capturedCents: captured, refundedCents: refunded, ...(full ? { status: 'refunded' as const } : {}), updatedAt: sql`now()` })
    .where(eq(payments.id, payment.id));
  for (const refund of settled) await emit(tx, { type: 'payment.refunded', orderId: order.id, refundId: refund.id, amountCents: refund.amountCents, currency: refund.currency });
  const newlyRefunded = refunded - payment.refundedCents;
  if (settled.length === 0 && payment.status !== 'pending' && newlyRefunded > 0) {
    // Refunded at the provider (its dashboard), not through Stockwise: there is no refund row to name.
    await emit(tx, { type: 'payment.refunded', orderId: order.id, refundId: `provider:${outcome.paymentIntentId ?? payment.id}`, amountCents: newlyRefunded, currency: payment.currency });
  }
  if (!full) return `partial refund recorded: ${formatMoney(refunded, payment.currency)} of ${formatMoney(captured, payment.currency)}`;
  if (payment.idempotencyKey === primaryKey(order.id) && order.status === 'delivered') {
    await transitionOrder(tx, order.id, 'refunded', { actor: PROVIDER, reason: 'refunded at the payment provider' });
  }
  return 'refund recorded';
}

/**
 * Another charge for an order whose payment already has its charge (a second PaymentIntent or
 * Session, e.g. after Stripe's 24 h idempotency window). It gets its own payment row, never the
 * succeeded one (the database keeps one per order), and a refund keyed by its PaymentIntent, so
 * however often and however concurrently it is reported, it is refunded once — by the refund job,
 * after commit.
 */
async function refundSecondCharge(tx: DbOrTx, primary: PaymentRow, outcome: Succeeded): Promise<string> {
  const orderId = primary.orderId;
  const [extra] = await tx
    .insert(payments)
    .values({
      orderId,
      provider: primary.provider,
      status: 'refunded',
      amountCents: outcome.amountCents,
      currency: outcome.currency,
      idempotencyKey: `extra-${outcome.paymentIntentId}`,
      providerPaymentId: outcome.paymentIntentId,
      paymentIntentId: outcome.paymentIntentId,
      checkoutSessionId: outcome.checkoutSessionId,
      capturedCents: outcome.amountCents,
      flaggedReason: 'second charge for an order already paid; refunded',
    })
    .returning();
  const reason = `second charge ${outcome.paymentIntentId} for an order already paid: refunded`;
  await queueRefund(tx, extra!, reason, `refund-extra-${outcome.paymentIntentId}`);
  await flag(tx, primary, reason);
  await emit(tx, { type: 'payment.succeeded', orderId, paymentId: extra!.id, amountCents: outcome.amountCents, currency: outcome.currency });
  return `refunding: ${reason}`;
}

async function firstCharge(tx: DbOrTx, order: OrderLocked, payment: PaymentRow, outcome: Succeeded): Promise<string> {
  const orderId = order.id;
  // Stripe does not promise order: the refund's event (charge.refunded) can overtake the success's.
  // The money came and went back; end where in-order delivery ends (paid, then refunded), not "succeeded".
  const refundedFirst = payment.status === 'refunded';
  await tx
    .update(payments)
    .set({
      status: refundedFirst ? 'refunded' : 'succeeded',
      providerPaymentId: outcome.paymentIntentId,
      paymentIntentId: outcome.paymentIntentId,
      checkoutSessionId: outcome.checkoutSessionId ?? payment.checkoutSessionId,
      capturedCents: Math.max(payment.capturedCents, outcome.amountCents),
      refundedCents: refundedFirst ? Math.max(payment.refundedCents, outcome.amountCents) : payment.refundedCents,
      updatedAt: sql`now()`,
    })
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

/**
 * The money arrived after the order gave its stock back (it expired, or an
 * earlier attempt failed). Reserve again if the stock is still there and
 * confirm; otherwise refund. An order a person cancelled is always refunded.
 */
async function latePayment(tx: DbOrTx, order: { id: string; promotionId: string | null }, status: 'payment_failed' | 'cancelled'): Promise<string> {
  const orderId = order.id;
  // Who cancelled is recorded on the cancellation's own event (not whatever event came last).
  const [cancellation] = await tx
    .select({ actor: orderEvents.actor })
    .from(orderEvents)
    .where(sql`${orderEvents.orderId} = ${orderId} and ${orderEvents.toStatus} = 'cancelled'`)
    .orderBy(sql`${orderEvents.id} desc`)
    .limit(1);
  const cancelledByPerson = status === 'cancelled' && (cancellation?.actor === 'shopper' || cancellation?.actor === 'merchant');
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
  const [payment] = await tx.select().from(payments).where(eq(payments.idempotencyKey, primaryKey(orderId)));
  if (payment) await flag(tx, payment, 'paid after the order lapsed; refunded');
  return 'refunded (late payment)';
}

/** Flags a payment for the merchant; announced only when the reason is new (the same mismatch reported twice is one flag). */
async function flag(tx: DbOrTx, payment: { id: string; orderId: string; flaggedReason: string | null }, reason: string): Promise<void> {
  await tx.update(payments).set({ flaggedReason: reason, updatedAt: sql`now()` }).where(eq(payments.id, payment.id));
  if (payment.flaggedReason !== reason) await emit(tx, { type: 'payment.flagged', orderId: payment.orderId, paymentId: payment.id, reason });
}
