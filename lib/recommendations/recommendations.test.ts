import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as getRecommendations } from '@/app/api/v1/users/[user_id]/recommendations/route';
import { POST as postItem } from '@/app/api/v1/items/route';
import { getDb } from '@/db/client';
import { batchState, recommendations } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { addToWishlist } from '@/lib/wishlist/wishlist';
import { call } from '@/test/api';
import { userIdByEmail } from '@/test/fixtures';
import { BOUGHT_TOGETHER, BOUGHT_TOGETHER_BATCH, boughtTogetherStatus, runBoughtTogetherBatch } from './bought-together';
import { describeFreshness } from './freshness';
import { runRecommendationsJob } from './job';
import { boughtTogether, popularProducts, recommendedForUser } from './queries';

const db = getDb();
const MERCHANT_KEY = 'sw_test_merchant_demo';
const merchant = { userId: await userIdByEmail(db, 'merchant@example.com'), role: 'merchant' as const };
const stamp = Date.now().toString(36);
const batch = () => runBoughtTogetherBatch(db, { settleSeconds: 0 });

const [warehouse] = await db.execute<{ id: string }>(sql`select id from warehouses where is_default`);

/** Six fresh products (one variant each, plenty of stock) no seeded order contains. */
const [A, B, C, D, E, F] = await Promise.all(
  ['a', 'b', 'c', 'd', 'e', 'f'].map(async (letter, i) => {
    const response = await call(postItem, 'POST', '/api/v1/items', {
      key: MERCHANT_KEY,
      body: { sku: `REC-${stamp}-${letter}`.toUpperCase(), name: `Rec ${letter} ${stamp}`, category: 'footwear', price_cents: 1000 + i * 100, stock: [{ warehouse_id: warehouse!.id, quantity: 500 }] },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return { productId: response.body.product_id as string, itemId: response.body.item_id as string };
  }),
) as { productId: string; itemId: string }[];

const buyer = await createUser(db, { email: `recs-${stamp}@example.com`, password: 'long-enough-pw' });

async function order(items: (typeof A)[], pay = true): Promise<string> {
  const { orderId } = await placeOrder(db, { userId: buyer.id, email: buyer.email, lines: items.map((p) => ({ variantId: p!.itemId, quantity: 1 })) });
  if (pay) await updateOrderStatus(db, orderId, { status: 'confirmed' }, merchant);
  return orderId;
}

async function scoresOf(product: typeof A): Promise<[string, number][]> {
  const rows = await db
    .select({ id: recommendations.recommendedProductId, score: recommendations.score })
    .from(recommendations)
    .where(and(eq(recommendations.kind, BOUGHT_TOGETHER), eq(recommendations.productId, product!.productId)))
    .orderBy(sql`${recommendations.score} desc, ${recommendations.recommendedProductId}`);
  return rows.map((r) => [r.id, r.score]);
}

const name = (id: string) => [A, B, C, D, E].findIndex((p) => p!.productId === id);
const named = (rows: [string, number][]) => rows.map(([id, score]) => ['ABCDE'[name(id)], score]);

describe('bought together', () => {
  // The seed's history was counted when the template was seeded: start from a clean watermark past it.
  it('counts the seeded history at seed time', async () => {
    const status = await boughtTogetherStatus(db);
    expect(status.orders).toBeGreaterThanOrEqual(300);
    expect(status.products).toBeGreaterThan(10);
    expect(describeFreshness(status)).toMatch(/^Updated .* from [\d,]+ paid orders/);
    expect(await batch()).toMatchObject({ orders: 0, pairs: 0 });
  });

  it('ranks products by how often they were paid for in the same order, counting each order once, incrementally', async () => {
    const lateOrder = await order([A, E], false); // placed now, paid only after the first run
    await order([A, B]);
    await order([A, B]);
    await order([A, B, C]);
    await order([A, C]);
    await order([A, D]);
    await order([B, D], false); // never paid: never counted

    const first = await batch();
    expect(first.orders).toBe(5);
    expect(first.pairs).toBe(2 * (1 + 1 + 3 + 1 + 1));
    expect(first.changedProductIds).toEqual([A, B, C, D].map((p) => p!.productId).sort());
    expect(named(await scoresOf(A))).toEqual([['B', 3], ['C', 2], ['D', 1]]);
    expect(named(await scoresOf(B))).toEqual([['A', 3], ['C', 1]]);
    expect((await boughtTogether(db, [A!.productId])).map((p) => name(p.id))).toEqual([1, 2, 3]);
    // For a cart of A and B: their scores summed, A and B themselves left out.
    expect((await boughtTogether(db, [A!.productId, B!.productId])).map((p) => name(p.id))).toEqual([2, 3]);

    // Run again: nothing new, nothing changes.
    const before = await db.select().from(recommendations).where(eq(recommendations.kind, BOUGHT_TOGETHER));
    expect(await batch()).toEqual({ orders: 0, pairs: 0, changedProductIds: [] });
    expect(await db.select().from(recommendations).where(eq(recommendations.kind, BOUGHT_TOGETHER))).toEqual(before);

    // New orders, and the order placed before the last run but paid after it.
    await order([A, D]);
    await order([A, D]);
    await order([A, D]);
    await updateOrderStatus(db, lateOrder, { status: 'confirmed' }, merchant);
    const second = await batch();
    expect(second.orders).toBe(4);
    expect(second.changedProductIds).toContain(A!.productId);
    expect(named(await scoresOf(A))).toEqual([['D', 4], ['B', 3], ['C', 2], ['E', 1]]);

    // A paid order cancelled afterwards keeps its counts (documented); cancelling counts nothing again.
    await updateOrderStatus(db, lateOrder, { status: 'cancelled' }, merchant);
    expect(await batch()).toMatchObject({ orders: 0 });
    expect(named(await scoresOf(A))).toEqual([['D', 4], ['B', 3], ['C', 2], ['E', 1]]);
  });

  it('counts an order once when two runs race', async () => {
    await order([C, E]);
    await order([C, E]);
    const results = await Promise.all([batch(), batch(), batch()]);
    expect(results.reduce((n, r) => n + r.orders, 0)).toBe(2);
    expect(named(await scoresOf(C)).find(([letter]) => letter === 'E')).toEqual(['E', 2]);
  });

  it('waits for the settle window before counting a fresh order', async () => {
    await order([B, E]);
    expect(await runBoughtTogetherBatch(db, { settleSeconds: 3600 })).toMatchObject({ orders: 0 });
    expect(await batch()).toMatchObject({ orders: 1 });
  });

  it('the job revalidates the pages of products whose shown list changed, and survives a failed revalidation', async () => {
    await order([D, E]);
    await order([D, E]);
    const asked: string[][] = [];
    const result = await runRecommendationsJob(db, async (tags) => void asked.push(tags), { settleSeconds: 0 });
    expect(result.orders).toBe(2);
    expect(asked.flat()).toEqual(expect.arrayContaining([`product:${D!.productId}`, `product:${E!.productId}`]));

    await order([D, F]); // a new pair: D's and F's lists change
    const lines: string[] = [];
    const failed = await runRecommendationsJob(db, async () => { throw new Error('app is down'); }, { settleSeconds: 0, log: (l) => lines.push(l) });
    expect(failed).toMatchObject({ orders: 1, changedProductIds: [D!.productId, F!.productId].sort() });
    expect(lines.join('\n')).toContain('could not refresh');
    const [state] = await db.select().from(batchState).where(eq(batchState.name, BOUGHT_TOGETHER_BATCH));
    expect(state!.watermark).toMatchObject({ orderId: expect.any(String), paidAt: expect.any(String) });
  });
});

describe('recommended for you', () => {
  it('falls back to popular products for a shopper with no history', async () => {
    const newcomer = await createUser(db, { email: `recs-new-${stamp}@example.com`, password: 'long-enough-pw' });
    const mine = await recommendedForUser(db, newcomer.id, 6);
    const popular = await popularProducts(db, { limit: 6 });
    expect(mine).toHaveLength(6);
    expect(mine.map((p) => p.id)).toEqual(popular.map((p) => p.id));
    expect(mine.every((p) => p.source === 'popular')).toBe(true);
    // The seeded history sells: the most popular product has paid orders in the last 30 days.
    const [top] = await db.execute<{ units: number }>(sql`
      select coalesce(sum(i.quantity), 0)::int as units from order_items i join orders o on o.id = i.order_id
      join product_variants v on v.id = i.variant_id
      where v.product_id = ${popular[0]!.id} and o.status in ('confirmed', 'processing', 'shipped', 'delivered') and o.created_at > now() - interval '30 days'`);
    expect(top!.units).toBeGreaterThan(0);
  });

  it('suggests what was bought with their purchases and wishlist, never what they bought', async () => {
    const shopper = await createUser(db, { email: `recs-own-${stamp}@example.com`, password: 'long-enough-pw' });
    const { orderId } = await placeOrder(db, { userId: shopper.id, email: shopper.email, lines: [{ variantId: B!.itemId, quantity: 1 }] });
    await updateOrderStatus(db, orderId, { status: 'confirmed' }, merchant);
    const mine = await recommendedForUser(db, shopper.id, 30);
    expect(mine.map((p) => p.id)).not.toContain(B!.productId);
    expect(mine[0]).toMatchObject({ id: A!.productId, source: 'bought_together', itemId: A!.itemId });

    await addToWishlist(db, shopper.id, C!.itemId);
    const withWish = await recommendedForUser(db, shopper.id, 30);
    expect(withWish.map((p) => p.id)).not.toContain(C!.productId);
    expect(withWish.filter((p) => p.source === 'bought_together').map((p) => p.id)).toEqual(expect.arrayContaining([A!.productId, E!.productId]));
  });
});

describe('GET /api/v1/users/{user_id}/recommendations', () => {
  const get = (userId: string, options: { key?: string; query?: string } = {}) =>
    call(getRecommendations, 'GET', `/api/v1/users/${userId}/recommendations`, { params: { user_id: userId }, ...options });

  it('answers the owner, by id or `me`, in API.md’s shape', async () => {
    const shopperId = await userIdByEmail(db, 'shopper@example.com');
    const mine = await get('me', { key: 'sw_test_shopper_demo' });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ page: 1, limit: 20, total: expect.any(Number) });
    expect(mine.body.data.length).toBeGreaterThan(0);
    for (const item of mine.body.data) {
      expect(item).toMatchObject({ item_id: expect.any(String), product_id: expect.any(String), name: expect.any(String), price_cents: expect.any(Number), currency: 'USD' });
    }
    expect((await get(shopperId, { key: 'sw_test_shopper_demo' })).body).toEqual(mine.body);
    expect((await get('me', { key: 'sw_test_shopper_demo', query: 'limit=2&page=2' })).body.data).toEqual(mine.body.data.slice(2, 4));
  });

  it('answers 401 without a key, 404 for someone else, 400 for a malformed id or page', async () => {
    expect((await get('me')).status).toBe(401);
    expect((await get('me', { key: 'sw_live_nope' })).status).toBe(401);
    const someoneElse = await userIdByEmail(db, 'merchant@example.com');
    const other = await get(someoneElse, { key: 'sw_test_shopper_demo' });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    expect((await get('not-a-uuid', { key: 'sw_test_shopper_demo' })).status).toBe(400);
    expect((await get('me', { key: 'sw_test_shopper_demo', query: 'limit=1000' })).status).toBe(400);
  });
});
