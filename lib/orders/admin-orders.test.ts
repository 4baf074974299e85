import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { auditLog, orders, payments, refunds } from '@/db/schema';
import { createUser, findUserByEmail, type AuthUser } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { handlePaymentWebhook } from '@/lib/payments/webhook';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock, stockOf } from '@/test/stock';
import {
  allowedOrderActions,
  applyBulkOrderAction,
  applyOrderAction,
  listAdminOrders,
  loadAdminOrder,
  orderStatusCounts,
} from './admin-orders';

const SECRET = 'whsec_admin_orders_test';
const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 10 });
afterAll(() => client.end());

const merchant = (await findUserByEmail(db, 'merchant@example.com'))!;
const shopper = (await findUserByEmail(db, 'shopper@example.com'))!;
const pool = await variantsWithStock(db, 30, 1_000_000, 40);
let next = 0;

const customer = await createUser(db, { email: `admin-orders-${Date.now()}@example.com`, password: 'long-enough-pw', name: 'Quinn Orderly' });

async function newOrder(buyer: AuthUser = customer, quantity = 1) {
  const variant = pool[next++]!;
  await setExactStock(db, variant.id, [10]);
  const { orderId } = await placeOrder(db, { userId: buyer.id, email: buyer.email, lines: [{ variantId: variant.id, quantity }] });
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return { orderId, variantId: variant.id, number: order!.number, totalCents: order!.totalCents };
}

let events = 0;
/** Pays the order the way the provider would: a signed success event through the webhook. */
async function pay(order: { orderId: string; totalCents: number }, amountCents = order.totalCents) {
  const event = JSON.parse(
    simulatedPaymentEvent({ orderId: order.orderId, paymentIntentId: `pi_${order.orderId.slice(0, 8)}`, amountCents, currency: 'USD', outcome: 'succeeded' }),
  );
  event.id = `evt_admin_orders_${events++}`;
  const payload = JSON.stringify(event);
  const result = await handlePaymentWebhook(db, payload, signPayload(payload, SECRET), SECRET);
  expect(result.status).toBe(200);
}

const errorOf = (run: () => Promise<unknown>) =>
  run().then(
    () => null,
    (e: { status?: number; code?: string; details?: { fields?: Record<string, string> } }) => ({ status: e.status, code: e.code, fields: Object.keys(e.details?.fields ?? {}) }),
  );
const auditOf = (orderId: string) => db.select().from(auditLog).where(and(eq(auditLog.entityType, 'order'), eq(auditLog.entityId, orderId))).orderBy(auditLog.id);
const statusOf = async (orderId: string) => (await db.select({ s: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.s;

describe('the dashboard order list', () => {
  it('finds a customer’s orders by email, name or order number, by status, and by day', async () => {
    const a = await newOrder();
    const b = await newOrder();
    await pay(b);

    const byEmail = await listAdminOrders(db, { customer: customer.email.toUpperCase() });
    expect(byEmail.orders.map((o) => o.id).sort()).toEqual(expect.arrayContaining([a.orderId, b.orderId].sort()));
    expect(byEmail.orders.every((o) => o.email === customer.email)).toBe(true);
    expect(byEmail.orders[0]).toMatchObject({ customerName: 'Quinn Orderly', itemCount: 1, currency: 'USD' });

    const byName = await listAdminOrders(db, { customer: 'quinn ORDER' });
    expect(byName.orders.map((o) => o.id)).toEqual(expect.arrayContaining([a.orderId, b.orderId]));

    const byNumber = await listAdminOrders(db, { customer: `#${a.number}` });
    expect(byNumber.orders.map((o) => o.id)).toEqual([a.orderId]);

    const confirmed = await listAdminOrders(db, { customer: customer.email, status: 'confirmed' });
    expect(confirmed.orders.map((o) => o.id)).toEqual([b.orderId]);
    expect(confirmed.orders[0]).toMatchObject({ status: 'confirmed', paymentStatus: 'succeeded', flaggedReason: null });

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await listAdminOrders(db, { customer: customer.email, from: today, to: today })).total).toBeGreaterThanOrEqual(2);
    expect((await listAdminOrders(db, { customer: customer.email, from: tomorrow })).total).toBe(0);
    expect((await listAdminOrders(db, { customer: customer.email, to: '2000-01-01' })).total).toBe(0);
  });

  it('treats LIKE wildcards in the search as plain text', async () => {
    expect((await listAdminOrders(db, { customer: '%' })).total).toBe(0);
    expect((await listAdminOrders(db, { customer: '_' })).total).toBe(0);
  });

  it('is paginated, newest first, and ignores empty filters', async () => {
    const all = await listAdminOrders(db, { status: '', from: '', to: '', customer: '', page: '1', limit: '2' });
    expect(all.orders).toHaveLength(2);
    expect(all.pageCount).toBe(Math.ceil(all.total / 2));
    expect(all.orders[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(all.orders[1]!.createdAt.getTime());
    const second = await listAdminOrders(db, { page: 2, limit: 2 });
    expect(second.orders.map((o) => o.id)).not.toContain(all.orders[0]!.id);
  });

  it('answers 400 naming the parameter for bad filters', async () => {
    expect(await errorOf(() => listAdminOrders(db, { status: 'lost' }))).toMatchObject({ status: 400, fields: ['status'] });
    expect(await errorOf(() => listAdminOrders(db, { from: '22/11/2026' }))).toMatchObject({ status: 400, fields: ['from'] });
    expect(await errorOf(() => listAdminOrders(db, { from: '2026-02-10', to: '2026-02-01' }))).toMatchObject({ status: 400, fields: ['to'] });
    expect(await errorOf(() => listAdminOrders(db, { limit: 500 }))).toMatchObject({ status: 400, fields: ['limit'] });
  });

  it('counts orders per status', async () => {
    const counts = await orderStatusCounts(db);
    const [{ n } = { n: 0 }] = await client<{ n: number }[]>`select count(*)::int as n from orders where status = 'confirmed'`;
    expect(counts.confirmed).toBe(n);
    expect(counts.refunded).toBeGreaterThanOrEqual(0);
  });
});

describe('one order for staff', () => {
  it('shows reservations with warehouse and bucket, the payment, the customer and what can be done now', async () => {
    const order = await newOrder(customer, 2);
    const pending = (await loadAdminOrder(db, order.orderId))!;
    expect(pending.reservations).toEqual([
      expect.objectContaining({ variantId: order.variantId, quantity: 2, status: 'active', bucket: 0, warehouseCode: expect.any(String), warehouseName: expect.any(String) }),
    ]);
    expect(pending.customer).toMatchObject({ id: customer.id, email: customer.email, name: 'Quinn Orderly' });
    const [{ n } = { n: -1 }] = await client<{ n: number }[]>`select count(*)::int as n from orders where user_id = ${customer.id}`;
    expect(n).toBeGreaterThan(0);
    expect(pending.customer?.orderCount).toBe(n);
    expect(pending.paymentDetail).toMatchObject({ status: 'pending', amountCents: order.totalCents, flaggedReason: null });
    expect(pending.allowedActions).toEqual(['cancel']);
    expect(pending.timeline).toEqual([expect.objectContaining({ status: 'pending_payment', actor: 'shopper' })]);

    await pay(order);
    const paid = (await loadAdminOrder(db, order.orderId))!;
    expect(paid.reservations.map((r) => r.status)).toEqual(['committed']);
    expect(paid.allowedActions).toEqual(['process', 'cancel']);
    expect(paid.paymentDetail?.status).toBe('succeeded');

    expect(await loadAdminOrder(db, 'not-a-uuid')).toBeNull();
    expect(await loadAdminOrder(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('shows why a payment was flagged', async () => {
    const order = await newOrder();
    await pay(order, order.totalCents + 1);
    const detail = (await loadAdminOrder(db, order.orderId))!;
    expect(detail.status).toBe('pending_payment');
    expect(detail.paymentDetail?.flaggedReason).toBeTruthy();
  });

  it('derives the allowed actions from the state machine', () => {
    expect(allowedOrderActions('confirmed')).toEqual(['process', 'cancel']);
    expect(allowedOrderActions('processing')).toEqual(['ship', 'cancel']);
    expect(allowedOrderActions('shipped')).toEqual(['deliver']);
    expect(allowedOrderActions('delivered')).toEqual(['refund']);
    for (const done of ['cancelled', 'refunded', 'payment_failed'] as const) expect(allowedOrderActions(done)).toEqual([]);
  });
});

describe('order actions', () => {
  it('lets only staff act: 401 without anyone, 403 for a customer, and nothing changes', async () => {
    const order = await newOrder();
    await pay(order);
    expect(await errorOf(() => applyOrderAction(db, null, order.orderId, { type: 'process' }))).toMatchObject({ status: 401 });
    expect(await errorOf(() => applyOrderAction(db, shopper, order.orderId, { type: 'process' }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await errorOf(() => applyBulkOrderAction(db, shopper, { orderIds: [order.orderId], action: 'process' }))).toMatchObject({ status: 403 });
    expect(await statusOf(order.orderId)).toBe('confirmed');
    expect(await auditOf(order.orderId)).toEqual([]);
  });

  it('walks a paid order through fulfilment, each step audited with who did it', async () => {
    const order = await newOrder();
    await pay(order);
    expect(await applyOrderAction(db, merchant, order.orderId, { type: 'process' })).toMatchObject({ from: 'confirmed', status: 'processing', changed: true, number: order.number });

    // Shipping needs a carrier and a tracking number: 400 naming the field, nothing changed.
    expect(await errorOf(() => applyOrderAction(db, merchant, order.orderId, { type: 'ship', carrier: 'DHL' }))).toMatchObject({ status: 400, fields: ['trackingNumber'] });
    expect(await errorOf(() => applyOrderAction(db, merchant, order.orderId, { type: 'ship', carrier: '  ', trackingNumber: 'X1' }))).toMatchObject({ status: 400, fields: ['carrier'] });
    expect(await errorOf(() => applyOrderAction(db, merchant, order.orderId, { type: 'teleport' }))).toMatchObject({ status: 400, fields: ['type'] });
    expect(await errorOf(() => applyOrderAction(db, merchant, 'nope', { type: 'process' }))).toMatchObject({ status: 400, fields: ['order_id'] });
    expect(await statusOf(order.orderId)).toBe('processing');

    await applyOrderAction(db, merchant, order.orderId, { type: 'ship', carrier: ' UPS ', trackingNumber: '1Z999AA10123456784' });
    const shipped = (await loadAdminOrder(db, order.orderId))!;
    expect(shipped.shipments).toEqual([expect.objectContaining({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', deliveredAt: null })]);
    expect(shipped.allowedActions).toEqual(['deliver']);

    await applyOrderAction(db, merchant, order.orderId, { type: 'deliver' });
    // The same click again is a no-op: not changed, not audited twice.
    expect(await applyOrderAction(db, merchant, order.orderId, { type: 'deliver' })).toMatchObject({ changed: false, status: 'delivered' });

    const audit = await auditOf(order.orderId);
    expect(audit.map((a) => a.action)).toEqual(['order.processing', 'order.shipped', 'order.delivered']);
    expect(audit.every((a) => a.actorUserId === merchant.id)).toBe(true);
    expect(audit[1]!.data).toMatchObject({ from: 'processing', to: 'shipped', carrier: 'UPS', tracking_number: '1Z999AA10123456784', number: order.number });
    const detail = (await loadAdminOrder(db, order.orderId))!;
    expect(detail.timeline.slice(-3).map((e) => [e.status, e.actor, e.actorEmail])).toEqual([
      ['processing', 'merchant', merchant.email],
      ['shipped', 'merchant', merchant.email],
      ['delivered', 'merchant', merchant.email],
    ]);
    expect(detail.audit).toHaveLength(3);
    expect(detail.shipments[0]!.deliveredAt).toBeInstanceOf(Date);
  });

  it('refuses what the state machine does not allow with 409 invalid_transition, recording nothing', async () => {
    const order = await newOrder();
    expect(await errorOf(() => applyOrderAction(db, merchant, order.orderId, { type: 'process' }))).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect(await errorOf(() => applyOrderAction(db, merchant, order.orderId, { type: 'ship', carrier: 'DHL', trackingNumber: 'JD1' }))).toMatchObject({
      status: 409,
      code: 'invalid_transition',
    });
    expect(await statusOf(order.orderId)).toBe('pending_payment');
    expect(await auditOf(order.orderId)).toEqual([]);
  });

  it('cancelling a paid order refunds it once and puts the stock back', async () => {
    const order = await newOrder(customer, 2);
    await pay(order);
    expect(await stockOf(db, order.variantId)).toMatchObject({ onHand: 8, reserved: 0 });
    const result = await applyOrderAction(db, merchant, order.orderId, { type: 'cancel', reason: 'customer called' });
    expect(result).toMatchObject({ status: 'cancelled', changed: true, refundCents: order.totalCents });
    expect(await stockOf(db, order.variantId)).toMatchObject({ onHand: 10, reserved: 0 });
    const rows = await db.select().from(refunds).where(eq(refunds.orderId, order.orderId));
    expect(rows).toEqual([expect.objectContaining({ amountCents: order.totalCents, reason: 'customer called' })]);
    const [audit] = await auditOf(order.orderId);
    expect(audit).toMatchObject({ action: 'order.cancelled', actorUserId: merchant.id, data: expect.objectContaining({ refund_cents: order.totalCents, reason: 'customer called' }) });
    const detail = (await loadAdminOrder(db, order.orderId))!;
    expect(detail.refunds).toEqual([expect.objectContaining({ amountCents: order.totalCents, reason: 'customer called' })]);
    expect(detail.allowedActions).toEqual([]);
    expect(await checkInventoryInvariants(db)).toEqual([]);
  });

  it('cancelling an unpaid order releases its stock and refunds nothing', async () => {
    const order = await newOrder(customer, 3);
    expect(await stockOf(db, order.variantId)).toMatchObject({ onHand: 10, reserved: 3 });
    const result = await applyOrderAction(db, merchant, order.orderId, { type: 'cancel' });
    expect(result).toMatchObject({ status: 'cancelled', refundCents: null });
    expect(await stockOf(db, order.variantId)).toMatchObject({ onHand: 10, reserved: 0 });
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.orderId));
    expect(payment?.status).toBe('canceled');
  });
});

describe('bulk actions', () => {
  it('acts on each order on its own and says why the others failed', async () => {
    const paidA = await newOrder();
    const paidB = await newOrder();
    const unpaid = await newOrder();
    await pay(paidA);
    await pay(paidB);
    const missing = '00000000-0000-4000-8000-000000000001';

    const result = await applyBulkOrderAction(db, merchant, { orderIds: [paidA.orderId, unpaid.orderId, paidB.orderId, missing, paidA.orderId], action: 'process' });
    expect(result).toMatchObject({ action: 'process', succeeded: 2, failed: 2 });
    expect(result.results).toEqual([
      { orderId: paidA.orderId, number: paidA.number, ok: true, status: 'processing', changed: true, refundCents: null },
      expect.objectContaining({ orderId: unpaid.orderId, number: unpaid.number, ok: false, code: 'invalid_transition', message: expect.stringContaining('cannot become processing') }),
      expect.objectContaining({ orderId: paidB.orderId, ok: true, status: 'processing' }),
      expect.objectContaining({ orderId: missing, number: null, ok: false, code: 'not_found' }),
    ]);
    expect(await statusOf(unpaid.orderId)).toBe('pending_payment');
    expect((await auditOf(paidA.orderId)).map((a) => a.action)).toEqual(['order.processing']);
    expect(await auditOf(unpaid.orderId)).toEqual([]);

    const cancelled = await applyBulkOrderAction(db, merchant, { orderIds: [paidA.orderId, unpaid.orderId], action: 'cancel', reason: 'out of business' });
    expect(cancelled).toMatchObject({ succeeded: 2, failed: 0 });
    expect(cancelled.results[0]).toMatchObject({ status: 'cancelled', refundCents: paidA.totalCents });
    expect(cancelled.results[1]).toMatchObject({ status: 'cancelled', refundCents: null });
    expect(await checkInventoryInvariants(db)).toEqual([]);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const order = await newOrder();
    expect(await errorOf(() => applyBulkOrderAction(db, merchant, { orderIds: [], action: 'process' }))).toMatchObject({ status: 400, fields: ['orderIds'] });
    expect(await errorOf(() => applyBulkOrderAction(db, merchant, { orderIds: ['x'], action: 'process' }))).toMatchObject({ status: 400, fields: ['orderIds.0'] });
    expect(await errorOf(() => applyBulkOrderAction(db, merchant, { orderIds: [order.orderId], action: 'ship' }))).toMatchObject({ status: 400, fields: ['action'] });
  });
});
