import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { inventoryLevels, orders, productVariants, warehouses } from '@/db/schema';

const db = getDb();

const [warehouse] = await db.select().from(warehouses).limit(1);
const [variant] = await db.select().from(productVariants).limit(1);

/** The Postgres error code of a rejected statement (23514 = check_violation, 23505 = unique_violation). */
async function pgErrorCode(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as { code?: string }).code;
  }
  return undefined;
}

describe('inventory_levels constraints', () => {
  const row = () => ({ variantId: variant!.id, warehouseId: warehouse!.id, bucket: 7 });

  it('rejects reserved greater than on_hand', async () => {
    expect(await pgErrorCode(() => db.insert(inventoryLevels).values({ ...row(), onHand: 3, reserved: 4 }))).toBe('23514');
  });

  it('rejects negative on_hand and negative reserved', async () => {
    expect(await pgErrorCode(() => db.insert(inventoryLevels).values({ ...row(), onHand: -1, reserved: 0 }))).toBe('23514');
    expect(await pgErrorCode(() => db.insert(inventoryLevels).values({ ...row(), onHand: 5, reserved: -1 }))).toBe('23514');
  });

  it('rejects an update that would reserve more than is on hand, and keeps the row unchanged', async () => {
    await db.insert(inventoryLevels).values({ ...row(), onHand: 2, reserved: 0 });
    const where = sql`${inventoryLevels.variantId} = ${variant!.id} and ${inventoryLevels.warehouseId} = ${warehouse!.id} and ${inventoryLevels.bucket} = 7`;
    expect(await pgErrorCode(() => db.update(inventoryLevels).set({ reserved: 3 }).where(where))).toBe('23514');
    expect(await pgErrorCode(() => db.update(inventoryLevels).set({ onHand: sql`${inventoryLevels.onHand} - 5` }).where(where))).toBe('23514');
    const [after] = await db.select().from(inventoryLevels).where(where);
    expect(after).toMatchObject({ onHand: 2, reserved: 0 });
  });

  it('accepts reserved equal to on_hand (everything reserved)', async () => {
    await db.insert(inventoryLevels).values({ ...row(), bucket: 8, onHand: 4, reserved: 4 });
  });
});

describe('money and catalog constraints', () => {
  it('rejects a negative price', async () => {
    expect(await pgErrorCode(() => db.update(productVariants).set({ priceCents: -1 }).where(eq(productVariants.id, variant!.id)))).toBe('23514');
  });

  it('rejects a duplicate SKU', async () => {
    expect(
      await pgErrorCode(() =>
        db.insert(productVariants).values({ productId: variant!.productId, sku: variant!.sku, priceCents: 100 }),
      ),
    ).toBe('23505');
  });

  it('rejects an order whose total does not add up', async () => {
    expect(
      await pgErrorCode(() =>
        db.insert(orders).values({ subtotalCents: 1000, discountCents: 100, taxCents: 50, shippingCents: 0, totalCents: 1000 }),
      ),
    ).toBe('23514');
    const [ok] = await db
      .insert(orders)
      .values({ subtotalCents: 1000, discountCents: 100, taxCents: 50, shippingCents: 0, totalCents: 950 })
      .returning();
    expect(ok?.status).toBe('pending_payment');
    expect(ok?.number).toBeGreaterThanOrEqual(1001);
  });
});
