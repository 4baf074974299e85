/**
 * Suppliers and the warehouses they run, as the merchant manages them; and a
 * supplier's view of the stock in its warehouses (REST
 * `GET /suppliers/{supplier_id}/inventory`). Warehouse codes are unique and
 * upper-case; exactly one warehouse is the default (new stock without a
 * warehouse goes there). Stock rows themselves are written elsewhere in
 * inventory/, never here.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { transactionWithRetry } from '@/db/retry';
import { suppliers, warehouses } from '@/db/schema';
import { ApiError, conflict, invalidField, notFound, parseInput } from '@/lib/api/errors';
import { parseId } from '@/lib/api/ids';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';

type StaffActor = Pick<AuthUser, 'id' | 'role'>;
export type Supplier = typeof suppliers.$inferSelect;
export type Warehouse = typeof warehouses.$inferSelect;

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Suppliers

export const supplierInputSchema = z.object({
  name: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(120, { error: 'must be at most 120 characters' }),
  email: z.union([z.literal(''), z.email({ error: 'must be a valid email address' }).max(254)], { error: 'must be a valid email address' }).default(''),
  phone: z
    .string()
    .trim()
    .max(40, { error: 'must be at most 40 characters' })
    .regex(/^[0-9+()\-.\s]*$/, { error: 'may only use digits, spaces and + ( ) - .' })
    .default(''),
});

export type SupplierInput = z.input<typeof supplierInputSchema>;

export type SupplierSummary = Supplier & { warehouseCount: number; warehouseCodes: string[]; units: { onHand: number; reserved: number; skus: number } };

export async function listSuppliers(db: DbOrTx): Promise<SupplierSummary[]> {
  const rows = await db.execute<{
    id: string; name: string; email: string; phone: string; created_at: Date; codes: string[] | null; on_hand: string; reserved: string; skus: number;
  }>(sql`
    select s.id, s.name, s.email, s.phone, s.created_at,
           (select array_agg(w.code order by w.priority, w.code) from warehouses w where w.supplier_id = s.id) as codes,
           coalesce(sum(l.on_hand), 0)::bigint as on_hand, coalesce(sum(l.reserved), 0)::bigint as reserved,
           count(distinct l.variant_id) filter (where l.on_hand > 0)::int as skus
    from suppliers s
    left join warehouses w on w.supplier_id = s.id
    left join inventory_levels l on l.warehouse_id = w.id
    group by s.id
    order by lower(s.name), s.id`);
  return rows.map((r) => ({
    id: r.id, name: r.name, email: r.email, phone: r.phone, createdAt: new Date(r.created_at),
    warehouseCodes: r.codes ?? [], warehouseCount: r.codes?.length ?? 0,
    units: { onHand: Number(r.on_hand), reserved: Number(r.reserved), skus: r.skus },
  }));
}

export async function findSupplier(db: DbOrTx, supplierId: string): Promise<Supplier | null> {
  const parsed = z.uuid().safeParse(supplierId);
  if (!parsed.success) return null;
  const [row] = await db.select().from(suppliers).where(eq(suppliers.id, parsed.data));
  return row ?? null;
}

export async function createSupplier(db: DbOrTx, actor: StaffActor | null | undefined, input: unknown): Promise<Supplier> {
  assertStaff(actor);
  const value = parseInput(supplierInputSchema, input);
  return transactionWithRetry(db, async (tx) => {
    const [created] = await tx.insert(suppliers).values(value).returning();
    await recordAudit(tx, { actorUserId: actor.id, action: 'supplier.created', entityType: 'supplier', entityId: created!.id, data: value });
    return created!;
  });
}

export async function updateSupplier(db: DbOrTx, actor: StaffActor | null | undefined, supplierId: string, input: unknown): Promise<Supplier> {
  assertStaff(actor);
  const id = parseId(supplierId, 'supplier_id');
  const value = parseInput(supplierInputSchema, input);
  return transactionWithRetry(db, async (tx) => {
    const [current] = await tx.select().from(suppliers).where(eq(suppliers.id, id)).for('update');
    if (!current) throw notFound('Supplier');
    const [updated] = await tx.update(suppliers).set(value).where(eq(suppliers.id, id)).returning();
    const { createdAt: _, id: __, ...before } = current;
    await recordAudit(tx, { actorUserId: actor.id, action: 'supplier.updated', entityType: 'supplier', entityId: id, data: { before, after: value } });
    return updated!;
  });
}

/** Removes a supplier that runs no warehouse any more (409 `conflict` otherwise: reassign them first). */
export async function deleteSupplier(db: DbOrTx, actor: StaffActor | null | undefined, supplierId: string): Promise<void> {
  assertStaff(actor);
  const id = parseId(supplierId, 'supplier_id');
  await transactionWithRetry(db, async (tx) => {
    await lockWarehouses(tx);
    const [current] = await tx.select().from(suppliers).where(eq(suppliers.id, id)).for('update');
    if (!current) throw notFound('Supplier');
    const run = await tx.select({ code: warehouses.code }).from(warehouses).where(eq(warehouses.supplierId, id)).orderBy(asc(warehouses.code));
    if (run.length > 0) {
      throw conflict(`${current.name} still runs ${run.map((w) => w.code).join(', ')}: give ${run.length === 1 ? 'that warehouse' : 'those warehouses'} another supplier first`, {
        warehouses: run.map((w) => w.code),
      });
    }
    await tx.delete(suppliers).where(eq(suppliers.id, id));
    await recordAudit(tx, { actorUserId: actor.id, action: 'supplier.deleted', entityType: 'supplier', entityId: id, data: { name: current.name } });
  });
}

// ---------------------------------------------------------------------------
// Warehouses

const emptyToNull = (value: unknown) => (value === '' || value === undefined ? null : value);

export const warehouseInputSchema = z.object({
  code: z
    .string({ error: 'is required' })
    .trim()
    .min(2, { error: 'must be at least 2 characters' })
    .max(20, { error: 'must be at most 20 characters' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, { error: 'may only use letters, digits and -' })
    .transform((code) => code.toUpperCase()),
  name: z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(120, { error: 'must be at most 120 characters' }),
  supplierId: z.preprocess(emptyToNull, z.uuid({ error: 'must be one of the suppliers' }).nullable()).default(null),
  isDefault: z.boolean({ error: 'must be true or false' }).default(false),
  /** Lower ships first when an order's stock is spread over warehouses. */
  priority: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(0, { error: 'cannot be negative' }).max(1000, { error: 'must be at most 1000' }).default(0),
});

export type WarehouseInput = z.input<typeof warehouseInputSchema>;

export type WarehouseSummary = Warehouse & { supplierName: string | null; units: { onHand: number; reserved: number; skus: number } };

export async function listWarehousesWithStock(db: DbOrTx): Promise<WarehouseSummary[]> {
  const rows = await db.execute<{
    id: string; code: string; name: string; supplier_id: string | null; is_default: boolean; priority: number; created_at: Date;
    supplier_name: string | null; on_hand: string; reserved: string; skus: number;
  }>(sql`
    select w.id, w.code, w.name, w.supplier_id, w.is_default, w.priority, w.created_at, s.name as supplier_name,
           coalesce(sum(l.on_hand), 0)::bigint as on_hand, coalesce(sum(l.reserved), 0)::bigint as reserved,
           count(distinct l.variant_id) filter (where l.on_hand > 0)::int as skus
    from warehouses w
    left join suppliers s on s.id = w.supplier_id
    left join inventory_levels l on l.warehouse_id = w.id
    group by w.id, s.name
    order by w.priority, w.code`);
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, supplierId: r.supplier_id, isDefault: r.is_default, priority: r.priority, createdAt: new Date(r.created_at),
    supplierName: r.supplier_name, units: { onHand: Number(r.on_hand), reserved: Number(r.reserved), skus: r.skus },
  }));
}

export async function findWarehouse(db: DbOrTx, warehouseId: string): Promise<Warehouse | null> {
  const parsed = z.uuid().safeParse(warehouseId);
  if (!parsed.success) return null;
  const [row] = await db.select().from(warehouses).where(eq(warehouses.id, parsed.data));
  return row ?? null;
}

/** Warehouse writes queue behind one another, so "exactly one default" holds under concurrency. */
async function lockWarehouses(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('stockwise:warehouses'))`);
}

const codeTaken = (code: string) => conflict(`Another warehouse already has the code ${code}`, { fields: { code: `${code} is already used by another warehouse` } });

async function assertSupplierExists(tx: DbOrTx, supplierId: string | null): Promise<void> {
  if (!supplierId) return;
  const [row] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, supplierId));
  if (!row) throw invalidField('supplierId', 'must be one of the suppliers');
}

async function assertCodeFree(tx: DbOrTx, code: string, exceptId?: string): Promise<void> {
  const [taken] = await tx
    .select({ id: warehouses.id })
    .from(warehouses)
    .where(exceptId ? sql`${warehouses.code} = ${code} and ${warehouses.id} <> ${exceptId}` : eq(warehouses.code, code));
  if (taken) throw codeTaken(code);
}

async function withUniqueCode<T>(code: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ApiError) && isUniqueViolation(error)) throw codeTaken(code);
    throw error;
  }
}

/** A new warehouse. The first one is always the default; a new default takes over from the old one. */
export async function createWarehouse(db: DbOrTx, actor: StaffActor | null | undefined, input: unknown): Promise<Warehouse> {
  assertStaff(actor);
  const value = parseInput(warehouseInputSchema, input);
  return withUniqueCode(value.code, () =>
    transactionWithRetry(db, async (tx) => {
      await lockWarehouses(tx);
      await assertCodeFree(tx, value.code);
      await assertSupplierExists(tx, value.supplierId);
      const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(warehouses);
      const isDefault = value.isDefault || n === 0;
      if (isDefault) await tx.update(warehouses).set({ isDefault: false }).where(eq(warehouses.isDefault, true));
      const [created] = await tx.insert(warehouses).values({ ...value, isDefault }).returning();
      await recordAudit(tx, { actorUserId: actor.id, action: 'warehouse.created', entityType: 'warehouse', entityId: created!.id, data: { ...value, isDefault } });
      return created!;
    }),
  );
}

/**
 * Changes a warehouse. Making it the default takes the flag from the old
 * default; the default cannot simply be unset (make another one the default).
 */
export async function updateWarehouse(db: DbOrTx, actor: StaffActor | null | undefined, warehouseId: string, input: unknown): Promise<Warehouse> {
  assertStaff(actor);
  const id = parseId(warehouseId, 'warehouse_id');
  const value = parseInput(warehouseInputSchema, input);
  return withUniqueCode(value.code, () =>
    transactionWithRetry(db, async (tx) => {
      await lockWarehouses(tx);
      const [current] = await tx.select().from(warehouses).where(eq(warehouses.id, id)).for('update');
      if (!current) throw notFound('Warehouse');
      if (current.isDefault && !value.isDefault) {
        throw invalidField('isDefault', 'stays on until another warehouse is made the default');
      }
      await assertCodeFree(tx, value.code, id);
      await assertSupplierExists(tx, value.supplierId);
      if (value.isDefault && !current.isDefault) {
        await tx.update(warehouses).set({ isDefault: false }).where(sql`${warehouses.isDefault} and ${warehouses.id} <> ${id}`);
      }
      const [updated] = await tx.update(warehouses).set(value).where(eq(warehouses.id, id)).returning();
      const { createdAt: _, id: __, ...before } = current;
      await recordAudit(tx, { actorUserId: actor.id, action: 'warehouse.updated', entityType: 'warehouse', entityId: id, data: { before, after: value } });
      return updated!;
    }),
  );
}

/** Makes this warehouse the default (and no other). */
export async function makeDefaultWarehouse(db: DbOrTx, actor: StaffActor | null | undefined, warehouseId: string): Promise<Warehouse> {
  assertStaff(actor);
  const id = parseId(warehouseId, 'warehouse_id');
  return transactionWithRetry(db, async (tx) => {
    await lockWarehouses(tx);
    const [current] = await tx.select().from(warehouses).where(eq(warehouses.id, id));
    if (!current) throw notFound('Warehouse');
    if (current.isDefault) return current;
    const [previous] = await tx.update(warehouses).set({ isDefault: false }).where(sql`${warehouses.isDefault} and ${warehouses.id} <> ${id}`).returning({ code: warehouses.code });
    const [updated] = await tx.update(warehouses).set({ isDefault: true }).where(eq(warehouses.id, id)).returning();
    await recordAudit(tx, {
      actorUserId: actor.id, action: 'warehouse.made_default', entityType: 'warehouse', entityId: id, data: { code: current.code, previous: previous?.code ?? null },
    });
    return updated!;
  });
}

/**
 * Removes a warehouse that has never held stock. The default cannot go (make
 * another the default first), nor one with stock rows, reservations or stock
 * history (409 `conflict`): those records must stay.
 */
export async function deleteWarehouse(db: DbOrTx, actor: StaffActor | null | undefined, warehouseId: string): Promise<void> {
  assertStaff(actor);
  const id = parseId(warehouseId, 'warehouse_id');
  await transactionWithRetry(db, async (tx) => {
    await lockWarehouses(tx);
    const [current] = await tx.select().from(warehouses).where(eq(warehouses.id, id)).for('update');
    if (!current) throw notFound('Warehouse');
    if (current.isDefault) throw conflict(`${current.code} is the default warehouse: make another warehouse the default first`);
    const [used] = await tx.execute<{ levels: boolean; reservations: boolean; movements: boolean }>(sql`
      select exists (select 1 from inventory_levels where warehouse_id = ${id}) as levels,
             exists (select 1 from reservations where warehouse_id = ${id}) as reservations,
             exists (select 1 from inventory_movements where warehouse_id = ${id}) as movements`);
    if (used?.levels || used?.reservations || used?.movements) {
      throw conflict(`${current.code} has held stock, so its records must stay; it cannot be deleted`);
    }
    await tx.delete(warehouses).where(eq(warehouses.id, id));
    await recordAudit(tx, { actorUserId: actor.id, action: 'warehouse.deleted', entityType: 'warehouse', entityId: id, data: { code: current.code, name: current.name } });
  });
}

/** How many warehouses are the default (for tests and the dashboard's health checks): always 1 once there is any. */
export async function defaultWarehouseCount(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(warehouses).where(eq(warehouses.isDefault, true));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------
// A supplier's stock

export type SupplierInventory = { supplier_id: string; items: { item_id: string; stock: number; reserved: number; on_hand: number }[] };

/**
 * The stock in the warehouses this supplier runs, per item (variant), summed
 * over those warehouses and their buckets: `stock` = on hand − reserved.
 * Merchants only; an unknown supplier → 404, a malformed id → 400.
 */
export async function supplierInventory(db: DbOrTx, actor: StaffActor | null | undefined, supplierId: string): Promise<SupplierInventory> {
  assertStaff(actor);
  const id = parseId(supplierId, 'supplier_id');
  const [supplier] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, id));
  if (!supplier) throw notFound('Supplier');
  const rows = await db.execute<{ item_id: string; on_hand: number; reserved: number }>(sql`
    select l.variant_id as item_id, sum(l.on_hand)::int as on_hand, sum(l.reserved)::int as reserved
    from inventory_levels l
    join warehouses w on w.id = l.warehouse_id
    join product_variants v on v.id = l.variant_id
    where w.supplier_id = ${id}
    group by l.variant_id, v.sku
    order by v.sku, l.variant_id`);
  return {
    supplier_id: id,
    items: rows.map((r) => ({ item_id: r.item_id, stock: r.on_hand - r.reserved, reserved: r.reserved, on_hand: r.on_hand })),
  };
}
