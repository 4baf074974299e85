import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { orderEvents, orders, reservations, shipments } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { setExactStock, stockOf } from '@/test/stock';
import { verifyRevalidation } from '@/lib/catalog/remote-revalidate';
import { publishedState } from '@/lib/catalog/stock-labels';
import { startWorker } from '@/worker';
import { expireOrderIfDue, sweepExpiredOrders } from './expiry';
import { TRANSITIONS, canTransition, type OrderStatus } from './status';
import { transitionOrder } from './transition';
import { updateOrderStatus } from './update-status';

const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 12 });
afterAll(() => client.end());

const shopperId = await userIdByEmail(db, 'shopper@example.com');
const merchantId = await userIdByEmail(db, 'merchant@example.com');
const shopper = { userId: shopperId, role: 'customer' as const };
const merchant = { userId: merchantId, role: 'merchant' as const };
const pool = await variantsWithStock(db, 30, 1_000_000, 30);
let next = 0;

async function newOrder(quantity = 2, units = 10) {
  const variant = pool[next++]!;
  await setExactStock(db, variant.id, [units]);
  const { orderId } = await placeOrder(db, { userId: shopperId, email: 'shopper@example.com', lines: [{ variantId: variant.id, quantity }] });
  return { orderId, variantId: variant.id };
}
const statusOf = async (orderId: string) => (await db.select({ s: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.s;
const makeOverdue = (orderId: string) => db.execute(sql`update orders set expires_at = now() - interval '1 second' where id = ${orderId}`);
const errorCode = (run: () => Promise<unknown>) => run().then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));

describe('the state machine', () => {
  it('allows exactly the transitions of the design', () => {
    const allowed = Object.entries(TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual(
      [
        'pending_payment->confirmed', 'pending_payment->payment_failed', 'pending_payment->cancelled',
        'confirmed->processing', 'confirmed->cancelled', 'processing->shipped', 'processing->cancelled',
        'shipped->delivered', 'delivered->refunded',
      ].sort(),
    );
    expect(canTransition('shipped', 'cancelled')).toBe(false);
  });

  it('walks an order through fulfilment, recording every step, committing stock when confirmed', async () => {
    const { orderId, variantId } = await newOrder(2, 10);
    await updateOrderStatus(db, orderId, { status: 'confirmed' }, merchant);
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 8, reserved: 0 });
    await updateOrderStatus(db, orderId, { status: 'processing' }, merchant);
    expect(await errorCode(() => updateOrderStatus(db, orderId, { status: 'shipped' }, merchant))).toBe('invalid_request');
    await updateOrderStatus(db, orderId, { status: 'shipped', carrier: 'DHL', trackingNumber: 'JD0001' }, merchant);
    await updateOrderStatus(db, orderId, { status: 'delivered' }, merchant);
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
    expect(events.map((e) => e.toStatus)).toEqual(['pending_payment', 'confirmed', 'processing', 'shipped', 'delivered']);
    expect(events.slice(1).every((e) => e.actor === 'merchant' && e.actorUserId === merchantId)).toBe(true);
    const [shipment] = await db.select().from(shipments).where(eq(shipments.orderId, orderId));
    expect(shipment).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD0001' });
    expect(shipment?.deliveredAt).toBeInstanceOf(Date);
    expect(await checkInventoryInvariants(db)).toEqual([]);
  });

  it('refuses transitions the table does not allow with invalid_transition, changing nothing', async () => {
    const { orderId } = await newOrder();
    for (const to of ['processing', 'shipped', 'delivered', 'refunded'] as OrderStatus[]) {
      expect(await errorCode(() => transitionOrder(db, orderId, to, { actor: { kind: 'merchant' }, reason: 'test' }))).toBe('invalid_transition');
    }
    expect(await statusOf(orderId)).toBe('pending_payment');
  });

  it('lets a shopper cancel their own order before shipment (stock back), but not after, and nothing else', async () => {
    const { orderId, variantId } = await newOrder(3, 10);
    expect(await errorCode(() => updateOrderStatus(db, orderId, { status: 'confirmed' }, shopper))).toBe('forbidden');
    await updateOrderStatus(db, orderId, { status: 'cancelled' }, shopper);
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 10, reserved: 0 });

    const shipped = await newOrder(1, 10);
    for (const status of ['confirmed', 'processing'] as const) await updateOrderStatus(db, shipped.orderId, { status }, merchant);
    await updateOrderStatus(db, shipped.orderId, { status: 'shipped', carrier: 'UPS', trackingNumber: '1Z' }, merchant);
    expect(await errorCode(() => updateOrderStatus(db, shipped.orderId, { status: 'cancelled' }, shopper))).toBe('invalid_transition');

    const stranger = { userId: merchantId, role: 'customer' as const };
    expect(await errorCode(() => updateOrderStatus(db, shipped.orderId, { status: 'cancelled' }, stranger))).toBe('not_found');
  });

  it('puts the units of a cancelled paid order back on the shelf', async () => {
    const { orderId, variantId } = await newOrder(2, 10);
    await updateOrderStatus(db, orderId, { status: 'confirmed' }, merchant);
    await updateOrderStatus(db, orderId, { status: 'cancelled' }, merchant);
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await checkInventoryInvariants(db)).toEqual([]);
  });
});

describe('expiry', () => {
  it('cancels an overdue unpaid order and gives its units back; running again does nothing', async () => {
    const { orderId, variantId } = await newOrder(2, 5);
    expect(await expireOrderIfDue(db, orderId)).toBe(false); // not due yet
    await makeOverdue(orderId);
    const results = await Promise.all([expireOrderIfDue(db, orderId), expireOrderIfDue(db, orderId), expireOrderIfDue(db, orderId)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await statusOf(orderId)).toBe('cancelled');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 5, reserved: 0 });
    const released = await db.select().from(reservations).where(eq(reservations.orderId, orderId));
    expect(released.every((r) => r.status === 'released')).toBe(true);
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
    expect(events.filter((e) => e.toStatus === 'cancelled')).toEqual([expect.objectContaining({ actor: 'system', reason: 'expired: not paid in time' })]);
    expect(await checkInventoryInvariants(db)).toEqual([]);
  });

  it('races safely with a payment: exactly one of confirm and expire wins', async () => {
    for (let round = 0; round < 5; round++) {
      const { orderId, variantId } = await newOrder(1, 3);
      await makeOverdue(orderId);
      const [expired, confirmed] = await Promise.all([
        expireOrderIfDue(db, orderId),
        errorCode(() => transitionOrder(db, orderId, 'confirmed', { actor: { kind: 'provider' }, reason: 'paid' })),
      ]);
      const status = await statusOf(orderId);
      if (expired) {
        expect(confirmed).toBe('invalid_transition');
        expect(status).toBe('cancelled');
        expect(await stockOf(db, variantId)).toMatchObject({ onHand: 3, reserved: 0 });
      } else {
        expect(confirmed).toBe('ok');
        expect(status).toBe('confirmed');
        expect(await stockOf(db, variantId)).toMatchObject({ onHand: 2, reserved: 0 });
      }
    }
    expect(await checkInventoryInvariants(db)).toEqual([]);
  });

  it('the sweep finishes orders whose job was lost with a dead worker', async () => {
    const { orderId, variantId } = await newOrder(1, 4);
    await makeOverdue(orderId);
    // The expiry job is held by a worker that died: locked, never to finish.
    await db.execute(sql`
      update graphile_worker._private_jobs set locked_at = now(), locked_by = 'worker-killed-by-sigkill'
      where key = ${`expire-order:${orderId}`}`);
    expect(await sweepExpiredOrders(db)).toBeGreaterThanOrEqual(1);
    expect(await statusOf(orderId)).toBe('cancelled');
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 4, reserved: 0 });
    // When the stale lock finally expires and the job runs, it releases nothing twice.
    expect(await expireOrderIfDue(db, orderId)).toBe(false);
    expect(await stockOf(db, variantId)).toMatchObject({ onHand: 4, reserved: 0 });
  });

  it('the real job runner expires an order at its expires_at, and asks the app to refresh the stock labels', async () => {
    // The app's revalidation endpoint, as the worker reaches it over HTTP.
    const revalidations: string[][] = [];
    const app = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const signed = verifyRevalidation(body, request.headers['x-stockwise-signature'] as string);
        if (signed && request.url === '/api/internal/revalidate') revalidations.push(JSON.parse(body).tags);
        response.writeHead(signed ? 200 : 401).end('{}');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    process.env.STOCKWISE_APP_URL = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    process.env.STOCKWISE_ORDER_TTL_MINUTES = String(1 / 60); // one second
    const runner = await startWorker({ connectionString: process.env.DATABASE_URL!, concurrency: 2, pollInterval: 100 });
    try {
      const { orderId, variantId } = await newOrder(2, 6); // 6 → 4 left: "In stock" becomes "Only 4 left"
      const productId = pool.find((v) => v.id === variantId)!.productId;
      expect(await stockOf(db, variantId)).toMatchObject({ reserved: 2 });
      const deadline = Date.now() + 15_000;
      while ((await statusOf(orderId)) === 'pending_payment' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await statusOf(orderId)).toBe('cancelled');
      expect(await stockOf(db, variantId)).toMatchObject({ onHand: 6, reserved: 0 });
      const ours = () => revalidations.filter((tags) => tags.includes(`product:${productId}`));
      // Reserved (6 → 4: "Only 4 left") and released (back to "In stock"): the label changed twice.
      while ((await publishedState(db, variantId)) !== 'in_stock' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await publishedState(db, variantId)).toBe('in_stock');
      expect(ours().length).toBeGreaterThanOrEqual(2);
      expect(ours().every((tags) => tags.includes('catalog:listings'))).toBe(true);
    } finally {
      delete process.env.STOCKWISE_ORDER_TTL_MINUTES;
      delete process.env.STOCKWISE_APP_URL;
      await runner.stop();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  }, 30_000);
});
