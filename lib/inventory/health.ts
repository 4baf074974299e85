import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export type InventoryViolation = {
  variantId: string;
  warehouseId: string;
  bucket: number;
  onHand: number;
  reserved: number;
  activeReservations: number;
  problem: string;
};

/**
 * Every unit accounted for: on each inventory row 0 ≤ reserved ≤ on_hand, and
 * `reserved` equals the sum of the active reservations held on that row; no
 * active reservation points at a row that does not exist. Empty means healthy.
 */
export async function checkInventoryInvariants(db: DbOrTx): Promise<InventoryViolation[]> {
  const rows = await db.execute<{
    variant_id: string; warehouse_id: string; bucket: number; on_hand: number | null; reserved: number | null; active: number;
  }>(sql`
    with active as (
      select variant_id, warehouse_id, bucket, sum(quantity)::int as quantity
      from reservations where status = 'active' group by variant_id, warehouse_id, bucket)
    select coalesce(l.variant_id, a.variant_id) as variant_id, coalesce(l.warehouse_id, a.warehouse_id) as warehouse_id,
           coalesce(l.bucket, a.bucket) as bucket, l.on_hand, l.reserved, coalesce(a.quantity, 0) as active
    from inventory_levels l
    full join active a on a.variant_id = l.variant_id and a.warehouse_id = l.warehouse_id and a.bucket = l.bucket
    where l.variant_id is null or l.reserved < 0 or l.on_hand < 0 or l.reserved > l.on_hand or l.reserved <> coalesce(a.quantity, 0)`);
  return rows.map((r) => ({
    variantId: r.variant_id,
    warehouseId: r.warehouse_id,
    bucket: r.bucket,
    onHand: r.on_hand ?? 0,
    reserved: r.reserved ?? 0,
    activeReservations: r.active,
    problem:
      r.on_hand === null
        ? 'active reservations on a missing inventory row'
        : r.reserved! > r.on_hand
          ? 'reserved exceeds on hand'
          : r.reserved! < 0 || r.on_hand < 0
            ? 'negative stock'
            : 'reserved does not match the active reservations',
  }));
}
