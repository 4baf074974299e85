/**
 * Reserving, committing and releasing stock for an order.
 *
 * Locking: rows are first taken with `FOR UPDATE SKIP LOCKED` in a random
 * order, which never waits, so concurrent buyers of a hot variant spread over
 * its buckets instead of queueing on one row; only when the free rows cannot
 * cover a variant does a buyer wait, variant by variant in id order, for the
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
 *
 * The common case is one statement for all lines: lock the free rows of every
 * wanted variant (`SKIP LOCKED`, random order), split each need over them,
 * update them and write the reservations. Only a variant the free rows cannot
 * cover takes the slower path, which may wait for rows others hold.
 */
export async function reserveStock(tx: DbOrTx, orderId: string, lines: readonly StockLine[]): Promise<Allocation[]> {
  const wanted = sumByVariant(lines);
  const fast = await tx.execute<{ variant_id: string; warehouse_id: string; bucket: number; quantity: number }>(sql`
    with wanted as (
      select * from jsonb_to_recordset(${JSON.stringify(wanted.map((w) => ({ variant_id: w.variantId, need: w.quantity })))}::jsonb)
        as w(variant_id uuid, need int)
    ), free as (
      -- At most need rows per variant (each holds at least one free unit), so other buyers find the rest.
      select f.* from wanted w cross join lateral (
        select l.variant_id, l.warehouse_id, l.bucket, l.on_hand - l.reserved as available, random() as draw
        from inventory_levels l
        where l.variant_id = w.variant_id and l.on_hand > l.reserved
        order by random()
        limit w.need
        for update of l skip locked
      ) f
    ), split as (
      select f.variant_id, f.warehouse_id, f.bucket,
             least(f.available, greatest(0, w.need - coalesce(sum(f.available) over (
               partition by f.variant_id order by f.draw rows between unbounded preceding and 1 preceding), 0)))::int as take
      from free f join wanted w on w.variant_id = f.variant_id
    ), taken as (
      update inventory_levels l set reserved = l.reserved + s.take, updated_at = now()
      from split s
      where s.take > 0 and l.variant_id = s.variant_id and l.warehouse_id = s.warehouse_id and l.bucket = s.bucket
      returning s.variant_id, s.warehouse_id, s.bucket, s.take
    )
    insert into reservations (order_id, variant_id, warehouse_id, bucket, quantity)
    select ${orderId}::uuid, variant_id, warehouse_id, bucket, take from taken
    returning variant_id, warehouse_id, bucket, quantity`);

  const allocations: Allocation[] = fast.map((r) => ({ variantId: r.variant_id, warehouseId: r.warehouse_id, bucket: r.bucket, quantity: r.quantity }));
  for (const { variantId, quantity } of wanted) {
    const held = allocations.filter((a) => a.variantId === variantId);
    const short = quantity - held.reduce((sum, a) => sum + a.quantity, 0);
    if (short > 0) {
      allocations.push(...(await reserveHeldElsewhere(tx, orderId, variantId, short, quantity, held)));
    }
  }
  return allocations;
}

/**
 * The free rows did not cover `need` units: if the rows other buyers hold have
 * enough committed stock, wait for them in (warehouse, bucket) order and take
 * what each still has — one statement per row, which waits for the row's lock,
 * re-reads it, takes units and records the reservation.
 */
async function reserveHeldElsewhere(tx: DbOrTx, orderId: string, variantId: string, need: number, wanted: number, held: Allocation[]): Promise<Allocation[]> {
  const heldRows = held.map((t) => sql`(${t.warehouseId}::uuid, ${t.bucket}::smallint)`);
  const notHeld = heldRows.length > 0 ? sql`and (warehouse_id, bucket) not in (${sql.join(heldRows, sql`, `)})` : sql``;
  const candidates = await tx.execute<{ warehouse_id: string; bucket: number }>(sql`
    select warehouse_id, bucket from inventory_levels
    where variant_id = ${variantId} and on_hand > reserved ${notHeld}
    order by warehouse_id, bucket`);
  const [{ elsewhere } = { elsewhere: 0 }] = await tx.execute<{ elsewhere: number }>(sql`
    select coalesce(sum(on_hand - reserved), 0)::int as elsewhere from inventory_levels
    where variant_id = ${variantId} and on_hand > reserved ${notHeld}`);
  if (elsewhere < need) throw await outOfStock(tx, variantId, wanted - need + elsewhere, wanted);

  const taken: Allocation[] = [];
  let left = need;
  for (const row of candidates) {
    if (left === 0) break;
    const [took] = await tx.execute<{ quantity: number }>(sql`
      with target as (
        select on_hand - reserved as available from inventory_levels
        where variant_id = ${variantId} and warehouse_id = ${row.warehouse_id} and bucket = ${row.bucket} and on_hand > reserved
        for update
      ), taken as (
        update inventory_levels l set reserved = l.reserved + least(t.available, ${left}), updated_at = now()
        from target t
        where l.variant_id = ${variantId} and l.warehouse_id = ${row.warehouse_id} and l.bucket = ${row.bucket}
        returning least(t.available, ${left})::int as quantity
      )
      insert into reservations (order_id, variant_id, warehouse_id, bucket, quantity)
      select ${orderId}::uuid, ${variantId}::uuid, ${row.warehouse_id}::uuid, ${row.bucket}::smallint, quantity from taken
      returning quantity`);
    if (!took) continue;
    taken.push({ variantId, warehouseId: row.warehouse_id, bucket: row.bucket, quantity: took.quantity });
    left -= took.quantity;
  }
  if (left > 0) throw await outOfStock(tx, variantId, wanted - left, wanted);
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

