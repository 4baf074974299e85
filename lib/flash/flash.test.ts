import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connect } from '@/db/client';
import { orders } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { resetKvForTests } from '@/lib/kv';
import { MemoryKeyValueStore } from '@/lib/kv/memory';
import { RedisTcpKeyValueStore } from '@/lib/kv/redis-tcp';
import type { KeyValueStore } from '@/lib/kv/types';
import { expireOrderIfDue } from '@/lib/orders/expiry';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { handlePaymentWebhook } from '@/lib/payments/webhook';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { startRedisServer } from '@/test/redis-server';
import { setExactStock, stockOf } from '@/test/stock';
import { enforceFlashSaleRules, type AdmissionProof } from './admission-check';
import { gateUnits, reconcileGate } from './gate';
import { checkRateLimit } from './rate-limit';
import { createFlashSale, forgetHotVariants, type FlashSale } from './sales';
import { admissionCookie, admittedUpTo, admitUser, hasAdmission, issueAdmission, joinLine, lineStatus } from './waiting-room';

const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 25 });
const redisUrl = inject('redisUrl');
const shopperId = await userIdByEmail(db, 'shopper@example.com');
const pool = await variantsWithStock(db, 30, 1_000_000, 20);
let next = 0;
const SECRET = 'whsec_flash_test';

beforeAll(async () => {
  process.env.REDIS_URL = redisUrl;
  await resetKvForTests();
});
afterAll(async () => {
  delete process.env.REDIS_URL;
  await resetKvForTests();
  await client.end();
});

async function newSale(units: number, overrides: Partial<{ admitPerSecond: number; maxPerOrder: number; startsAt: Date }> = {}): Promise<FlashSale> {
  const variant = pool[next++]!;
  await setExactStock(db, variant.id, [units]);
  const sale = await createFlashSale(
    db,
    {
      variantId: variant.id,
      name: `Drop ${next}`,
      startsAt: overrides.startsAt ?? new Date(Date.now() - 1000),
      endsAt: new Date(Date.now() + 3600_000),
      admitPerSecond: overrides.admitPerSecond ?? 100,
      maxPerOrder: overrides.maxPerOrder ?? 1,
      buckets: 8,
    },
    null,
  );
  forgetHotVariants();
  return sale;
}

/** Shoppers for a drop: one sale holds each to its cap, so every buyer is someone else. */
async function newBuyers(count: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    insert into users (email, password_hash)
    select 'flash-' || gen_random_uuid() || '@example.com', 'x' from generate_series(1, ${count}) returning id`);
  return rows.map((r) => r.id);
}
/** The browser's admission cookie, as the waiting room sets it. */
const admitted = (sale: FlashSale): AdmissionProof => ({ cookie: (name) => (name === admissionCookie(sale.id) ? issueAdmission(sale.id, 1).value : undefined) });

const buy = async (sale: FlashSale, buyer: string, quantity = 1) => {
  try {
    const lines = [{ variantId: sale.variantId, quantity }];
    return { ok: true as const, orderId: (await placeOrder(db, { userId: buyer, email: 's@example.com', lines, admission: admitted(sale) })).orderId };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'out_of_stock') return { ok: false as const, code };
    throw error;
  }
};

async function pay(orderId: string, outcome: 'succeeded' | 'card_declined') {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const payload = simulatedPaymentEvent({ orderId, paymentIntentId: `pi_${orderId}`, amountCents: order!.totalCents, currency: order!.currency, outcome });
  const result = await handlePaymentWebhook(db, payload, signPayload(payload, SECRET), SECRET);
  expect(result.status).toBe(200);
}

async function unitsSold(variantId: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select coalesce(sum(i.quantity), 0)::int as n from order_items i join orders o on o.id = i.order_id
    where i.variant_id = ${variantId} and o.status = 'confirmed'`);
  return row!.n;
}

describe('rate limits (sliding window)', () => {
  for (const [name, make] of [
    ['in-process store', () => new MemoryKeyValueStore()],
    ['real Redis', () => new RedisTcpKeyValueStore({ url: redisUrl })],
  ] as const) {
    it(`lets ${'the limit'} through and answers the next with a Retry-After (${name})`, async () => {
      const store: KeyValueStore = make();
      const limits = { api: { limit: 5, windowMs: 1500 }, checkout: { limit: 5, windowMs: 1500 }, signin: { limit: 5, windowMs: 1500 } };
      const who = `tester-${Math.random()}`;
      const decisions = await Promise.all(Array.from({ length: 5 }, () => checkRateLimit('api', who, store, limits)));
      expect(decisions.every((d) => d.allowed)).toBe(true);
      const sixth = await checkRateLimit('api', who, store, limits);
      expect(sixth.allowed).toBe(false);
      expect(sixth.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(sixth.retryAfterSeconds).toBeLessThanOrEqual(2);
      expect((await checkRateLimit('api', `${who}-other`, store, limits)).allowed).toBe(true);
      await new Promise((r) => setTimeout(r, 1600));
      expect((await checkRateLimit('api', who, store, limits)).allowed).toBe(true);
      await store.close();
    });
  }

  it('lets requests through when the store is unreachable', async () => {
    const store = new MemoryKeyValueStore();
    await store.close();
    expect((await checkRateLimit('api', 'anyone', store)).allowed).toBe(true);
  });
});

describe('the waiting room', () => {
  it('gives each visitor one ticket, in order, and lets them through at the sale’s rate', async () => {
    const sale = await newSale(10, { admitPerSecond: 2, startsAt: new Date(Date.now() + 60_000) });
    const first = await joinLine(sale, 'visitor-a');
    const second = await joinLine(sale, 'visitor-b');
    expect(await joinLine(sale, 'visitor-a')).toBe(first);
    expect(second).toBe(first + 1);
    const start = sale.startsAt.getTime();
    expect(admittedUpTo(sale, start - 1)).toBe(0);
    expect(admittedUpTo(sale, start)).toBe(2);
    expect(admittedUpTo(sale, start + 1500)).toBe(5);
    expect(lineStatus(sale, 1, 10, start - 5000)).toMatchObject({ admitted: false, startsInSeconds: 5 });
    expect(lineStatus(sale, 2, 10, start)).toMatchObject({ admitted: true, ahead: 0 });
    expect(lineStatus(sale, 7, 10, start)).toMatchObject({ admitted: false, ahead: 5, waitSeconds: 3 });
    expect(lineStatus(sale, 7, 0, start).soldOut).toBe(true);
  });

  it('signs admissions: forged, foreign or expired ones do not count, and checkout asks for one', async () => {
    const sale = await newSale(10);
    const admission = issueAdmission(sale.id, 3);
    expect(hasAdmission(sale.id, admission.value)).toBe(true);
    expect(hasAdmission(sale.id, `${admission.value}x`)).toBe(false);
    expect(hasAdmission('another-sale', admission.value)).toBe(false);
    expect(hasAdmission(sale.id, issueAdmission(sale.id, 3, Date.now() - 16 * 60_000).value)).toBe(false);
    const [buyer, apiClient] = await newBuyers(2);
    const rules = (userId: string, cookie: AdmissionProof['cookie'], variantId = sale.variantId) =>
      db.transaction((tx) => enforceFlashSaleRules(tx, { userId, lines: [{ variantId, quantity: 1 }], proof: { cookie } }));
    await expect(rules(buyer!, () => undefined)).rejects.toMatchObject({ status: 403, code: 'admission_required', details: { queue: `/queue/${sale.id}` } });
    await rules(buyer!, (name) => (name === admissionCookie(sale.id) ? admission.value : undefined));
    await rules(buyer!, () => undefined, pool[19]!.id); // not in a sale
    await admitUser(sale.id, apiClient!); // joined the line with its API key: no cookie needed
    await rules(apiClient!, () => undefined);
  });
});

describe('the hot-item gate (real PostgreSQL, real Redis)', () => {
  it('refuses beyond the limit per order, and sends late buyers away without an order', async () => {
    const sale = await newSale(3);
    expect(await gateUnits(sale.variantId)).toBe(3);
    await expect(placeOrder(db, { userId: shopperId, email: 's@example.com', lines: [{ variantId: sale.variantId, quantity: 2 }], admission: admitted(sale) })).rejects.toMatchObject({ status: 400 });
    const results = await Promise.all((await newBuyers(20)).map((buyer) => buy(sale, buyer)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(await gateUnits(sale.variantId)).toBe(0);
    expect(await stockOf(db, sale.variantId)).toMatchObject({ onHand: 3, reserved: 3 });
  });

  it('a simulated drop: 5,000 buyers, 500 units, random payment failures and expiries — all 500 sold, none oversold, none stranded', async () => {
    const sale = await newSale(500);
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const tally = { orders: 0, refused: 0, failed: 0, expired: 0 };
    const buyers = await newBuyers(5000 + 50 * 50);
    let nextBuyer = 0;

    const buyer = async () => {
      const result = await buy(sale, buyers[nextBuyer++]!);
      if (!result.ok) return void tally.refused++;
      tally.orders++;
      const roll = random();
      if (roll < 0.1) {
        tally.failed++;
        await pay(result.orderId, 'card_declined');
      } else if (roll < 0.2) {
        tally.expired++;
        await db.execute(sql`update orders set expires_at = now() - interval '1 second' where id = ${result.orderId}`);
        expect(await expireOrderIfDue(db, result.orderId)).toBe(true);
      } else {
        await pay(result.orderId, 'succeeded');
        return;
      }
      // What the job does after stock moves: the gate learns the units are back.
      await reconcileGate(db, sale.variantId);
    };

    await Promise.all(Array.from({ length: 5000 }, buyer));
    // Units released after the last buyer was turned away go to latecomers, until none are left.
    for (let round = 0; round < 50 && (await stockOf(db, sale.variantId)).onHand > (await stockOf(db, sale.variantId)).reserved; round++) {
      await reconcileGate(db, sale.variantId);
      await Promise.all(Array.from({ length: 50 }, buyer));
    }

    expect(tally.failed + tally.expired).toBeGreaterThan(50);
    expect(await unitsSold(sale.variantId)).toBe(500);
    expect(await stockOf(db, sale.variantId)).toMatchObject({ onHand: 0, reserved: 0 });
    expect(await checkInventoryInvariants(db)).toEqual([]);
    await reconcileGate(db, sale.variantId);
    expect(await gateUnits(sale.variantId)).toBe(0);
    // Refusals came from the gate, not from PostgreSQL work: far fewer orders were attempted than buyers came.
    expect(tally.orders).toBeLessThan(800);
  }, 240_000);

  it('keeps selling through PostgreSQL alone when Redis dies mid-drop, without overselling', async () => {
    const redis = await startRedisServer();
    process.env.REDIS_URL = redis.url;
    await resetKvForTests();
    try {
      const sale = await newSale(300);
      expect(await gateUnits(sale.variantId)).toBe(300);
      const shoppers = await newBuyers(1500);
      const buyers = shoppers.map((shopper, i) =>
        (async () => {
          if (i === 400) await redis.stop(); // mid-drop
          const result = await buy(sale, shopper);
          if (result.ok) await pay(result.orderId, 'succeeded');
          return result.ok;
        })(),
      );
      const placed = (await Promise.all(buyers)).filter(Boolean).length;
      expect(placed).toBe(300);
      expect(await unitsSold(sale.variantId)).toBe(300);
      expect(await stockOf(db, sale.variantId)).toMatchObject({ onHand: 0, reserved: 0 });
      expect(await checkInventoryInvariants(db)).toEqual([]);
    } finally {
      await redis.stop().catch(() => {});
      process.env.REDIS_URL = redisUrl;
      await resetKvForTests();
    }
  }, 240_000);
});


describe('a cart edited between the hot-item gate and the order’s transaction', () => {
  /**
   * Holds the cart's row lock (as a cart update does), lets checkout read the cart and pass the
   * gate, then edits the line to `to` and commits: checkout's transaction reads the edited cart.
   */
  async function checkoutWhileCartChanges(from: number, to: number, maxPerOrder: number) {
    const sale = await newSale(10, { maxPerOrder });
    const [buyer] = await newBuyers(1);
    const [cart] = await db.execute<{ id: string }>(sql`insert into carts (user_id) values (${buyer!}) returning id`);
    const cartId = cart!.id;
    await db.execute(sql`insert into cart_items (cart_id, variant_id, quantity, price_at_add_cents) values (${cartId}, ${sale.variantId}, ${from}, 100)`);
    let checkout!: Promise<unknown>;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select id from carts where id = ${cartId} for update`);
      checkout = placeOrder(db, { userId: buyer!, email: 's@example.com', cartId, admission: admitted(sale) }).then(
        (placed) => ({ ok: true, ...placed }),
        (error: { status?: number; code?: string; details?: unknown }) => ({ ok: false, status: error.status, code: error.code, details: error.details }),
      );
      for (let i = 0; i < 200 && (await gateUnits(sale.variantId)) === 10; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await gateUnits(sale.variantId)).toBe(10 - from);
      await tx.execute(sql`update cart_items set quantity = ${to} where cart_id = ${cartId}`);
    });
    const outcome = await checkout;
    const ordered = await db.execute<{ n: number }>(sql`
      select coalesce(sum(i.quantity), 0)::int as n from order_items i join orders o on o.id = i.order_id where o.user_id = ${buyer!}`);
    return { sale, outcome, ordered: ordered[0]!.n, gate: await gateUnits(sale.variantId), stock: await stockOf(db, sale.variantId) };
  }

  it.each([
    ['raised past the cap', 1, 3],
    ['raised within the cap', 1, 2],
    ['lowered', 2, 1],
  ])('%s: refused 409 (cart_changed), nothing ordered, every gate unit given back', async (_name, from, to) => {
    const result = await checkoutWhileCartChanges(from, to, 2);
    expect(result.outcome).toMatchObject({ ok: false, status: 409, code: 'conflict', details: { reason: 'cart_changed' } });
    expect(result.ordered).toBe(0);
    expect(result.stock).toMatchObject({ onHand: 10, reserved: 0 });
    expect(result.gate).toBe(10);
  });

  it('the same cart submitted twice at once takes its units from the gate once', async () => {
    const sale = await newSale(10, { maxPerOrder: 2 });
    const [buyer] = await newBuyers(1);
    const [cart] = await db.execute<{ id: string }>(sql`insert into carts (user_id) values (${buyer!}) returning id`);
    await db.execute(sql`insert into cart_items (cart_id, variant_id, quantity, price_at_add_cents) values (${cart!.id}, ${sale.variantId}, 2, 100)`);
    const placed = await Promise.all(
      Array.from({ length: 4 }, () => placeOrder(db, { userId: buyer!, email: 's@example.com', cartId: cart!.id, admission: admitted(sale) })),
    );
    expect(new Set(placed.map((p) => p.orderId)).size).toBe(1);
    expect(await stockOf(db, sale.variantId)).toMatchObject({ onHand: 10, reserved: 2 });
    expect(await gateUnits(sale.variantId)).toBe(8);
  });
});
