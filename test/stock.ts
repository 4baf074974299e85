/** Helpers that set up exact stock for concurrency tests. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { rebucket } from '@/lib/inventory/adjust';

export async function warehouseIds(db: DbOrTx): Promise<string[]> {
  return (await db.execute<{ id: string }>(sql`select id from warehouses order by id`)).map((r) => r.id);
}

/** Replaces the variant's stock: `perWarehouse[i]` units in warehouse i, each split over `buckets` buckets. */
export async function setExactStock(db: DbOrTx, variantId: string, perWarehouse: number[], buckets = 1): Promise<void> {
  const warehouses = await warehouseIds(db);
  await db.execute(sql`delete from reservations where variant_id = ${variantId}`);
  await db.execute(sql`delete from inventory_levels where variant_id = ${variantId}`);
  for (const [i, units] of perWarehouse.entries()) {
    await db.execute(sql`insert into inventory_levels (variant_id, warehouse_id, bucket, on_hand) values (${variantId}, ${warehouses[i]!}, 0, ${units})`);
    if (buckets > 1) await rebucket(db, variantId, warehouses[i]!, buckets);
  }
}

export async function stockOf(db: DbOrTx, variantId: string): Promise<{ onHand: number; reserved: number; rows: number }> {
  const [row] = await db.execute<{ on_hand: number; reserved: number; rows: number }>(sql`
    select coalesce(sum(on_hand), 0)::int as on_hand, coalesce(sum(reserved), 0)::int as reserved, count(*)::int as rows
    from inventory_levels where variant_id = ${variantId}`);
  return { onHand: row!.on_hand, reserved: row!.reserved, rows: row!.rows };
}
