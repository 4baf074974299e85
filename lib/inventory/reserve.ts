/**
 * Reserving, committing and releasing stock for an order.
 *
 * Locking: variants are taken in id order. Within a variant, rows are first
 * taken with `FOR UPDATE SKIP LOCKED` in a random order, so concurrent buyers
 * of a hot variant spread over its buckets instead of queueing on one row;
 * only when the free rows cannot cover the order does a buyer wait, for the
 * remaining rows in (warehouse, bucket) order. Commit, release and merchant
 * adjustments lock rows in (variant, warehouse, bucket) order after the order
 * row. Two waiters on one hot variant can still deadlock; callers run the
 * whole transaction with `transactionWithRetry` (db/retry.ts), which retries it.
 * Whatever the interleaving, the row constraint `reserved <= on_hand` makes an
 * oversell impossible at the database level.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { inventoryMovements, productVariants, reservations } from '@/db/schema';
import { OutOfStockError } from './errors';

export type StockLine = { variantId: string; quantity: number };
type Row = { warehouse_id: string; bucket: number; available: number };
type Allocation = { variantId: string; warehouseId: string; bucket: number; quantity: number };

/** Sums quantities per variant: two lines of one SKU must not each pass against the same stock. */
export function sumByVariant(lines: readonly StockLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity <= 0) throw new RangeError(`quantity must be a positive integer, got ${line.quantity}`);
    totals.set(line.variantId, (totals.get(line.variantId) ?? 0) + line.quantity);
  }
  return [...totals].map(([variantId, quantity]) => ({ variantId, quantity })).sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
}

/**
 * Reserves every line for the order or throws OutOfStockError (409) for the
 * first short variant, leaving the caller to roll back. Writes the reservations.
 */
export async function reserveStock(tx: DbOrTx, orderId: string, lines: readonly StockLine[]): Promise<Allocation[]> {
  const allocations: Allocation[] = [];
  for (const { variantId, quantity } of sumByVariant(lines)) {
    allocations.push(...(await reserveVariant(tx, variantId, quantity)));
  }
  if (allocations.length > 0) {
    await tx.insert(reservations).values(allocations.map((a) => ({ orderId, ...a })));
  }
  return allocations;
}

async function reserveVariant(tx: DbOrTx, variantId: string, wanted: number): Promise<Allocation[]> {
  const taken: Allocation[] = [];
  let need = wanted;
  const take = async (rows: readonly Row[]) => {
    for (const row of rows) {
      if (need === 0) break;
      const quantity = Math.min(row.available, need);
      if (quantity <= 0) continue;
      await tx.execute(sql`
        update inventory_levels set reserved = reserved + ${quantity}, updated_at = now()
        where variant_id = ${variantId} and warehouse_id = ${row.warehouse_id} and bucket = ${row.bucket}`);
      taken.push({ variantId, warehouseId: row.warehouse_id, bucket: row.bucket, quantity });
      need -= quantity;
    }
  };

  // 1. Rows nobody else holds, in a random order so buyers spread over buckets.
  await take(
    await tx.execute<Row>(sql`
      select warehouse_id, bucket, on_hand - reserved as available from inventory_levels
      where variant_id = ${variantId} and on_hand > reserved
      order by random()
      for update skip locked`),
  );
  if (need === 0) return taken;

  // 2. Is it worth waiting for the rows others hold? Not if even their committed stock is too little.
  const held = taken.map((t) => sql`(${t.warehouseId}::uuid, ${t.bucket}::smallint)`);
  const notHeld = held.length > 0 ? sql`and (warehouse_id, bucket) not in (${sql.join(held, sql`, `)})` : sql``;
  const [{ elsewhere } = { elsewhere: 0 }] = await tx.execute<{ elsewhere: number }>(sql`
    select coalesce(sum(on_hand - reserved), 0)::int as elsewhere from inventory_levels
    where variant_id = ${variantId} and on_hand > reserved ${notHeld}`);
  if (elsewhere < need) throw await outOfStock(tx, variantId, wanted - need + elsewhere, wanted);

  // 3. Wait for them, in the global order; the row filter is re-checked once each lock is granted.
  await take(
    await tx.execute<Row>(sql`
      select warehouse_id, bucket, on_hand - reserved as available from inventory_levels
      where variant_id = ${variantId} and on_hand > reserved ${notHeld}
      order by warehouse_id, bucket
      for update`),
  );
  if (need > 0) throw await outOfStock(tx, variantId, wanted - need, wanted);
  return taken;
}

async function outOfStock(tx: DbOrTx, variantId: string, available: number, requested: number): Promise<OutOfStockError> {
  const [variant] = await tx.select({ sku: productVariants.sku }).from(productVariants).where(eq(productVariants.id, variantId));
  return new OutOfStockError(variantId, variant?.sku ?? null, Math.max(0, available), requested);
}

/** Locks the inventory rows behind an order's active reservations, in the global order. */
async function activeReservations(tx: DbOrTx, orderId: string) {
  const rows = await tx
    .select()
    .from(reservations)
    .where(and(eq(reservations.orderId, orderId), eq(reservations.status, 'active')))
    .orderBy(reservations.variantId, reservations.warehouseId, reservations.bucket);
  if (rows.length > 0) {
    await tx.execute(sql`
      select 1 from inventory_levels
      where (variant_id, warehouse_id, bucket) in (${sql.join(
        rows.map((r) => sql`(${r.variantId}::uuid, ${r.warehouseId}::uuid, ${r.bucket}::smallint)`),
        sql`, `,
      )})
      order by variant_id, warehouse_id, bucket
      for update`);
  }
  return rows;
}

/** Paid: the reserved units leave the shelf (on_hand and reserved both go down). Idempotent. */
export async function commitReservations(tx: DbOrTx, orderId: string): Promise<number> {
  const rows = await activeReservations(tx, orderId);
  for (const r of rows) {
    await tx.execute(sql`
      update inventory_levels set on_hand = on_hand - ${r.quantity}, reserved = reserved - ${r.quantity}, updated_at = now()
      where variant_id = ${r.variantId} and warehouse_id = ${r.warehouseId} and bucket = ${r.bucket}`);
  }
  if (rows.length > 0) {
    await tx
      .update(reservations)
      .set({ status: 'committed', updatedAt: sql`now()` })
      .where(inArray(reservations.id, rows.map((r) => r.id)));
    await tx.insert(inventoryMovements).values(
      rows.map((r) => ({ variantId: r.variantId, warehouseId: r.warehouseId, deltaOnHand: -r.quantity, reason: 'sale', orderId })),
    );
  }
  return rows.reduce((sum, r) => sum + r.quantity, 0);
}

/** Not paid (failed, cancelled, expired): the reserved units become available again. Idempotent. */
export async function releaseReservations(tx: DbOrTx, orderId: string): Promise<number> {
  const rows = await activeReservations(tx, orderId);
  for (const r of rows) {
    await tx.execute(sql`
      update inventory_levels set reserved = reserved - ${r.quantity}, updated_at = now()
      where variant_id = ${r.variantId} and warehouse_id = ${r.warehouseId} and bucket = ${r.bucket}`);
  }
  if (rows.length > 0) {
    await tx
      .update(reservations)
      .set({ status: 'released', updatedAt: sql`now()` })
      .where(inArray(reservations.id, rows.map((r) => r.id)));
  }
  return rows.reduce((sum, r) => sum + r.quantity, 0);
}

/** A cancelled paid order: its committed units go back on the shelf where they came from. Idempotent via the caller's state machine. */
export async function restockCommitted(tx: DbOrTx, orderId: string, reason: string): Promise<number> {
  const rows = await tx
    .select()
    .from(reservations)
    .where(and(eq(reservations.orderId, orderId), eq(reservations.status, 'committed')))
    .orderBy(reservations.variantId, reservations.warehouseId, reservations.bucket);
  for (const r of rows) {
    await tx.execute(sql`
      insert into inventory_levels (variant_id, warehouse_id, bucket, on_hand) values (${r.variantId}, ${r.warehouseId}, ${r.bucket}, ${r.quantity})
      on conflict (variant_id, warehouse_id, bucket) do update set on_hand = inventory_levels.on_hand + excluded.on_hand, updated_at = now()`);
  }
  if (rows.length > 0) {
    await tx.insert(inventoryMovements).values(
      rows.map((r) => ({ variantId: r.variantId, warehouseId: r.warehouseId, deltaOnHand: r.quantity, reason, orderId })),
    );
  }
  return rows.reduce((sum, r) => sum + r.quantity, 0);
}

