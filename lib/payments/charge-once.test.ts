/**
 * Issue 17, "charge once, for real": a second charge for a paid order is refunded once, partial
 * refunds leave the order as it is, and a database error while a webhook is handled answers 5xx
 * (the provider retries) and leaves no trace. Events are signed by the real `stripe` package.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import * as schema from '@/db/schema';
import { orderEvents, orders, payments, refunds, webhookEvents } from '@/db/schema';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { canTransition, ORDER_LIFE } from '@/lib/orders/status';
import { transitionOrder } from '@/lib/orders/transition';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { loadOrder, orderJson } from '@/lib/orders/view';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { queuedJobs } from '@/test/jobs';
import { orderMaker } from '@/test/orders';
import { stockOf } from '@/test/stock';
import { runRefund } from './jobs';
import { SimulatedProvider, simulatedPaymentEvent } from './simulated-provider';
import { signPayload } from './stripe-events';
import { handlePaymentWebhook } from './webhook';

const SECRET = 'whsec_test_secret';
const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 15 });
// A real fault: this pool gives up waiting for a row lock after 200 ms (SQLSTATE 55P03).
const impatientClient = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {}, connection: { lock_timeout: 200 } });
const impatient = drizzle(impatientClient, { schema });
afterAll(async () => {
  await client.end();
  await impatientClient.end();
});

const shopperId = await userIdByEmail(db, 'shopper@example.com');
const pool = await variantsWithStock(db, 12, 1_000_000, 12);
const newOrder = orderMaker(db, shopperId, pool);

let eventCounter = 0;
const eventId = () => `evt_charge_once_${process.pid}_${eventCounter++}`;
function succeeded(orderId: string, totalCents: number, paymentIntentId: string) {
  const event = JSON.parse(simulatedPaymentEvent({ orderId, paymentIntentId, amountCents: totalCents, currency: 'USD', outcome: 'succeeded' }));
  event.id = eventId();
  return JSON.stringify(event);
}
function chargeRefunded(orderId: string, paymentIntentId: string, amountCents: number, amountRefundedCents: number) {
  return JSON.stringify({
    id: eventId(), object: 'event', type: 'charge.refunded',
    data: { object: { id: `ch_${paymentIntentId}`, object: 'charge', amount: amountCents, amount_captured: amountCents, amount_refunded: amountRefundedCents, currency: 'usd', payment_intent: paymentIntentId, refunded: amountRefundedCents >= amountCents, metadata: { order_id: orderId } } },
  });
}
const deliver = (payload: string, through: typeof db = db) => handlePaymentWebhook(through, payload, signPayload(payload, SECRET), SECRET);
const orderRow = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;
const paymentsOf = (orderId: string) => db.select().from(payments).where(eq(payments.orderId, orderId));
const refundsOf = (orderId: string) => db.select().from(refunds).where(eq(refunds.orderId, orderId));
const transitionsTo = async (orderId: string, status: string) =>
  (await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).filter((e) => e.toStatus === status).length;
const eventStored = async (id: string) => (await db.select().from(webhookEvents).where(eq(webhookEvents.eventId, id))).length;

/** Per order at most one kept charge, refunds never above what was paid, stock committed once. */
async function invariants() {
  const twiceKept = await db.execute(sql`select order_id from payments where status = 'succeeded' group by order_id having count(*) > 1`);
  expect(twiceKept).toEqual([]);
  const overRefunded = await db.execute(sql`
    select p.id from payments p
    where p.refunded_cents > p.captured_cents
       or (select coalesce(sum(r.amount_cents), 0) from refunds r where r.payment_id = p.id and r.status <> 'failed') > p.amount_cents`);
  expect(overRefunded).toEqual([]);
  expect(await checkInventoryInvariants(db)).toEqual([]);
}

/** One charge kept, the other refunded exactly once through the refund job, and the merchant told. */
async function expectOneKeptOneRefunded(orderId: string, variantId: string, totalCents: number, intents: string[]) {
  expect((await orderRow(orderId)).status).toBe('confirmed');
  expect(await transitionsTo(orderId, 'confirmed')).toBe(1);
  expect(await stockOf(db, variantId)).toMatchObject({ onHand: 9, reserved: 0 });
  const rows = await paymentsOf(orderId);
  const kept = rows.filter((p) => p.status === 'succeeded');
  expect(kept).toHaveLength(1);
  const extraIntent = intents.find((pi) => pi !== kept[0]!.providerPaymentId)!;
  const refundRows = await refundsOf(orderId);
  expect(refundRows).toEqual([expect.objectContaining({ amountCents: totalCents, status: 'pending' })]);
  expect(refundRows[0]!.paymentId).not.toBe(kept[0]!.id);
  expect((await queuedJobs(db)).filter((j) => j.task === 'refund-payment' && j.payload.refundId === refundRows[0]!.id)).toHaveLength(1);
  const view = await loadOrder(db, orderId);
  expect(view!.payment!.flaggedReason).toMatch(new RegExp(`second charge ${extraIntent}`));
  expect(await runRefund(db, refundRows[0]!.id, new SimulatedProvider())).toBe('refunded');
  expect(await runRefund(db, refundRows[0]!.id, new SimulatedProvider())).toBe('already done');
  expect((await paymentsOf(orderId)).filter((p) => p.status === 'succeeded')).toHaveLength(1);
  await invariants();
}

describe('a second, different charge for a paid order', () => {
  it('is refunded once and flagged (one after the other)', async () => {
    const { orderId, variantId, totalCents } = await newOrder();
    const intents = [`pi_first_${orderId.slice(0, 8)}`, `pi_second_${orderId.slice(0, 8)}`];
    expect((await deliver(succeeded(orderId, totalCents, intents[0]!))).body.result).toBe('confirmed');
    const second = await deliver(succeeded(orderId, totalCents, intents[1]!));
    expect(second.status).toBe(200);
    expect(second.body.result).toMatch(/^refunding: second charge/);
    await expectOneKeptOneRefunded(orderId, variantId, totalCents, intents);
  });

  it('a payment row that names its PaymentIntent before the money arrives (migrated rows) is still confirmed by it', async () => {
    const { orderId, totalCents } = await newOrder();
    const pi = `pi_named_${orderId.slice(0, 8)}`;
    await db.update(payments).set({ paymentIntentId: pi }).where(eq(payments.orderId, orderId));
    expect((await deliver(succeeded(orderId, totalCents, pi))).body.result).toBe('confirmed');
    expect((await deliver(succeeded(orderId, totalCents, pi))).body.result).toBe('no change: already paid');
    expect(await refundsOf(orderId)).toEqual([]);
    await invariants();
  });

  it('is refunded once when both success events arrive at once', async () => {
    const { orderId, variantId, totalCents } = await newOrder();
    const intents = [`pi_a_${orderId.slice(0, 8)}`, `pi_b_${orderId.slice(0, 8)}`];
    const results = await Promise.all(intents.map((pi) => deliver(succeeded(orderId, totalCents, pi))));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    await expectOneKeptOneRefunded(orderId, variantId, totalCents, intents);
  });

  it('is refunded once when each success event is delivered 10 times, all at once', async () => {
    const { orderId, variantId, totalCents } = await newOrder();
    const intents = [`pi_x_${orderId.slice(0, 8)}`, `pi_y_${orderId.slice(0, 8)}`];
    const payloads = intents.map((pi) => succeeded(orderId, totalCents, pi));
    const results = await Promise.all(payloads.flatMap((p) => Array.from({ length: 10 }, () => deliver(p))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.duplicate)).toHaveLength(18);
    await expectOneKeptOneRefunded(orderId, variantId, totalCents, intents);
  });
});

describe('charge.refunded', () => {
  it('a partial refund leaves the order as it is and shows the refunded amount', async () => {
    const { orderId, variantId, totalCents } = await newOrder();
    const pi = `pi_part_${orderId.slice(0, 8)}`;
    await deliver(succeeded(orderId, totalCents, pi));
    const part = Math.floor(totalCents / 3);
    const result = await deliver(chargeRefunded(orderId, pi, totalCents, part));
    expect(result.status).toBe(200);
    expect((await orderRow(orderId)).status).toBe('confirmed');
    const view = await loadOrder(db, orderId);
    expect(view!.payment).toMatchObject({ status: 'succeeded', refundedCents: part });
    expect(orderJson(view!).payment).toMatchObject({ status: 'succeeded', refunded_cents: part });
    // The provider's amount_refunded is cumulative: a second, larger partial refund replaces it.
    await deliver(chargeRefunded(orderId, pi, totalCents, part * 2));
    expect((await loadOrder(db, orderId))!.payment).toMatchObject({ status: 'succeeded', refundedCents: part * 2 });
    expect((await orderRow(orderId)).status).toBe('confirmed');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 9, reserved: 0 });
    await invariants();
  });

  it('only a full refund of a delivered order refunds the order', async () => {
    const { orderId, totalCents } = await newOrder();
    const pi = `pi_deliv_${orderId.slice(0, 8)}`;
    await deliver(succeeded(orderId, totalCents, pi));
    for (const status of ['processing', 'shipped', 'delivered'] as const) {
      await transitionOrder(db, orderId, status, { actor: { kind: 'merchant' }, reason: 'test walk' });
    }
    expect((await deliver(chargeRefunded(orderId, pi, totalCents, 100))).body.result).toMatch(/^partial refund recorded/);
    expect((await orderRow(orderId)).status).toBe('delivered');
    expect((await deliver(chargeRefunded(orderId, pi, totalCents, totalCents))).body.result).toBe('refund recorded');
    expect((await orderRow(orderId)).status).toBe('refunded');
    expect(await transitionsTo(orderId, 'refunded')).toBe(1);
    await invariants();
  });

  it('a full refund marks the payment refunded', async () => {
    const { orderId, totalCents } = await newOrder();
    const pi = `pi_full_${orderId.slice(0, 8)}`;
    await deliver(succeeded(orderId, totalCents, pi));
    await deliver(chargeRefunded(orderId, pi, totalCents, totalCents));
    expect((await loadOrder(db, orderId))!.payment).toMatchObject({ status: 'refunded', refundedCents: totalCents });
    await invariants();
  });
});

describe('the database keeps the money facts', () => {
  it('refuses a second succeeded payment for an order, and a refund above the capture', async () => {
    const { orderId, totalCents } = await newOrder();
    await deliver(succeeded(orderId, totalCents, `pi_db_${orderId.slice(0, 8)}`));
    const second = db.insert(payments).values({ orderId, provider: 'simulated', status: 'succeeded', amountCents: totalCents, currency: 'USD', idempotencyKey: `test-${orderId}` });
    await expect(second).rejects.toMatchObject({ cause: { code: '23505', constraint_name: 'payments_one_succeeded_per_order' } });
    const over = db.update(payments).set({ refundedCents: totalCents + 1 }).where(eq(payments.orderId, orderId));
    await expect(over).rejects.toMatchObject({ cause: { code: '23514', constraint_name: 'payments_refunded_within_captured' } });
  });
});

describe('the order’s life as one table', () => {
  it('lets only the provider move a lapsed order, and each row names its stock and money effect', () => {
    expect(canTransition('cancelled', 'confirmed', 'merchant')).toBe(false);
    expect(canTransition('cancelled', 'confirmed', 'provider')).toBe(true);
    expect(ORDER_LIFE.find((r) => r.from === 'payment_failed' && r.to === 'refunded')).toMatchObject({ who: ['provider'], stock: 'none', money: 'refund' });
    expect(ORDER_LIFE.find((r) => r.from === 'confirmed' && r.to === 'cancelled')).toMatchObject({ stock: 'restock', money: 'refund' });
  });

  it('a payment for an order its shopper cancelled is refunded even with the stock still there', async () => {
    const { orderId, variantId, totalCents } = await newOrder();
    await updateOrderStatus(db, orderId, { status: 'cancelled' }, { userId: shopperId, role: 'customer' });
    expect((await deliver(succeeded(orderId, totalCents, `pi_cxl_${orderId.slice(0, 8)}`))).body.result).toBe('refunded (late payment)');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await refundsOf(orderId)).toEqual([expect.objectContaining({ amountCents: totalCents, status: 'pending' })]);
    await invariants();
  });
});

describe('webhook errors', () => {
  it('a database error answers 5xx and records nothing; the redelivery confirms the order once', async () => {
    const { orderId, variantId, totalCents } = await newOrder();
    const payload = succeeded(orderId, totalCents, `pi_fault_${orderId.slice(0, 8)}`);
    const id = JSON.parse(payload).id as string;
    // Another transaction holds the order row; the impatient pool's lock wait times out (55P03).
    const failed = await client.begin(async (t) => {
      await t`select id from orders where id = ${orderId} for update`;
      return deliver(payload, impatient);
    });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await eventStored(id)).toBe(0);
    expect((await orderRow(orderId)).status).toBe('pending_payment');

    const retried = await deliver(payload);
    expect(retried).toMatchObject({ status: 200, body: { result: 'confirmed' } });
    expect(await transitionsTo(orderId, 'confirmed')).toBe(1);
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 9, reserved: 0 });
    await invariants();
  });

  it('an unknown order is acknowledged (2xx) and recorded', async () => {
    const payload = succeeded('00000000-0000-4000-8000-00000000abcd', 100, 'pi_nobody');
    const result = await deliver(payload);
    expect(result.status).toBe(200);
    expect(result.body.result).toBe('ignored: unknown order');
    expect(await eventStored(JSON.parse(payload).id)).toBe(1);
  });
});
