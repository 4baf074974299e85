/**
 * Each domain event of the catalogue is emitted by its cause, in the cause's
 * transaction, exactly once per occurrence — read back from the outbox (and
 * graphile-worker's queue, should anything have relayed it).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { orders, payments, refunds } from '@/db/schema';
import { addVariant, archiveVariant, createProduct, restoreVariant, setProductStatus, updateItem, updateProduct, updateVariant } from '@/lib/catalog/admin-products';
import { importProductsCsv } from '@/lib/catalog/csv';
import { deleteProductImage, uploadProductImage } from '@/lib/catalog/product-images';
import { lowStockThreshold } from '@/lib/catalog/stock-label';
import { publishStockLabels } from '@/lib/catalog/stock-labels';
import { placeOrder } from '@/lib/checkout/place-order';
import { findUserById, type AuthUser } from '@/lib/auth/users';
import { expireOrderIfDue } from '@/lib/orders/expiry';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { runRefund } from '@/lib/payments/jobs';
import { SimulatedProvider, simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { handlePaymentWebhook } from '@/lib/payments/webhook';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { queuedJobs } from '@/test/jobs';
import { setExactStock } from '@/test/stock';
import { dispatch, subscribe } from './subscribers';
import type { DomainEvent } from './types';

const SECRET = 'whsec_test_secret';
const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 10 });
afterAll(() => client.end());

const shopperId = await userIdByEmail(db, 'shopper@example.com');
const merchantId = await userIdByEmail(db, 'merchant@example.com');
const merchant = (await findUserById(db, merchantId)) as AuthUser;
const pool = await variantsWithStock(db, 30, 1_000_000, 30);
let next = 0;

/** The domain events queued so far of this type, optionally about one order / variant / product. */
async function events(type: string, about: { orderId?: string; variantId?: string; productId?: string } = {}): Promise<Record<string, unknown>[]> {
  return (await queuedJobs(db, about.orderId ? { orderId: about.orderId } : undefined))
    .filter((job) => job.task === 'domain-event' && job.payload.type === type)
    .map((job) => job.payload)
    .filter((p) => (!about.variantId || p.variantId === about.variantId) && (!about.productId || p.productId === about.productId));
}

async function newOrder(quantity: number, units: number) {
  const variant = pool[next++]!;
  await setExactStock(db, variant.id, [units]);
  const { orderId } = await placeOrder(db, { userId: shopperId, email: 'shopper@example.com', lines: [{ variantId: variant.id, quantity }] });
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  return { orderId, variantId: variant.id, totalCents: order!.totalCents, paymentId: payment!.id };
}

let eventCounter = 0;
function paymentEvent(orderId: string, totalCents: number, outcome: 'succeeded' | 'card_declined' = 'succeeded', overrides: Record<string, unknown> = {}) {
  const event = JSON.parse(simulatedPaymentEvent({ orderId, paymentIntentId: `pi_${orderId.slice(0, 8)}`, amountCents: totalCents, currency: 'USD', outcome }));
  event.id = `evt_emit_${eventCounter++}`;
  Object.assign(event.data.object, overrides);
  return JSON.stringify(event);
}
function chargeRefunded(orderId: string, amountCents: number) {
  return JSON.stringify({
    id: `evt_emit_${eventCounter++}`, object: 'event', type: 'charge.refunded',
    data: { object: { id: `ch_${orderId.slice(0, 8)}`, object: 'charge', payment_intent: `pi_${orderId.slice(0, 8)}`, amount_refunded: amountCents, metadata: { order_id: orderId } } },
  });
}
const deliver = (payload: string) => handlePaymentWebhook(db, payload, signPayload(payload, SECRET), SECRET);

describe('payment events', () => {
  it('payment.succeeded: once per payment, whatever the replays and second success events', async () => {
    const { orderId, paymentId, totalCents } = await newOrder(1, 10);
    const payload = paymentEvent(orderId, totalCents);
    await Promise.all([deliver(payload), deliver(payload), deliver(payload)]);
    const session = JSON.stringify({
      id: `evt_emit_${eventCounter++}`, object: 'event', type: 'checkout.session.completed',
      data: { object: { id: 'cs_emit_1', object: 'checkout.session', payment_status: 'paid', amount_total: totalCents, currency: 'usd', payment_intent: `pi_${orderId.slice(0, 8)}`, metadata: { order_id: orderId } } },
    });
    expect((await deliver(session)).body.result).toBe('no change: already paid');
    expect(await events('payment.succeeded', { orderId })).toEqual([
      expect.objectContaining({ type: 'payment.succeeded', orderId, paymentId, amountCents: totalCents, currency: 'USD', eventId: expect.any(String) }),
    ]);
    expect(await events('payment.failed', { orderId })).toEqual([]);
  });

  it('payment.failed: once when the payment fails, not again for a further decline; a later success is its own event', async () => {
    const { orderId, paymentId, totalCents } = await newOrder(1, 10);
    await deliver(paymentEvent(orderId, totalCents, 'card_declined'));
    await deliver(paymentEvent(orderId, totalCents, 'card_declined'));
    expect(await events('payment.failed', { orderId })).toEqual([expect.objectContaining({ orderId, paymentId, reason: 'generic_decline' })]);
    await deliver(paymentEvent(orderId, totalCents));
    expect(await events('payment.succeeded', { orderId })).toHaveLength(1);
    expect(await events('payment.failed', { orderId })).toHaveLength(1);
  });

  it('payment.flagged: once per reason, on an amount mismatch reported twice', async () => {
    const { orderId, paymentId, totalCents } = await newOrder(1, 10);
    const wrong = { amount_received: totalCents - 1 };
    const first = paymentEvent(orderId, totalCents - 1, 'succeeded', wrong);
    await deliver(first);
    await deliver(first); // a replay: deduplicated
    await deliver(paymentEvent(orderId, totalCents - 1, 'succeeded', wrong)); // the same mismatch, another event id
    const flagged = await events('payment.flagged', { orderId });
    expect(flagged).toEqual([expect.objectContaining({ orderId, paymentId, reason: expect.stringMatching(/^amount mismatch/) })]);
    expect(await events('payment.succeeded', { orderId })).toEqual([]);
  });

  it('a payment after the stock is gone: succeeded, flagged and (once the refund is made) refunded, each once', async () => {
    const { orderId, variantId, totalCents } = await newOrder(2, 2);
    await db.execute(sql`update orders set expires_at = now() - interval '1 second' where id = ${orderId}`);
    await expireOrderIfDue(db, orderId);
    await placeOrder(db, { userId: merchantId, email: 'merchant@example.com', lines: [{ variantId, quantity: 2 }] });
    expect((await deliver(paymentEvent(orderId, totalCents))).body.result).toBe('refunded (late payment)');
    expect(await events('payment.succeeded', { orderId })).toHaveLength(1);
    expect(await events('payment.flagged', { orderId })).toEqual([expect.objectContaining({ reason: 'paid after the order lapsed; refunded' })]);
    expect(await events('payment.refunded', { orderId })).toEqual([]); // asked for, not yet made

    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
    await runRefund(db, refund!.id, new SimulatedProvider());
    await runRefund(db, refund!.id, new SimulatedProvider()); // a retried job
    await deliver(chargeRefunded(orderId, totalCents)); // the provider's own word on it
    expect(await events('payment.refunded', { orderId })).toEqual([
      expect.objectContaining({ orderId, refundId: refund!.id, amountCents: totalCents, currency: 'USD' }),
    ]);
  });

  it('payment.refunded from the webhook when it settles the refund first, and not again from the job', async () => {
    const { orderId, totalCents } = await newOrder(1, 10);
    await deliver(paymentEvent(orderId, totalCents));
    await updateOrderStatus(db, orderId, { status: 'cancelled' }, { userId: merchantId, role: 'merchant' });
    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
    await deliver(chargeRefunded(orderId, totalCents));
    expect(await runRefund(db, refund!.id, new SimulatedProvider())).toBe('already done');
    expect(await events('payment.refunded', { orderId })).toEqual([expect.objectContaining({ refundId: refund!.id, amountCents: totalCents })]);
  });

  it('payment.refunded for a refund made at the provider, without a refund row', async () => {
    const { orderId, totalCents } = await newOrder(1, 10);
    await deliver(paymentEvent(orderId, totalCents));
    await deliver(chargeRefunded(orderId, totalCents));
    await deliver(chargeRefunded(orderId, totalCents));
    expect(await events('payment.refunded', { orderId })).toEqual([
      expect.objectContaining({ refundId: `provider:pi_${orderId.slice(0, 8)}`, amountCents: totalCents, currency: 'USD' }),
    ]);
  });
});

describe('inventory.low and inventory.sold_out', () => {
  const noRevalidate = async () => {};
  const threshold = lowStockThreshold();

  it('are emitted on the crossing, once, however often the stock-labels job runs', async () => {
    const variant = pool[next++]!;
    await setExactStock(db, variant.id, [threshold + 10]);
    await publishStockLabels(db, [variant.id], noRevalidate);
    expect(await events('inventory.low', { variantId: variant.id })).toEqual([]);

    await setExactStock(db, variant.id, [threshold]);
    await publishStockLabels(db, [variant.id], noRevalidate);
    await publishStockLabels(db, [variant.id], noRevalidate); // the job again (a retry)
    expect(await events('inventory.low', { variantId: variant.id })).toEqual([
      expect.objectContaining({ variantId: variant.id, sku: variant.sku, available: threshold, threshold }),
    ]);

    await setExactStock(db, variant.id, [1]); // still low: no new crossing
    await publishStockLabels(db, [variant.id], noRevalidate);
    expect(await events('inventory.low', { variantId: variant.id })).toHaveLength(1);

    await setExactStock(db, variant.id, [0]);
    await Promise.all([publishStockLabels(db, [variant.id], noRevalidate), publishStockLabels(db, [variant.id], noRevalidate)]);
    expect(await events('inventory.sold_out', { variantId: variant.id })).toEqual([expect.objectContaining({ variantId: variant.id, sku: variant.sku })]);

    // Restocked, then low again: a new crossing, a new event.
    await setExactStock(db, variant.id, [threshold + 10]);
    await publishStockLabels(db, [variant.id], noRevalidate);
    await setExactStock(db, variant.id, [threshold]);
    await publishStockLabels(db, [variant.id], noRevalidate);
    expect(await events('inventory.low', { variantId: variant.id })).toHaveLength(2);
    expect(await events('inventory.sold_out', { variantId: variant.id })).toHaveLength(1);
  });

  it('a domain-event job run twice emits once (through the dispatcher, as the worker runs it)', async () => {
    subscribe({
      name: 'stock-labels-under-test',
      handles: (event) => event.type === 'inventory.changed',
      run: async (tx, event) => {
        if (event.type === 'inventory.changed') await publishStockLabels(tx, event.variantIds, noRevalidate);
      },
    });
    const variant = pool[next++]!;
    await setExactStock(db, variant.id, [threshold + 5]);
    const job = { type: 'inventory.changed', variantIds: [variant.id], eventId: 'evt-low-twice' } as DomainEvent & { eventId: string };
    await dispatch(db, job);
    await setExactStock(db, variant.id, [1]);
    await dispatch(db, job);
    await dispatch(db, job);
    expect(await events('inventory.low', { variantId: variant.id })).toHaveLength(1);
  });

  it('says nothing for a variant created without stock (it never was on sale)', async () => {
    const created = await createProduct(db, merchant, { name: 'Never Stocked', category: 't-shirts', variants: [{ sku: `EMIT-NS-${Date.now()}`, priceCents: 500 }] });
    await publishStockLabels(db, created.variantIds, noRevalidate);
    expect(await events('inventory.sold_out', { variantId: created.variantIds[0] })).toEqual([]);
  });
});

describe('product.updated', () => {
  it('is emitted once by each of the merchant’s product changes, naming what changed', async () => {
    const stamp = Date.now();
    const { productId, variantIds } = await createProduct(db, merchant, {
      name: 'Emit Tee', category: 't-shirts', variants: [{ sku: `EMIT-${stamp}-A`, options: { color: 'Red' }, priceCents: 1000, stock: [] }],
    });
    await updateProduct(db, merchant, productId, { name: 'Emit Tee 2', brand: 'Emitco' });
    await updateProduct(db, merchant, productId, { name: 'Emit Tee 2' }); // no change: no event
    await setProductStatus(db, merchant, productId, 'active');
    const { variantId } = await addVariant(db, merchant, productId, { sku: `EMIT-${stamp}-B`, options: { color: 'Blue' }, priceCents: 1100 });
    await updateVariant(db, merchant, variantId, { priceCents: 1200 });
    await archiveVariant(db, merchant, variantId);
    await restoreVariant(db, merchant, variantId);
    await updateItem(db, merchant, variantIds[0]!, { price_cents: 999 });
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const image = await uploadProductImage(db, merchant, { bytes: png, productId });
    await deleteProductImage(db, merchant, image.id);

    const changes = (await events('product.updated', { productId })).map((e) => e.changes);
    expect(changes).toEqual([
      ['created'],
      ['name', 'brand'],
      ['status'],
      ['variants'],
      ['variants.priceCents'],
      ['variants.status'],
      ['variants.status'],
      ['variants.priceCents'],
      ['images'],
      ['images'],
    ]);
  });

  it('is emitted by the CSV import for each product it creates or changes, not for stock-only rows', async () => {
    const stamp = Date.now();
    const [level] = await db.execute<{ code: string }>(sql`select code from warehouses order by is_default desc, code limit 1`);
    const csv = (rows: string[]) => [`product_slug,name,category_slug,sku,price_cents,color,stock_${level!.code}`, ...rows].join('\n');
    const first = await importProductsCsv(db, merchant, {
      csv: csv([`emit-csv-a-${stamp},CSV A,t-shirts,EMIT-CSV-A-${stamp},1000,Red,5`, `emit-csv-b-${stamp},CSV B,t-shirts,EMIT-CSV-B-${stamp},1000,Red,5`]),
      mode: 'apply',
    });
    expect(first.applied).toBe(true);
    const [a] = await db.execute<{ id: string }>(sql`select id from products where slug = ${`emit-csv-a-${stamp}`}`);
    const [b] = await db.execute<{ id: string }>(sql`select id from products where slug = ${`emit-csv-b-${stamp}`}`);
    expect((await events('product.updated', { productId: a!.id })).map((e) => e.changes)).toEqual([['created']]);

    // A renamed, B only restocked.
    await importProductsCsv(db, merchant, {
      csv: csv([`emit-csv-a-${stamp},CSV A renamed,t-shirts,EMIT-CSV-A-${stamp},1000,Red,5`, `emit-csv-b-${stamp},CSV B,t-shirts,EMIT-CSV-B-${stamp},1000,Red,9`]),
      mode: 'apply',
    });
    expect((await events('product.updated', { productId: a!.id })).map((e) => e.changes)).toEqual([['created'], ['name']]);
    expect((await events('product.updated', { productId: b!.id })).map((e) => e.changes)).toEqual([['created']]);
    // A dry run emits nothing.
    await importProductsCsv(db, merchant, { csv: csv([`emit-csv-a-${stamp},CSV A again,t-shirts,EMIT-CSV-A-${stamp},1000,Red,5`]), mode: 'dry_run' });
    expect(await events('product.updated', { productId: a!.id })).toHaveLength(2);
  });

  it('is not emitted when the change fails (it rolls back with it)', async () => {
    const [variant] = await variantsWithStock(db, 1, 1_000_000, 1);
    const before = await events('product.updated', { productId: variant!.productId });
    await expect(updateProduct(db, merchant, variant!.productId, { category: 'no-such-category' })).rejects.toThrow();
    expect(await events('product.updated', { productId: variant!.productId })).toEqual(before);
  });
});
