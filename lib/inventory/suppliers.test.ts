import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, suppliers, warehouses } from '@/db/schema';
import { findUserByEmail } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import { variantsWithStock } from '@/test/fixtures';
import { setOnHand } from './adjust';
import {
  createSupplier,
  createWarehouse,
  defaultWarehouseCount,
  deleteSupplier,
  deleteWarehouse,
  listSuppliers,
  listWarehousesWithStock,
  makeDefaultWarehouse,
  supplierInventory,
  updateSupplier,
  updateWarehouse,
} from './suppliers';

const db = getDb();
const merchant = (await findUserByEmail(db, 'merchant@example.com'))!;
const shopper = (await findUserByEmail(db, 'shopper@example.com'))!;
const [variantA, variantB] = await variantsWithStock(db, 30, 1_000_000, 2);

const errorOf = (run: () => Promise<unknown>) =>
  run().then(
    () => null,
    (e: { status?: number; code?: string; details?: { fields?: Record<string, string> } }) => ({ status: e.status, code: e.code, fields: Object.keys(e.details?.fields ?? {}) }),
  );
const auditOf = (type: string, id: string) => db.select().from(auditLog).where(and(eq(auditLog.entityType, type), eq(auditLog.entityId, id))).orderBy(auditLog.id);
let n = 0;
const code = () => `T${Date.now().toString(36).toUpperCase().slice(-5)}${n++}`;

describe('suppliers', () => {
  it('creates, edits and deletes a supplier, each step audited', async () => {
    const created = await createSupplier(db, merchant, { name: '  Acme Textiles ', email: 'hello@acme.example', phone: '+44 20 7946 0000' });
    expect(created).toMatchObject({ name: 'Acme Textiles', email: 'hello@acme.example', phone: '+44 20 7946 0000' });
    const updated = await updateSupplier(db, merchant, created.id, { name: 'Acme Textiles Ltd', email: '' });
    expect(updated).toMatchObject({ name: 'Acme Textiles Ltd', email: '', phone: '' });
    expect((await listSuppliers(db)).find((s) => s.id === created.id)).toMatchObject({ warehouseCount: 0, units: { onHand: 0, reserved: 0, skus: 0 } });
    await deleteSupplier(db, merchant, created.id);
    expect(await db.select().from(suppliers).where(eq(suppliers.id, created.id))).toEqual([]);
    expect((await auditOf('supplier', created.id)).map((a) => [a.action, a.actorUserId])).toEqual([
      ['supplier.created', merchant.id],
      ['supplier.updated', merchant.id],
      ['supplier.deleted', merchant.id],
    ]);
  });

  it('answers 400 naming the field, 404 for an unknown supplier, 403 for a customer', async () => {
    expect(await errorOf(() => createSupplier(db, merchant, { name: '' }))).toMatchObject({ status: 400, fields: ['name'] });
    expect(await errorOf(() => createSupplier(db, merchant, { name: 'X', email: 'nope' }))).toMatchObject({ status: 400, fields: ['email'] });
    expect(await errorOf(() => createSupplier(db, merchant, { name: 'X', phone: 'call me' }))).toMatchObject({ status: 400, fields: ['phone'] });
    expect(await errorOf(() => updateSupplier(db, merchant, '00000000-0000-4000-8000-000000000000', { name: 'X' }))).toMatchObject({ status: 404 });
    expect(await errorOf(() => createSupplier(db, shopper, { name: 'X' }))).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('will not delete a supplier that still runs a warehouse', async () => {
    const supplier = await createSupplier(db, merchant, { name: 'Busy Supplier' });
    const warehouse = await createWarehouse(db, merchant, { code: code(), name: 'Busy', supplierId: supplier.id });
    expect(await errorOf(() => deleteSupplier(db, merchant, supplier.id))).toMatchObject({ status: 409, code: 'conflict' });
    await updateWarehouse(db, merchant, warehouse.id, { code: warehouse.code, name: warehouse.name, supplierId: null });
    await deleteSupplier(db, merchant, supplier.id);
  });

  it('lists suppliers with the warehouses they run and their units', async () => {
    const list = await listSuppliers(db);
    const northwind = list.find((s) => s.name === 'Northwind Supply Co.')!;
    expect(northwind.warehouseCodes).toEqual(['EU-AMS']);
    expect(northwind.units.onHand).toBeGreaterThan(0);
  });
});

describe('warehouses', () => {
  it('creates a warehouse with an upper-case unique code', async () => {
    const c = code();
    const created = await createWarehouse(db, merchant, { code: c.toLowerCase(), name: 'Lyon', priority: 5 });
    expect(created).toMatchObject({ code: c, name: 'Lyon', isDefault: false, priority: 5, supplierId: null });
    expect(await errorOf(() => createWarehouse(db, merchant, { code: c.toLowerCase(), name: 'Again' }))).toMatchObject({ status: 409, fields: ['code'] });
    expect(await errorOf(() => createWarehouse(db, merchant, { code: 'EU AMS', name: 'Bad' }))).toMatchObject({ status: 400, fields: ['code'] });
    expect(await errorOf(() => createWarehouse(db, merchant, { code: code(), name: 'X', supplierId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({
      status: 400, fields: ['supplierId'],
    });
    expect(await errorOf(() => createWarehouse(db, merchant, { code: code(), name: 'X', priority: -1 }))).toMatchObject({ status: 400, fields: ['priority'] });
    const other = await createWarehouse(db, merchant, { code: code(), name: 'Other' });
    expect(await errorOf(() => updateWarehouse(db, merchant, other.id, { code: c, name: 'Other' }))).toMatchObject({ status: 409, fields: ['code'] });
    expect((await auditOf('warehouse', created.id)).map((a) => a.action)).toEqual(['warehouse.created']);
  });

  it('keeps exactly one default, under concurrency too', async () => {
    expect(await defaultWarehouseCount(db)).toBe(1);
    const made = await Promise.all(Array.from({ length: 6 }, (_, i) => createWarehouse(db, merchant, { code: code(), name: `Default ${i}`, isDefault: true })));
    expect(await defaultWarehouseCount(db)).toBe(1);
    const [current] = await db.select().from(warehouses).where(eq(warehouses.isDefault, true));
    expect(made.map((w) => w.id)).toContain(current!.id);

    // The default stays on until another warehouse takes over.
    expect(await errorOf(() => updateWarehouse(db, merchant, current!.id, { code: current!.code, name: current!.name, isDefault: false }))).toMatchObject({
      status: 400, fields: ['isDefault'],
    });
    const amsterdam = (await db.select().from(warehouses).where(eq(warehouses.code, 'EU-AMS')))[0]!;
    await Promise.all([makeDefaultWarehouse(db, merchant, amsterdam.id), makeDefaultWarehouse(db, merchant, made[0]!.id), makeDefaultWarehouse(db, merchant, amsterdam.id)]);
    expect(await defaultWarehouseCount(db)).toBe(1);
    await makeDefaultWarehouse(db, merchant, amsterdam.id);
    const list = await listWarehousesWithStock(db);
    expect(list.filter((w) => w.isDefault).map((w) => w.code)).toEqual(['EU-AMS']);
    expect(list.find((w) => w.code === 'EU-AMS')).toMatchObject({ supplierName: 'Northwind Supply Co.' });
  });

  it('deletes only empty, non-default warehouses', async () => {
    const empty = await createWarehouse(db, merchant, { code: code(), name: 'Empty' });
    await deleteWarehouse(db, merchant, empty.id);
    expect(await db.select().from(warehouses).where(eq(warehouses.id, empty.id))).toEqual([]);

    const stocked = await createWarehouse(db, merchant, { code: code(), name: 'Stocked' });
    await db.transaction((tx) => setOnHand(tx, { variantId: variantA!.id, warehouseId: stocked.id, quantity: 3, reason: 'test' }));
    expect(await errorOf(() => deleteWarehouse(db, merchant, stocked.id))).toMatchObject({ status: 409, code: 'conflict' });

    const [def] = await db.select().from(warehouses).where(eq(warehouses.isDefault, true));
    expect(await errorOf(() => deleteWarehouse(db, merchant, def!.id))).toMatchObject({ status: 409 });
    expect(await errorOf(() => deleteWarehouse(db, shopper, empty.id))).toMatchObject({ status: 403 });
    expect(await errorOf(() => deleteWarehouse(db, merchant, 'nope'))).toMatchObject({ status: 400, fields: ['warehouse_id'] });
  });
});

describe('a supplier’s inventory', () => {
  it('sums on hand and reserved per item over the warehouses the supplier runs', async () => {
    const supplier = await createSupplier(db, merchant, { name: 'Inventory Supplier' });
    const w1 = await createWarehouse(db, merchant, { code: code(), name: 'One', supplierId: supplier.id, priority: 0 });
    const w2 = await createWarehouse(db, merchant, { code: code(), name: 'Two', supplierId: supplier.id, priority: 0 });
    expect(await supplierInventory(db, merchant, supplier.id)).toEqual({ supplier_id: supplier.id, items: [] });

    await db.transaction(async (tx) => {
      await setOnHand(tx, { variantId: variantA!.id, warehouseId: w1.id, quantity: 4, reason: 'test' });
      await setOnHand(tx, { variantId: variantA!.id, warehouseId: w2.id, quantity: 6, reason: 'test' });
      await setOnHand(tx, { variantId: variantB!.id, warehouseId: w2.id, quantity: 2, reason: 'test' });
    });
    // Only the supplier's warehouse has B, so the order reserves it there.
    await db.execute(sql`delete from inventory_levels where variant_id = ${variantB!.id} and warehouse_id <> ${w2.id}`);
    await placeOrder(db, { userId: shopper.id, email: shopper.email, lines: [{ variantId: variantB!.id, quantity: 1 }] });

    const inventory = await supplierInventory(db, merchant, supplier.id.toUpperCase());
    expect(inventory.supplier_id).toBe(supplier.id);
    const byItem = Object.fromEntries(inventory.items.map((i) => [i.item_id, i]));
    expect(byItem[variantA!.id]).toEqual({ item_id: variantA!.id, on_hand: 10, reserved: 0, stock: 10 });
    expect(byItem[variantB!.id]).toMatchObject({ on_hand: 2, reserved: 1, stock: 1 });
    expect(inventory.items).toHaveLength(2);
  });

  it('is for staff; unknown supplier 404, malformed id 400', async () => {
    expect(await errorOf(() => supplierInventory(db, shopper, '00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 403 });
    expect(await errorOf(() => supplierInventory(db, merchant, '00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await errorOf(() => supplierInventory(db, merchant, '42'))).toMatchObject({ status: 400, fields: ['supplier_id'] });
  });
});
