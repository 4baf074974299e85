/**
 * The merchant's stock tools, each checked (staff only), audited and announced
 * (`inventory.changed`, so labels, search and flash gates follow).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type DbOrTx } from '@/db/client';
import { parseInput } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';
import { emit } from '@/lib/events/outbox';
import { rebucket, setOnHand, MAX_BUCKETS } from './adjust';
import { receiveStock } from './receive';

const uuid = z.uuid({ error: 'must be an id' });

export const adjustSchema = z.object({
  variantId: uuid,
  warehouseId: uuid,
  quantity: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'cannot be negative' }).max(10_000_000),
  reason: z.string().trim().min(3, { error: 'say why (at least 3 characters)' }).max(200),
});

export async function adjustStock(db: DbOrTx, actor: AuthUser, input: unknown) {
  assertStaff(actor);
  const data = parseInput(adjustSchema, input);
  return inTransaction(db, async (tx) => {
    const result = await setOnHand(tx, { ...data, actorUserId: actor.id });
    await recordAudit(tx, { actorUserId: actor.id, action: 'inventory.adjusted', entityType: 'variant', entityId: data.variantId, data: { warehouseId: data.warehouseId, onHand: data.quantity, reason: data.reason } });
    return result;
  });
}

export const receiveSchema = z.object({
  variantId: uuid,
  warehouseId: uuid,
  quantity: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(1_000_000),
  reference: z.string().trim().max(100).optional(),
});

/** Units arriving from the warehouse's supplier. */
export async function receiveFromSupplier(db: DbOrTx, actor: AuthUser, input: unknown): Promise<void> {
  assertStaff(actor);
  const data = parseInput(receiveSchema, input);
  await inTransaction(db, async (tx) => {
    const [{ supplier } = { supplier: null }] = await tx.execute<{ supplier: string | null }>(sql`
      select s.name as supplier from warehouses w left join suppliers s on s.id = w.supplier_id where w.id = ${data.warehouseId}`);
    await receiveStock(tx, [{ variantId: data.variantId, warehouseId: data.warehouseId, quantity: data.quantity }], {
      reason: `received from ${supplier ?? 'supplier'}${data.reference ? ` (${data.reference})` : ''}`,
      actorUserId: actor.id,
    });
    await recordAudit(tx, { actorUserId: actor.id, action: 'inventory.received', entityType: 'variant', entityId: data.variantId, data: { ...data } });
    await emit(tx, { type: 'inventory.changed', variantIds: [data.variantId] });
  });
}

export const bucketsSchema = z.object({
  variantId: uuid,
  warehouseId: uuid,
  buckets: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'at least 1' }).max(MAX_BUCKETS, { error: `at most ${MAX_BUCKETS}` }),
});

/** Splits a variant's stock in a warehouse over N buckets (1 merges them back). */
export async function setBuckets(db: DbOrTx, actor: AuthUser, input: unknown): Promise<void> {
  assertStaff(actor);
  const data = parseInput(bucketsSchema, input);
  await inTransaction(db, async (tx) => {
    await rebucket(tx, data.variantId, data.warehouseId, data.buckets);
    await recordAudit(tx, { actorUserId: actor.id, action: data.buckets === 1 ? 'inventory.merged' : 'inventory.split', entityType: 'variant', entityId: data.variantId, data: { ...data } });
  });
}

export type StockRow = {
  variantId: string;
  sku: string;
  productName: string;
  productId: string;
  variantTitle: string;
  warehouseId: string;
  warehouseCode: string;
  buckets: number;
  onHand: number;
  reserved: number;
  available: number;
};

/**
 * Stock per variant and every warehouse (a warehouse without a row shows zeros, so stock can be received there),
 * by SKU: search by SKU or name, or only the low and sold-out, lowest first.
 */
export async function stockTable(db: DbOrTx, actor: AuthUser, filter: { search?: string; low?: number | null; offset: number; limit: number }): Promise<{ rows: StockRow[]; total: number }> {
  assertStaff(actor);
  const search = filter.search?.trim();
  const rows = await db.execute<StockRow & { total: number }>(sql`
    with stock as (
      select v.id as "variantId", v.sku, p.name as "productName", p.id as "productId", v.title as "variantTitle",
             w.id as "warehouseId", w.code as "warehouseCode",
             count(l.bucket)::int as buckets, coalesce(sum(l.on_hand), 0)::int as "onHand",
             coalesce(sum(l.reserved), 0)::int as reserved, coalesce(sum(l.on_hand - l.reserved), 0)::int as available
      from product_variants v join products p on p.id = v.product_id cross join warehouses w
      left join inventory_levels l on l.variant_id = v.id and l.warehouse_id = w.id
      where v.status = 'active'
        ${search ? sql`and (v.sku ilike ${`%${search}%`} or p.name ilike ${`%${search}%`})` : sql``}
      group by v.id, p.id, w.id
    )
    select *, count(*) over ()::int as total from stock
    ${filter.low !== undefined && filter.low !== null ? sql`where available <= ${filter.low}` : sql``}
    order by ${filter.low !== undefined && filter.low !== null ? sql`available asc, ` : sql``}sku, "warehouseCode"
    limit ${filter.limit} offset ${filter.offset}`);
  return { rows: rows.map(({ total: _, ...row }) => row), total: rows[0]?.total ?? 0 };
}
