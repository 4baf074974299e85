/**
 * The order archive: final orders (delivered, cancelled, refunded) whose last
 * change is older than a cut-off move, with every row that hangs off them, from
 * the live tables into the `archive` schema (migration 0009_order_archive).
 * Reads see both through the `all_*` views (db/schema/archive.ts); archived
 * orders are read-only (409 `archived`).
 *
 * Ids are UUIDs and numbers come from the live table's identity sequence, which
 * never hands out a value twice, so both stay unique across live and archive
 * (archive.orders has its own primary key and unique number as a backstop).
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { orderEvents, orderItems, orders, payments, refunds, reservations, shipments } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { OrderStatus } from './status';

/** The graphile-worker task (worker/tasks.ts runs it daily and it is safe at any time). */
export const ARCHIVE_TASK = 'archive-orders';

/** Statuses an order never leaves in practice: only these are archived. */
export const ARCHIVABLE_STATUSES = ['delivered', 'cancelled', 'refunded'] as const satisfies readonly OrderStatus[];

export const DEFAULT_ARCHIVE_AFTER_DAYS = 365;
export const DEFAULT_ARCHIVE_BATCH_SIZE = 500;

/** `STOCKWISE_ARCHIVE_AFTER_DAYS` (default 365). A value that is not a whole number of days fails loudly. */
export function archiveAfterDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.STOCKWISE_ARCHIVE_AFTER_DAYS?.trim();
  if (!raw) return DEFAULT_ARCHIVE_AFTER_DAYS;
  if (!/^\d{1,6}$/.test(raw)) throw new Error(`STOCKWISE_ARCHIVE_AFTER_DAYS must be a whole number of days, not "${raw}"`);
  return Number(raw);
}

/**
 * Every table with a foreign key to orders, children before parents as far as
 * the live foreign keys go (refunds point at payments, and the live keys
 * cascade, so a parent deleted first would take its children with it).
 */
const CHILD_TABLES = [refunds, payments, orderItems, reservations, orderEvents, shipments] as const;
export type ArchivedTable = 'orders' | 'order_items' | 'reservations' | 'payments' | 'refunds' | 'order_events' | 'shipments';
export const ARCHIVED_TABLES: readonly ArchivedTable[] = ['orders', ...CHILD_TABLES.map((t) => getTableName(t) as ArchivedTable)];

export type ArchiveResult = {
  /** Ids of the orders moved, in the order they were moved. */
  orderIds: string[];
  /** Rows moved per table (`orders` included). */
  rows: Record<ArchivedTable, number>;
  batches: number;
};

function columnList(table: PgTable) {
  return sql.raw(
    Object.values(getTableColumns(table))
      .map((column) => `"${column.name}"`)
      .join(', '),
  );
}

/**
 * Deletes the rows from the live table and inserts exactly what was deleted
 * (the `returning` rows) into its archive twin, in one statement.
 */
async function moveRows(tx: DbOrTx, table: PgTable, where: SQL): Promise<number> {
  const name = sql.identifier(getTableName(table));
  const columns = columnList(table);
  const result = await tx.execute(sql`
    with moved as (delete from public.${name} where ${where} returning ${columns})
    insert into archive.${name} (${columns}) select ${columns} from moved`);
  return result.count;
}

async function archiveBatch(tx: DbOrTx, olderThanDays: number, batchSize: number): Promise<{ ids: string[]; rows: Record<ArchivedTable, number> }> {
  const statuses = sql.join(ARCHIVABLE_STATUSES.map((s) => sql`${s}`), sql`, `);
  // The row lock keeps transitions, payments and child inserts (their foreign key check
  // locks the order) away while the order moves; skip locked lets a second run take others.
  // Money still in flight (a pending refund) or stock still held (an active reservation)
  // keeps an order live whatever its age.
  const picked = await tx.execute<{ id: string }>(sql`
    select o.id from public.orders o
    where o.status in (${statuses})
      and o.updated_at < now() - make_interval(days => ${olderThanDays})
      and not exists (select 1 from public.reservations r where r.order_id = o.id and r.status = 'active')
      and not exists (select 1 from public.refunds f where f.order_id = o.id and f.status = 'pending')
    order by o.updated_at, o.id
    limit ${batchSize}
    for update of o skip locked`);
  const ids = picked.map((row) => row.id);
  const rows = Object.fromEntries(ARCHIVED_TABLES.map((t) => [t, 0])) as Record<ArchivedTable, number>;
  if (ids.length === 0) return { ids, rows };
  const idList = sql`(${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`;
  for (const table of CHILD_TABLES) {
    rows[getTableName(table) as ArchivedTable] = await moveRows(tx, table, sql`order_id in ${idList}`);
  }
  rows.orders = await moveRows(tx, orders, sql`id in ${idList}`);
  if (rows.orders !== ids.length) throw new Error(`order archive: locked ${ids.length} orders but moved ${rows.orders}`);
  return { ids, rows };
}

/**
 * Moves final orders older than `olderThanDays` (by their last change) into the
 * archive, `batchSize` orders per transaction, until none is left. Safe to run
 * at any time and concurrently: each order moves exactly once.
 */
export async function archiveOldOrders(
  db: DbOrTx,
  options: { olderThanDays?: number; batchSize?: number } = {},
): Promise<ArchiveResult> {
  const olderThanDays = options.olderThanDays ?? archiveAfterDays();
  const batchSize = options.batchSize ?? DEFAULT_ARCHIVE_BATCH_SIZE;
  if (!Number.isInteger(olderThanDays) || olderThanDays < 0) throw new Error('olderThanDays must be a whole number ≥ 0');
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error('batchSize must be a whole number from 1 to 10000');

  const result: ArchiveResult = { orderIds: [], rows: Object.fromEntries(ARCHIVED_TABLES.map((t) => [t, 0])) as Record<ArchivedTable, number>, batches: 0 };
  for (;;) {
    const batch = await db.transaction((tx) => archiveBatch(tx, olderThanDays, batchSize));
    if (batch.ids.length === 0) break;
    result.batches++;
    result.orderIds.push(...batch.ids);
    for (const table of ARCHIVED_TABLES) result.rows[table] += batch.rows[table];
    // A short batch means nothing else was eligible and unlocked just now; the next run gets the rest.
    if (batch.ids.length < batchSize) break;
  }
  return result;
}

/** The owner of an archived order, or undefined when no archived order has this id. */
export async function archivedOrderOwner(db: DbOrTx, orderId: string): Promise<{ userId: string | null } | undefined> {
  const [row] = await db.execute<{ user_id: string | null }>(sql`select user_id from archive.orders where id = ${orderId}`);
  return row ? { userId: row.user_id } : undefined;
}

/** 409 `archived`: the order exists but was moved to the archive, where nothing changes any more. */
export function archivedOrderError(orderId: string): ApiError {
  return new ApiError(409, 'archived', 'This order is archived and can no longer be changed', { order_id: orderId });
}
