/**
 * The dashboard's authorization, table-driven: a shopper (and an anonymous
 * visitor) gets 403/401 from every admin function in lib/ and every admin
 * server action in app/actions, and the database (live, archive and job queue) is byte-for-byte unchanged.
 * The server actions are found by listing app/actions/admin-*.ts, so a new
 * action is covered the moment it exists.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { findUserById, type AuthUser } from '@/lib/auth/users';
import { userIdByEmail, variantsWithStock } from './fixtures';
import { statusOf } from './status';

// The session is the one thing faked: which user the request is from.
const session = vi.hoisted(() => ({ user: null as AuthUser | null }));
vi.mock('@/lib/session/current-user', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

const db = getDb();
let shopper: AuthUser;
let merchant: AuthUser;
let variantId: string;
let warehouseId: string;
let deadJobId: string;

/** A digest of every row of every table (and the job queue): equal digests mean nothing changed. */
async function fingerprint(): Promise<string> {
  const tables = await db.execute<{ schema: string; name: string }>(sql`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema in ('public', 'archive', 'graphile_worker') and table_type = 'BASE TABLE' order by 1, 2`);
  const parts: string[] = [];
  for (const t of tables) {
    const [row] = await db.execute<{ digest: string | null }>(
      sql.raw(`select md5(string_agg(t::text, '|' order by t::text)) as digest from "${t.schema}"."${t.name}" t`),
    );
    parts.push(`${t.schema}.${t.name}:${row?.digest ?? 'empty'}`);
  }
  return parts.join('\n');
}

beforeAll(async () => {
  shopper = (await findUserById(db, await userIdByEmail(db, 'shopper@example.com')))!;
  merchant = (await findUserById(db, await userIdByEmail(db, 'merchant@example.com')))!;
  const [variant] = await variantsWithStock(db, 5);
  variantId = variant!.id;
  const [level] = await db.execute<{ warehouse_id: string }>(sql`select warehouse_id from inventory_levels where variant_id = ${variantId} limit 1`);
  warehouseId = level!.warehouse_id;
  // A dead job, so retrying and discarding one are tried on something real.
  const [dead] = await db.execute<{ id: string }>(sql`select id::text as id from graphile_worker.add_job('domain-event', '{"type":"product.updated","productId":"x","changes":[]}'::json, max_attempts := 1)`);
  await db.execute(sql`select graphile_worker.permanently_fail_jobs(array[${dead!.id}::bigint], 'authz test')`);
  deadJobId = dead!.id;
});

/** Every admin function in lib/ that changes something, with an input that would succeed for a merchant. */
async function libCases(): Promise<[string, (actor: AuthUser) => Promise<unknown>][]> {
  const inventory = await import('@/lib/inventory/admin-inventory');
  const flash = await import('@/lib/flash/sales');
  const products = await import('@/lib/catalog/admin-products');
  const images = await import('@/lib/catalog/product-images');
  const csv = await import('@/lib/catalog/csv');
  const orders = await import('@/lib/orders/admin-orders');
  const promotions = await import('@/lib/promotions/admin-promotions');
  const suppliers = await import('@/lib/inventory/suppliers');
  const jobs = await import('@/lib/events/dead-letters');
  const [ids] = await db.execute<{ product_id: string; order_id: string; promotion_id: string; supplier_id: string; image_id: string }>(sql`
    select (select product_id from product_variants where id = ${variantId}) as product_id,
           (select id from orders order by created_at limit 1) as order_id,
           (select id from promotions limit 1) as promotion_id,
           (select id from suppliers limit 1) as supplier_id,
           (select id from product_images limit 1) as image_id`);
  const { product_id: productId, order_id: orderId, promotion_id: promotionId, supplier_id: supplierId, image_id: imageId } = ids!;
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  const newProduct = { name: 'Authz Tee', category: 't-shirts', variants: [{ sku: `AUTHZ-${Date.now()}`, priceCents: 1000 }] };
  const promotion = { code: `AUTHZ${Date.now() % 100000}`, kind: 'percent' as const, value: 10 };
  return [
    ['products.createProduct', (a) => products.createProduct(db, a, newProduct)],
    ['products.updateProduct', (a) => products.updateProduct(db, a, productId, { brand: 'Authz' })],
    ['products.setProductStatus', (a) => products.setProductStatus(db, a, productId, 'draft')],
    ['products.addVariant', (a) => products.addVariant(db, a, productId, { sku: `AUTHZ-V-${Date.now()}`, priceCents: 900 })],
    ['products.updateVariant', (a) => products.updateVariant(db, a, variantId, { priceCents: 1234 })],
    ['products.archiveVariant', (a) => products.archiveVariant(db, a, variantId)],
    ['products.restoreVariant', (a) => products.restoreVariant(db, a, variantId)],
    ['products.createItem', (a) => products.createItem(db, a, { sku: `AUTHZ-I-${Date.now()}`, name: 'Item', category: 't-shirts', price_cents: 500 })],
    ['products.updateItem', (a) => products.updateItem(db, a, variantId, { price_cents: 4321 })],
    ['products.listAdminProducts', (a) => products.listAdminProducts(db, a, {})],
    ['products.getAdminProduct', (a) => products.getAdminProduct(db, a, productId)],
    ['images.uploadProductImage', (a) => images.uploadProductImage(db, a, { bytes: png, productId })],
    ['images.deleteProductImage', (a) => images.deleteProductImage(db, a, imageId)],
    ['csv.exportProductsCsv', (a) => csv.exportProductsCsv(db, a, {})],
    ['csv.importProductsCsv', (a) => csv.importProductsCsv(db, a, { csv: 'product_slug,name\n', mode: 'apply' })],
    ['orders.applyOrderAction', (a) => orders.applyOrderAction(db, a, orderId ?? variantId, { type: 'process' })],
    ['orders.applyBulkOrderAction', (a) => orders.applyBulkOrderAction(db, a, { action: 'process', orderIds: [orderId ?? variantId] })],
    ['promotions.createPromotion', (a) => promotions.createPromotion(db, a, promotion)],
    ['promotions.updatePromotion', (a) => promotions.updatePromotion(db, a, promotionId ?? variantId, promotion)],
    ['promotions.setPromotionActive', (a) => promotions.setPromotionActive(db, a, promotionId ?? variantId, false)],
    ['suppliers.createSupplier', (a) => suppliers.createSupplier(db, a, { name: 'Authz Supply' })],
    ['suppliers.updateSupplier', (a) => suppliers.updateSupplier(db, a, supplierId ?? variantId, { name: 'Authz Supply 2' })],
    ['suppliers.createWarehouse', (a) => suppliers.createWarehouse(db, a, { code: 'AUTHZ', name: 'Authz depot' })],
    ['suppliers.updateWarehouse', (a) => suppliers.updateWarehouse(db, a, warehouseId, { code: 'AUTHZ2', name: 'Depot' })],
    ['suppliers.makeDefaultWarehouse', (a) => suppliers.makeDefaultWarehouse(db, a, warehouseId)],
    ['suppliers.deleteWarehouse', (a) => suppliers.deleteWarehouse(db, a, warehouseId)],
    ['suppliers.deleteSupplier', (a) => suppliers.deleteSupplier(db, a, supplierId ?? variantId)],
    ['suppliers.supplierInventory', (a) => suppliers.supplierInventory(db, a, supplierId ?? variantId)],
    ['inventory.adjustStock', (a) => inventory.adjustStock(db, a, { variantId, warehouseId, quantity: 99, reason: 'count' })],
    ['inventory.receiveFromSupplier', (a) => inventory.receiveFromSupplier(db, a, { variantId, warehouseId, quantity: 5 })],
    ['inventory.setBuckets', (a) => inventory.setBuckets(db, a, { variantId, warehouseId, buckets: 4 })],
    ['inventory.stockTable', (a) => inventory.stockTable(db, a, { offset: 0, limit: 5 })],
    ['flash.scheduleFlashSale', (a) => flash.scheduleFlashSale(db, a, { sku: 'nope', name: 'x', admitPerSecond: 1 })],
    ['jobs.listDeadJobs', (a) => jobs.listDeadJobs(db, a, { page: 1 })],
    ['jobs.listRetryingJobs', (a) => jobs.listRetryingJobs(db, a)],
    ['jobs.retryDeadJob', (a) => jobs.retryDeadJob(db, a, deadJobId)],
    ['jobs.discardDeadJob', (a) => jobs.discardDeadJob(db, a, deadJobId)],
  ];
}

/**
 * The cases whose input a merchant gets refused for a business reason, not the role: each exact status
 * is required, so a 500 (or a 401/403) fails the control. Inputs that would succeed are left to do.
 */
const MERCHANT_REFUSALS: Record<string, number> = {
  'flash.scheduleFlashSale': 400, // sku 'nope' does not exist
  'jobs.discardDeadJob': 409, // retryDeadJob, run just before, took the job out of the dead letters
  'orders.applyOrderAction': 409, // the oldest order is not in a state that may be processed
  'products.updateItem': 404, // the variant's product is not a single-variant item
  'promotions.updatePromotion': 409, // its code is the one createPromotion just took
  'suppliers.deleteSupplier': 409, // the supplier still supplies items
  'suppliers.deleteWarehouse': 409, // the warehouse still holds stock
};

describe('admin functions in lib/', () => {
  it('answer 403 to a shopper and 401 to nobody, changing nothing', async () => {
    const before = await fingerprint();
    const cases = await libCases();
    for (const [name, run] of cases) {
      expect({ name, status: await statusOf(() => run(shopper)) }).toEqual({ name, status: 403 });
      expect({ name, status: await statusOf(() => run(null as unknown as AuthUser)) }).toEqual({ name, status: 401 });
    }
    expect(await fingerprint()).toBe(before);
  });

  it('let a merchant through (so the 403s above are about the role)', async () => {
    // Each case's input succeeds for a merchant: anything but success (a 500 included) fails the control.
    const outcomes: Record<string, number | 'ok'> = {};
    for (const [name, run] of await libCases()) outcomes[name] = await statusOf(() => run(merchant));
    const expected = Object.fromEntries(Object.keys(outcomes).map((name) => [name, MERCHANT_REFUSALS[name] ?? 'ok']));
    expect(outcomes).toEqual(expected);
  });
});

type ServerAction = (previous: unknown, form: FormData) => Promise<unknown>;
type Outcome = { ok: boolean; message: string };

/** Runs an action as a form would; a redirect (Next.js throws one) counts as getting through. */
async function submit(action: ServerAction): Promise<Outcome> {
  try {
    // Forms call actions as (form), (previous, form) or (id, form); the id doubles as an ignored previous state.
    const args = action.length <= 1 ? [plausibleForm()] : [variantId, plausibleForm()];
    const result = (await (action as (...a: unknown[]) => Promise<unknown>)(...args)) as Partial<Outcome> | undefined;
    return { ok: result?.ok ?? true, message: result?.message ?? '' };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { ok: true, message: `redirect ${digest}` };
    throw error;
  }
}

/** Every exported function of every app/actions/admin-*.ts module. */
async function adminActions(): Promise<[string, ServerAction][]> {
  const dir = path.resolve(import.meta.dirname, '../app/actions');
  const found: [string, ServerAction][] = [];
  for (const file of readdirSync(dir).filter((f) => /^admin-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))) {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function') found.push([`${file}#${name}`, value as ServerAction]);
    }
  }
  return found;
}

/** A form a merchant might send: ids that exist, plausible numbers and text. */
function plausibleForm(): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    kind: 'adjust', variantId, warehouseId, quantity: '3', reason: 'count', buckets: '2', sku: 'SW-NOPE', name: 'Thing',
    admitPerSecond: '1', status: 'processing', id: variantId,
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

const FORBIDDEN = /only the shop.s merchants/i;

describe('admin server actions', () => {
  it('exist (the listing works)', async () => {
    expect((await adminActions()).length).toBeGreaterThanOrEqual(2);
  });

  it('refuse a shopper and an anonymous visitor, changing nothing', async () => {
    const before = await fingerprint();
    for (const [name, action] of await adminActions()) {
      for (const user of [shopper, null]) {
        session.user = user;
        const result = await submit(action);
        expect({ name, user: user?.email ?? 'anonymous', ok: result.ok }).toEqual({ name, user: user?.email ?? 'anonymous', ok: false });
        expect(result.message).toMatch(user ? FORBIDDEN : /sign in/i);
      }
    }
    session.user = null;
    expect(await fingerprint()).toBe(before);
  });

  it('let a merchant past the check', async () => {
    session.user = merchant;
    for (const [name, action] of await adminActions()) {
      const result = await submit(action);
      expect({ name, forbidden: FORBIDDEN.test(result.message) }).toEqual({ name, forbidden: false });
    }
    session.user = null;
  });
});
