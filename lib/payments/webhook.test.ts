import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { orderEvents, orders, payments, refunds, webhookEvents } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { expireOrderIfDue } from '@/lib/orders/expiry';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { queuedJobs } from '@/test/jobs';
import { orderMaker } from '@/test/orders';
import { stockOf } from '@/test/stock';
import { lastPaymentFailure } from './failures';
import { runRefund } from './jobs';
import { SimulatedProvider, simulatedPaymentEvent } from './simulated-provider';
import { signPayload } from './stripe-events';
import { handlePaymentWebhook } from './webhook';

const SECRET = 'whsec_test_secret';
const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 15 });
afterAll(() => client.end());

const shopperId = await userIdByEmail(db, 'shopper@example.com');
const merchantId = await userIdByEmail(db, 'merchant@example.com');
const pool = await variantsWithStock(db, 30, 1_000_000, 30);
const newOrder = orderMaker(db, shopperId, pool);

let eventCounter = 0;
function paymentEvent(orderId: string, totalCents: number, outcome: 'succeeded' | 'card_declined' = 'succeeded', overrides: Record<string, unknown> = {}) {
  const event = JSON.parse(simulatedPaymentEvent({ orderId, paymentIntentId: `pi_${orderId.slice(0, 8)}`, amountCents: totalCents, currency: 'USD', outcome }));
  event.id = `evt_test_${eventCounter++}`;
  Object.assign(event.data.object, overrides);
  return JSON.stringify(event);
}
const deliver = (payload: string, signature: string | null = signPayload(payload, SECRET)) => handlePaymentWebhook(db, payload, signature, SECRET);
const orderRow = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const paymentRow = async (orderId: string) => (await db.select().from(payments).where(eq(payments.orderId, orderId)))[0]!;
const transitionsTo = async (orderId: string, status: string) =>
  (await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter((e) => e.toStatus === status).length;
const healthy = async () => expect(await checkInventoryInvariants(db)).toEqual([]);

describe('the payment webhook', () => {
  it('rejects a bad signature with 400 and changes nothing', async () => {
    const { orderId, totalCents } = await newOrder(1, 5);
    const payload = paymentEvent(orderId, totalCents);
    for (const signature of [null, 'garbage', signPayload(payload, 'whsec_wrong'), signPayload(`${payload} `, SECRET)]) {
      const result = await deliver(payload, signature);
      expect(result.status).toBe(400);
    }
    expect((await orderRow(orderId)).status).toBe('pending_payment');
    expect(await db.select().from(webhookEvents).where(sql`${webhookEvents.payload}->'data'->'object'->'metadata'->>'order_id' = ${orderId}`)).toEqual([]);
  });

  it('answers 400, never 500, to malformed JSON under a valid signature', async () => {
    const payload = '{"id": "evt_broken", "type": "payment_intent.succeeded", ';
    expect((await deliver(payload)).status).toBe(400);
    expect((await deliver('{"not":"an event"}')).status).toBe(400);
  });

  it('confirms the order and commits the stock once, however many times the same event arrives at once', async () => {
    const { orderId, variantId, totalCents } = await newOrder(2, 10);
    const payload = paymentEvent(orderId, totalCents);
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(payload)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.duplicate)).toHaveLength(9);
    expect((await orderRow(orderId)).status).toBe('confirmed');
    expect(await transitionsTo(orderId, 'confirmed')).toBe(1);
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 8, reserved: 0 });
    expect(await paymentRow(orderId)).toMatchObject({ status: 'succeeded', providerPaymentId: `pi_${orderId.slice(0, 8)}` });
    await healthy();
  });

  it('treats a second success event for the same payment (session completed after intent succeeded) as done', async () => {
    const { orderId, variantId, totalCents } = await newOrder(1, 10);
    await deliver(paymentEvent(orderId, totalCents));
    const session = JSON.stringify({
      id: `evt_test_${eventCounter++}`, object: 'event', type: 'checkout.session.completed',
      data: { object: { id: 'cs_test_1', object: 'checkout.session', payment_status: 'paid', amount_total: totalCents, currency: 'usd', payment_intent: `pi_${orderId.slice(0, 8)}`, metadata: { order_id: orderId } } },
    });
    expect((await deliver(session)).body.result).toBe('no change: already paid');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 9, reserved: 0 });
  });

  it('a decline fails the order and releases its stock; a later successful retry confirms it with stock committed once', async () => {
    const { orderId, variantId, totalCents } = await newOrder(3, 10);
    expect((await deliver(paymentEvent(orderId, totalCents, 'card_declined'))).body.result).toBe('payment_failed');
    expect((await orderRow(orderId)).status).toBe('payment_failed');
    expect(await lastPaymentFailure(db, orderId)).toBe('generic_decline');
    const second = JSON.parse(paymentEvent(orderId, totalCents, 'card_declined'));
    second.data.object.last_payment_error.decline_code = 'insufficient_funds';
    expect((await deliver(JSON.stringify(second))).body.result).toBe('no change: order is payment_failed');
    expect(await lastPaymentFailure(db, orderId)).toBe('insufficient_funds');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 10, reserved: 0 });
    await healthy();

    expect((await deliver(paymentEvent(orderId, totalCents))).body.result).toMatch(/^confirmed/);
    expect((await orderRow(orderId)).status).toBe('confirmed');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 7, reserved: 0 });
    await deliver(paymentEvent(orderId, totalCents)); // a further success event, new id: nothing more
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 7, reserved: 0 });
    await healthy();
  });

  it('a payment after expiry confirms the order when the stock is still there', async () => {
    const { orderId, variantId, totalCents } = await newOrder(2, 5);
    await db.execute(sql`update orders set expires_at = now() - interval '1 second' where id = ${orderId}`);
    expect(await expireOrderIfDue(db, orderId)).toBe(true);
    expect((await deliver(paymentEvent(orderId, totalCents))).body.result).toMatch(/^confirmed \(late payment/);
    expect((await orderRow(orderId)).status).toBe('confirmed');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 3, reserved: 0 });
    await healthy();
  });

  it('a payment after expiry is refunded when the stock is gone, once', async () => {
    const { orderId, variantId, totalCents } = await newOrder(2, 2);
    await db.execute(sql`update orders set expires_at = now() - interval '1 second' where id = ${orderId}`);
    await expireOrderIfDue(db, orderId);
    // Someone else buys the last units meanwhile.
    await placeOrder(db, { userId: merchantId, email: 'merchant@example.com', lines: [{ variantId, quantity: 2 }] });
    const payload = paymentEvent(orderId, totalCents);
    expect((await deliver(payload)).body.result).toBe('refunded (late payment)');
    expect((await deliver(payload)).body.duplicate).toBe(true);
    expect((await orderRow(orderId)).status).toBe('refunded');
    const rows = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
    expect(rows).toEqual([expect.objectContaining({ amountCents: totalCents, status: 'pending' })]);
    expect((await queuedJobs(db)).filter((j) => j.task === 'refund-payment' && j.payload.refundId === rows[0]!.id)).toHaveLength(1);
    expect(await runRefund(db, rows[0]!.id, new SimulatedProvider())).toBe('refunded');
    expect(await runRefund(db, rows[0]!.id, new SimulatedProvider())).toBe('already done');
    expect(await paymentRow(orderId)).toMatchObject({ status: 'refunded' });
    await healthy();
  });

  it('does not confirm a payment whose amount or currency differs from the order, and flags it', async () => {
    const { orderId, variantId, totalCents } = await newOrder(1, 5);
    expect((await deliver(paymentEvent(orderId, totalCents - 1, 'succeeded', { amount_received: totalCents - 1 }))).body.result).toMatch(/^flagged: amount mismatch/);
    expect((await deliver(paymentEvent(orderId, totalCents, 'succeeded', { currency: 'eur' }))).body.result).toMatch(/^flagged/);
    expect((await orderRow(orderId)).status).toBe('pending_payment');
    expect((await paymentRow(orderId)).flaggedReason).toMatch(/amount mismatch/);
    expect(await stockOf(db, variantId)).toMatchObject({ reserved: 1 });
    await healthy();
  });

  it('flags, rather than fails on, a payment id already recorded for another order', async () => {
    const first = await newOrder(1, 5);
    const second = await newOrder(1, 5);
    await deliver(paymentEvent(first.orderId, first.totalCents));
    const reused = JSON.parse(paymentEvent(second.orderId, second.totalCents));
    reused.data.object.id = `pi_${first.orderId.slice(0, 8)}`;
    const result = await deliver(JSON.stringify(reused));
    expect(result.status).toBe(200);
    expect(result.body.result).toMatch(/^flagged: payment .* already recorded for another order/);
    expect((await orderRow(second.orderId)).status).toBe('pending_payment');
  });

  it('answers 200 to event types it does not handle, and ignores them', async () => {
    const payload = JSON.stringify({ id: `evt_test_${eventCounter++}`, object: 'event', type: 'customer.created', data: { object: { id: 'cus_1' } } });
    const result = await deliver(payload);
    expect(result.status).toBe(200);
    expect(result.body.result).toMatch(/^ignored/);
  });

  it('ignores events for unknown orders or without an order id', async () => {
    expect((await deliver(paymentEvent('00000000-0000-4000-8000-000000000000', 100))).body.result).toBe('ignored: unknown order');
    expect((await deliver(paymentEvent('not-a-uuid', 100))).body.result).toBe('ignored: no order in metadata.order_id');
  });
});

describe('cancelling a paid order', () => {
  it('refunds it exactly once and puts the stock back', async () => {
    const { orderId, variantId, totalCents } = await newOrder(2, 6);
    await deliver(paymentEvent(orderId, totalCents));
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 4, reserved: 0 });
    await updateOrderStatus(db, orderId, { status: 'cancelled' }, { userId: shopperId, role: 'customer' });
    await updateOrderStatus(db, orderId, { status: 'cancelled' }, { userId: merchantId, role: 'merchant' }); // again: no-op
    expect((await orderRow(orderId)).status).toBe('cancelled');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 6, reserved: 0 });
    const rows = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amountCents: totalCents, idempotencyKey: `refund-${orderId}` });
    // A payment event arriving late for the cancelled, refunded order changes nothing more.
    await deliver(paymentEvent(orderId, totalCents));
    expect(await db.select().from(refunds).where(eq(refunds.orderId, orderId))).toHaveLength(1);
    await healthy();
  });

  it('cancels the pending provider payment when an unpaid order is cancelled', async () => {
    const { orderId } = await newOrder(1, 5);
    await db.update(payments).set({ providerPaymentId: `pi_pending_${orderId.slice(0, 6)}` }).where(eq(payments.orderId, orderId));
    await updateOrderStatus(db, orderId, { status: 'cancelled' }, { userId: shopperId, role: 'customer' });
    expect((await paymentRow(orderId)).status).toBe('canceled');
    const payment = await paymentRow(orderId);
    expect((await queuedJobs(db)).filter((j) => j.task === 'cancel-payment' && j.payload.paymentId === payment.id)).toHaveLength(1);
  });
});
