/**
 * Merchant changes to stock: set the units on hand in a warehouse, and split a
 * hot variant's stock over N buckets (or merge it back). Rows are locked in
 * (variant, warehouse, bucket) order, as everywhere.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { inventoryMovements } from '@/db/schema';
import { ApiError, invalidField } from '@/lib/api/errors';
import { emit } from '@/lib/events/outbox';

type Level = { bucket: number; on_hand: number; reserved: number };

async function lockLevels(tx: DbOrTx, variantId: string, warehouseId: string): Promise<Level[]> {
  return [
    ...(await tx.execute<Level>(sql`
      select bucket, on_hand, reserved from inventory_levels
      where variant_id = ${variantId} and warehouse_id = ${warehouseId}
      order by bucket for update`)),
  ];
}

/**
 * Sets the units on hand of a variant in a warehouse (over all its buckets).
 * Below what open orders have reserved → 409 `conflict`. Records a movement.
 */
export async function setOnHand(
  tx: DbOrTx,
  input: { variantId: string; warehouseId: string; quantity: number; reason: string; actorUserId?: string | null },
): Promise<{ onHand: number; reserved: number }> {
  if (!Number.isInteger(input.quantity) || input.quantity < 0) throw invalidField('quantity', 'must be a whole number, 0 or more');
  const levels = await lockLevels(tx, input.variantId, input.warehouseId);
  const onHand = levels.reduce((s, l) => s + l.on_hand, 0);
  const reserved = levels.reduce((s, l) => s + l.reserved, 0);
  if (input.quantity < reserved) {
    throw new ApiError(409, 'conflict', `Cannot set on hand to ${input.quantity}: open orders have reserved ${reserved}`, {
      field: 'quantity',
      reserved,
    });
  }
  let delta = input.quantity - onHand;
  if (delta === 0) return { onHand, reserved };
  if (levels.length === 0) {
    await tx.execute(sql`insert into inventory_levels (variant_id, warehouse_id, bucket, on_hand) values (${input.variantId}, ${input.warehouseId}, 0, ${input.quantity})`);
  } else if (delta > 0) {
    // Spread new units evenly over the buckets, so a split variant stays split.
    const share = Math.floor(delta / levels.length);
    let extra = delta - share * levels.length;
    for (const level of levels) {
      const add = share + (extra-- > 0 ? 1 : 0);
      if (add > 0) await addOnHand(tx, input.variantId, input.warehouseId, level.bucket, add);
    }
  } else {
    // Take units from the buckets with the most free units first.
    for (const level of [...levels].sort((a, b) => b.on_hand - b.reserved - (a.on_hand - a.reserved))) {
      if (delta === 0) break;
      const take = Math.min(level.on_hand - level.reserved, -delta);
      if (take > 0) await addOnHand(tx, input.variantId, input.warehouseId, level.bucket, -take);
      delta += take;
    }
  }
  await tx.insert(inventoryMovements).values({
    variantId: input.variantId, warehouseId: input.warehouseId, deltaOnHand: input.quantity - onHand, reason: input.reason, actorUserId: input.actorUserId ?? null,
  });
  await emit(tx, { type: 'inventory.changed', variantIds: [input.variantId] });
  return { onHand: input.quantity, reserved };
}

function addOnHand(tx: DbOrTx, variantId: string, warehouseId: string, bucket: number, delta: number) {
  return tx.execute(sql`
    update inventory_levels set on_hand = on_hand + ${delta}, updated_at = now()
    where variant_id = ${variantId} and warehouse_id = ${warehouseId} and bucket = ${bucket}`);
}

export const MAX_BUCKETS = 64;

/**
 * Spreads a variant's free units in a warehouse evenly over buckets 0..n-1
 * (n = 1 merges them back). Units reserved by open orders stay on the bucket
 * that holds them until those orders are paid or released; emptied buckets
 * beyond n are removed. Total on hand and reserved do not change.
 */
export async function rebucket(tx: DbOrTx, variantId: string, warehouseId: string, buckets: number): Promise<void> {
  if (!Number.isInteger(buckets) || buckets < 1 || buckets > MAX_BUCKETS) throw invalidField('buckets', `must be a whole number from 1 to ${MAX_BUCKETS}`);
  const levels = await lockLevels(tx, variantId, warehouseId);
  const free = levels.reduce((s, l) => s + l.on_hand - l.reserved, 0);
  const target = new Map<number, number>();
  for (let b = 0; b < buckets; b++) target.set(b, Math.floor(free / buckets) + (b < free % buckets ? 1 : 0));
  const existing = new Map(levels.map((l) => [l.bucket, l]));
  for (const bucket of new Set([...existing.keys(), ...target.keys()].sort((a, b) => a - b))) {
    const level = existing.get(bucket);
    const reserved = level?.reserved ?? 0;
    const onHand = reserved + (target.get(bucket) ?? 0);
    if (!level) {
      await tx.execute(sql`insert into inventory_levels (variant_id, warehouse_id, bucket, on_hand) values (${variantId}, ${warehouseId}, ${bucket}, ${onHand})`);
    } else if (onHand === 0 && bucket >= buckets) {
      await tx.execute(sql`delete from inventory_levels where variant_id = ${variantId} and warehouse_id = ${warehouseId} and bucket = ${bucket}`);
    } else if (onHand !== level.on_hand) {
      await tx.execute(sql`
        update inventory_levels set on_hand = ${onHand}, updated_at = now()
        where variant_id = ${variantId} and warehouse_id = ${warehouseId} and bucket = ${bucket}`);
    }
  }
}
