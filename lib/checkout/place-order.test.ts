import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { connect } from '@/db/client';
import { carts, orderEvents, orderItems, orders, payments, promotions, reservations } from '@/db/schema';
import { addToCart, getOrCreateUserCart } from '@/lib/cart/store';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { queuedJobs } from '@/test/jobs';
import { setExactStock, stockOf } from '@/test/stock';
import { placeOrder } from './place-order';

// A pool of 25 connections, so hundreds of buyers really do run at once.
const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 25 });
afterAll(() => client.end());

const shopperId = await userIdByEmail(db, 'shopper@example.com');
const buyer = { userId: shopperId, email: 'shopper@example.com' };
const pool = await variantsWithStock(db, 30, 1_000_000, 40);
let next = 0;
const freshVariant = () => pool[next++]!;

type Outcome = { ok: true; orderId: string } | { ok: false; code: string; status: number; details?: unknown };
async function attempt(lines: { variantId: string; quantity: number }[]): Promise<Outcome> {
  try {
    return { ok: true, orderId: (await placeOrder(db, { ...buyer, lines })).orderId };
  } catch (error) {
    const e = error as { code?: string; status?: number; details?: unknown };
    if (e.status && e.status < 500) return { ok: false, code: e.code!, status: e.status, details: e.details };
    throw error;
  }
}

async function buyConcurrently(variantId: string, buyers: number) {
  const outcomes = await Promise.all(Array.from({ length: buyers }, () => attempt([{ variantId, quantity: 1 }])));
  return {
    orders: outcomes.filter((o) => o.ok).length,
    outOfStock: outcomes.filter((o) => !o.ok && o.code === 'out_of_stock').length,
    other: outcomes.filter((o) => !o.ok && o.code !== 'out_of_stock'),
  };
}

describe('placing an order', () => {
  it('writes the order, items at today’s price, reservations, the payment row, the first event and the jobs, in one go', async () => {
    const variant = freshVariant();
    const { orderId } = await placeOrder(db, { ...buyer, lines: [{ variantId: variant.id, quantity: 2 }] });
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(order).toMatchObject({ status: 'pending_payment', subtotalCents: 2 * variant.priceCents, userId: shopperId });
    expect(order!.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(await db.select().from(orderItems).where(eq(orderItems.orderId, orderId))).toEqual([
      expect.objectContaining({ variantId: variant.id, quantity: 2, unitPriceCents: variant.priceCents, sku: variant.sku }),
    ]);
    const held = await db.select().from(reservations).where(eq(reservations.orderId, orderId));
    expect(held.reduce((s, r) => s + r.quantity, 0)).toBe(2);
    expect(held.every((r) => r.status === 'active')).toBe(true);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
    expect(payment).toMatchObject({ idempotencyKey: `order-${orderId}`, amountCents: order!.totalCents, status: 'pending' });
    expect(await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId))).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'pending_payment' }),
    ]);
    const jobs = await queuedJobs(db, { orderId });
    expect(jobs.map((j) => [j.task, j.payload.type ?? null])).toEqual([['domain-event', 'order.created'], ['expire-order', null]]);
    expect(jobs[1]!.runAt!.getTime()).toBe(order!.expiresAt!.getTime());
    expect((await stockOf(db, variant.id)).reserved).toBe(2);
  });

  it('sums lines of the same item before checking stock', async () => {
    const variant = freshVariant();
    await setExactStock(db, variant.id, [3]);
    const outcome = await attempt([{ variantId: variant.id, quantity: 2 }, { variantId: variant.id, quantity: 2 }]);
    expect(outcome).toMatchObject({ ok: false, code: 'out_of_stock', details: { item_id: variant.id, available: 3, requested: 4 } });
    expect(await stockOf(db, variant.id)).toMatchObject({ onHand: 3, reserved: 0 });
  });

  it('reserves nothing at all when any line is short, and names that item', async () => {
    const [plenty, short] = [freshVariant(), freshVariant()];
    await setExactStock(db, short.id, [1]);
    const before = await stockOf(db, plenty.id);
    const outcome = await attempt([{ variantId: plenty.id, quantity: 2 }, { variantId: short.id, quantity: 2 }]);
    expect(outcome).toMatchObject({ ok: false, status: 409, code: 'out_of_stock', details: { item_id: short.id, sku: short.sku } });
    expect(await stockOf(db, plenty.id)).toEqual(before);
    expect(await stockOf(db, short.id)).toMatchObject({ reserved: 0 });
  });

  it('places the same cart once, however many times it is submitted at once', async () => {
    const variant = freshVariant();
    const cartId = await getOrCreateUserCart(db, shopperId);
    await addToCart(db, cartId, variant.id, 1);
    const results = await Promise.all(Array.from({ length: 8 }, () => placeOrder(db, { ...buyer, cartId })));
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const [cart] = await db.select().from(carts).where(eq(carts.id, cartId));
    expect(cart?.status).toBe('converted');
    expect((await stockOf(db, variant.id)).reserved).toBe(1);
  });

  it('never redeems a promotion past its limit, whatever the concurrency', async () => {
    const variant = freshVariant();
    await db.update(promotions).set({ usedCount: 0, usageLimit: 5 }).where(eq(promotions.code, 'FLASH50'));
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async () => {
        try {
          await placeOrder(db, { ...buyer, lines: [{ variantId: variant.id, quantity: 1 }], promoCode: 'flash50' });
          return 'ok';
        } catch (error) {
          return (error as { details?: { fields?: Record<string, string> } }).details?.fields?.promo_code ?? String(error);
        }
      }),
    );
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => o !== 'ok').every((o) => /fully redeemed/.test(o))).toBe(true);
    const [promo] = await db.select().from(promotions).where(eq(promotions.code, 'FLASH50'));
    expect(promo?.usedCount).toBe(5);
    const discounted = await db.execute<{ n: number }>(sql`select count(*)::int as n from orders where promo_code = 'FLASH50'`);
    expect(discounted[0]!.n).toBe(5);
  });
});

describe('the promotion is decided once, on the database’s clock', () => {
  afterEach(() => vi.useRealTimers());

  /** A 10% code whose window is set against the database's clock; this process's clock is `skewMs` off. */
  async function orderWithCode(window: { startsIn: string; endsIn: string }, skewMs: number) {
    const variant = freshVariant();
    const code = `CLOCK${randomUUID().slice(0, 8).toUpperCase()}`;
    await db.execute(sql`insert into promotions (code, kind, value, currency, starts_at, ends_at)
      values (${code}, 'percent', 10, 'USD', now() + ${window.startsIn}::interval, now() + ${window.endsIn}::interval)`);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + skewMs });
    const outcome = await placeOrder(db, { ...buyer, lines: [{ variantId: variant.id, quantity: 1 }], promoCode: code }).then(
      (placed) => placed.orderId,
      (error: { details?: { fields?: Record<string, string> } }) => error.details?.fields?.promo_code ?? String(error),
    );
    vi.useRealTimers();
    const [promo] = await db.select().from(promotions).where(eq(promotions.code, code));
    const [order] = await db.select().from(orders).where(eq(orders.promoCode, code));
    return { outcome, redeemed: promo!.usedCount, order, priceCents: variant.priceCents };
  }

  it('a code valid by the database’s clock is redeemed and applied, though this process’s clock says it ended', async () => {
    const result = await orderWithCode({ startsIn: '-1 hour', endsIn: '1 minute' }, 2 * 3600_000);
    expect(result.redeemed).toBe(1);
    expect(result.order).toMatchObject({ discountCents: Math.round(result.priceCents / 10) });
  });

  it('a code ended by the database’s clock is refused and not redeemed, though this process’s clock says it runs', async () => {
    const result = await orderWithCode({ startsIn: '-2 hours', endsIn: '-1 second' }, -3600_000);
    expect(result.outcome).toMatch(/has expired/);
    expect(result.redeemed).toBe(0);
    expect(result.order).toBeUndefined();
  });
});

describe('never overselling: 500 buyers at once for 50 units', () => {
  it.each([
    ['one row', [50], 1],
    ['5 buckets', [50], 5],
    ['2 warehouses', [30, 20], 1],
    ['2 warehouses × 4 buckets', [25, 25], 4],
  ] as const)('%s: exactly 50 orders, 450 out_of_stock, invariants hold', async (_label, perWarehouse, buckets) => {
    const variant = freshVariant();
    await setExactStock(db, variant.id, [...perWarehouse], buckets);
    const result = await buyConcurrently(variant.id, 500);
    expect(result.other).toEqual([]);
    expect(result.orders).toBe(50);
    expect(result.outOfStock).toBe(450);
    expect(await stockOf(db, variant.id)).toMatchObject({ onHand: 50, reserved: 50 });
    expect(await checkInventoryInvariants(db)).toEqual([]);
  }, 120_000);

  it('orders mixing a hot and a cold item in random order never deadlock and never reserve partially', async () => {
    const hot = freshVariant();
    const colds = [freshVariant(), freshVariant(), freshVariant()];
    await setExactStock(db, hot.id, [20, 20], 3);
    for (const cold of colds) await setExactStock(db, cold.id, [1000]);
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, (_, i) => {
        const cold = colds[i % colds.length]!;
        const lines = [{ variantId: hot.id, quantity: 1 + (i % 2) }, { variantId: cold.id, quantity: 1 }];
        return attempt(i % 2 ? lines : lines.reverse());
      }),
    );
    expect(outcomes.filter((o) => !o.ok && o.code !== 'out_of_stock')).toEqual([]);
    const placed = outcomes.filter((o): o is { ok: true; orderId: string } => o.ok);
    const hotReserved = (await stockOf(db, hot.id)).reserved;
    const coldReserved = (await Promise.all(colds.map((c) => stockOf(db, c.id)))).reduce((s, c) => s + c.reserved, 0);
    expect(hotReserved).toBe(40); // sold out exactly
    expect(coldReserved).toBe(placed.length); // one cold unit per placed order, none for refused ones
    expect(await checkInventoryInvariants(db)).toEqual([]);
  }, 120_000);
});
