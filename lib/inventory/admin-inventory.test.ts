import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditTrail } from '@/lib/audit/audit';
import { findUserById } from '@/lib/auth/users';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { queuedJobs } from '@/test/jobs';
import { setExactStock, stockOf, warehouseIds } from '@/test/stock';
import { adjustStock, receiveFromSupplier, setBuckets, stockTable } from './admin-inventory';

const db = getDb();
const merchant = (await findUserById(db, await userIdByEmail(db, 'merchant@example.com')))!;
const customer = (await findUserById(db, await userIdByEmail(db, 'shopper@example.com')))!;
const [warehouse] = await warehouseIds(db);
const [variant] = await variantsWithStock(db, 10, 1_000_000, 1);
const errorOf = (run: () => Promise<unknown>) => run().then(() => null, (e: { status?: number; details?: { fields?: Record<string, string> } }) => e);

describe('the merchant’s stock tools', () => {
  it('refuse customers with 403 and change nothing', async () => {
    const before = await stockOf(db, variant!.id);
    const input = { variantId: variant!.id, warehouseId: warehouse!, quantity: 99, reason: 'hack', buckets: 4 };
    for (const tool of [adjustStock, receiveFromSupplier, setBuckets]) {
      expect((await errorOf(() => tool(db, customer, input)))?.status).toBe(403);
    }
    expect((await errorOf(() => stockTable(db, customer, { offset: 0, limit: 10 })))?.status).toBe(403);
    expect(await stockOf(db, variant!.id)).toEqual(before);
  });

  it('set on hand with a reason, receive from the supplier and split into buckets — each audited, with a movement and an event', async () => {
    await setExactStock(db, variant!.id, [10]);
    await adjustStock(db, merchant, { variantId: variant!.id, warehouseId: warehouse!, quantity: '25', reason: 'stock count' });
    await receiveFromSupplier(db, merchant, { variantId: variant!.id, warehouseId: warehouse!, quantity: 5, reference: 'DN-1' });
    await setBuckets(db, merchant, { variantId: variant!.id, warehouseId: warehouse!, buckets: 4 });
    expect(await stockOf(db, variant!.id)).toMatchObject({ onHand: 30, reserved: 0, rows: 4 });
    const trail = await auditTrail(db, { entityType: 'variant', entityId: variant!.id });
    expect(trail.map((t) => t.action)).toEqual(['inventory.split', 'inventory.received', 'inventory.adjusted']);
    expect(trail.every((t) => t.actorUserId === merchant.id)).toBe(true);
    const moves = await db.execute<{ reason: string; delta: number }>(sql`
      select reason, delta_on_hand as delta from inventory_movements where variant_id = ${variant!.id} order by id desc limit 2`);
    expect(moves.map((m) => m.delta)).toEqual([5, 15]);
    expect(moves[0]!.reason).toMatch(/received from .*DN-1/);
    const events = (await queuedJobs(db)).filter((j) => j.payload.type === 'inventory.changed' && (j.payload.variantIds as string[]).includes(variant!.id));
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('answer 400 naming the field for bad input', async () => {
    expect((await errorOf(() => adjustStock(db, merchant, { variantId: variant!.id, warehouseId: warehouse!, quantity: -1, reason: 'x' })))?.details?.fields).toHaveProperty('quantity');
    expect((await errorOf(() => adjustStock(db, merchant, { variantId: 'nope', warehouseId: warehouse!, quantity: 1, reason: 'count' })))?.details?.fields).toHaveProperty('variantId');
    expect((await errorOf(() => setBuckets(db, merchant, { variantId: variant!.id, warehouseId: warehouse!, buckets: 65 })))?.details?.fields).toHaveProperty('buckets');
  });

  it('list stock per variant and warehouse, lowest first, searchable', async () => {
    const { rows, total } = await stockTable(db, merchant, { search: variant!.sku, offset: 0, limit: 10 });
    expect(total).toBe(2);
    expect(rows.find((r) => r.warehouseId === warehouse)).toMatchObject({ sku: variant!.sku, onHand: 30, buckets: 4, available: 30 });
    const low = await stockTable(db, merchant, { low: 0, offset: 0, limit: 5 });
    expect(low.rows.every((r) => r.available <= 0)).toBe(true);
  });
});
