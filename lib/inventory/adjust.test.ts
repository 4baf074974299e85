import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { placeOrder } from '@/lib/checkout/place-order';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { setExactStock, stockOf, warehouseIds } from '@/test/stock';
import { rebucket, setOnHand } from './adjust';
import { checkInventoryInvariants } from './health';
import { commitReservations } from './reserve';

const db = getDb();
const shopperId = await userIdByEmail(db, 'shopper@example.com');
const pool = await variantsWithStock(db, 30, 1_000_000, 10);
const [amsterdam] = await warehouseIds(db);
const buckets = async (variantId: string) =>
  db.execute<{ bucket: number; on_hand: number; reserved: number }>(sql`
    select bucket, on_hand, reserved from inventory_levels where variant_id = ${variantId} and warehouse_id = ${amsterdam!} order by bucket`);
const errorOf = (run: () => Promise<unknown>) => run().then(() => null, (e: { code?: string; status?: number }) => e);

describe('splitting a hot variant into buckets and merging it back', () => {
  it('spreads free units evenly, keeps reserved units where they are, and merges back without losing one', async () => {
    const variant = pool[0]!;
    await setExactStock(db, variant.id, [103]);
    const { orderId } = await placeOrder(db, { userId: shopperId, email: 's@example.com', lines: [{ variantId: variant.id, quantity: 3 }] });

    await db.transaction((tx) => rebucket(tx, variant.id, amsterdam!, 10));
    const split = await buckets(variant.id);
    expect(split).toHaveLength(10);
    expect(split.reduce((s, b) => s + b.on_hand, 0)).toBe(103);
    expect(split.reduce((s, b) => s + b.reserved, 0)).toBe(3);
    const free = split.map((b) => b.on_hand - b.reserved);
    expect(Math.max(...free) - Math.min(...free)).toBeLessThanOrEqual(1);
    expect(await checkInventoryInvariants(db)).toEqual([]);

    await db.transaction((tx) => rebucket(tx, variant.id, amsterdam!, 1));
    const merged = await buckets(variant.id);
    expect(merged.reduce((s, b) => s + b.on_hand, 0)).toBe(103);
    expect(merged[0]).toMatchObject({ bucket: 0 });
    expect(merged.every((b) => b.bucket === 0 || b.reserved > 0)).toBe(true); // only buckets still holding reservations remain
    expect(await checkInventoryInvariants(db)).toEqual([]);

    // The open order still pays from the bucket that holds its units.
    await db.transaction((tx) => commitReservations(tx, orderId));
    expect(await stockOf(db, variant.id)).toMatchObject({ onHand: 100, reserved: 0 });
    expect(await checkInventoryInvariants(db)).toEqual([]);
  });

  it('refuses a bucket count outside 1–64', async () => {
    for (const n of [0, -1, 65, 1.5]) {
      expect((await errorOf(() => rebucket(db, pool[1]!.id, amsterdam!, n)))?.status).toBe(400);
    }
  });
});

describe('setting what is on hand', () => {
  it('adds across buckets, takes from free units, and records a movement', async () => {
    const variant = pool[2]!;
    await setExactStock(db, variant.id, [20], 4);
    await db.transaction((tx) => setOnHand(tx, { variantId: variant.id, warehouseId: amsterdam!, quantity: 30, reason: 'received from supplier' }));
    expect((await stockOf(db, variant.id)).onHand).toBe(30);
    expect((await buckets(variant.id)).map((b) => b.on_hand)).toEqual([8, 8, 7, 7]);
    await db.transaction((tx) => setOnHand(tx, { variantId: variant.id, warehouseId: amsterdam!, quantity: 5, reason: 'stock count' }));
    expect((await stockOf(db, variant.id)).onHand).toBe(5);
    const moves = await db.execute<{ delta: number }>(sql`
      select delta_on_hand as delta from inventory_movements where variant_id = ${variant.id} order by id desc limit 2`);
    expect(moves.map((m) => m.delta)).toEqual([-25, 10]);
  });

  it('refuses to go below what open orders have reserved, changing nothing', async () => {
    const variant = pool[3]!;
    await setExactStock(db, variant.id, [10]);
    await placeOrder(db, { userId: shopperId, email: 's@example.com', lines: [{ variantId: variant.id, quantity: 4 }] });
    const error = await errorOf(() => db.transaction((tx) => setOnHand(tx, { variantId: variant.id, warehouseId: amsterdam!, quantity: 3, reason: 'count' })));
    expect(error).toMatchObject({ status: 409, code: 'conflict' });
    expect(await stockOf(db, variant.id)).toMatchObject({ onHand: 10, reserved: 4 });
    expect((await errorOf(() => setOnHand(db, { variantId: variant.id, warehouseId: amsterdam!, quantity: -1, reason: 'x' })))?.status).toBe(400);
  });
});
