import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, productVariants, products } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { AuthUser } from '@/lib/auth/users';
import { queuedJobs } from '@/test/jobs';
import { stockOf, warehouseIds } from '@/test/stock';
import {
  addVariant,
  archiveVariant,
  createProduct,
  getAdminProduct,
  listAdminProducts,
  publishProduct,
  restoreVariant,
  setProductStatus,
  unpublishProduct,
  updateProduct,
  updateVariant,
} from './admin-products';
import { fetchProduct } from './queries';

const db = getDb();
const userOf = async (email: string): Promise<AuthUser> => {
  const [row] = await db.execute<AuthUser>(sql`select id, email, name, role from users where email = ${email}`);
  return row!;
};
const merchant = await userOf('merchant@example.com');
const shopper = await userOf('shopper@example.com');
const [amsterdam, newark] = await warehouseIds(db);
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const fieldsOf = (error: ApiError) => Object.keys((error.details?.fields as Record<string, string>) ?? {});

function shirt(overrides: Record<string, unknown> = {}) {
  const id = unique();
  return {
    name: `Linen Shirt ${id}`,
    brand: 'Northwind',
    description: 'A breathable shirt.',
    category: 'mens-shirts',
    attributes: { material: 'linen' },
    variants: [
      { sku: `LIN-${id}-S`, options: { color: 'Sand', size: 'S' }, priceCents: 4900, stock: [{ warehouseId: amsterdam!, quantity: 17 }] },
      { sku: `LIN-${id}-M`, options: { color: 'Sand', size: 'M' }, priceCents: 4900, stock: [{ warehouseId: amsterdam!, quantity: 13 }, { warehouseId: newark!, quantity: 2 }] },
    ],
    ...overrides,
  };
}

const [someCategory] = await db.execute<{ slug: string }>(sql`select slug from categories where parent_id is not null order by slug limit 1`);
const category = someCategory!.slug;

describe('createProduct', () => {
  it('creates the product, its variants and their first stock, audited and announced', async () => {
    const input = shirt({ category });
    const created = await createProduct(db, merchant, input);
    expect(created.slug).toBe(`northwind-linen-shirt-${input.name.split(' ').pop()!.toLowerCase()}`);
    const [row] = await db.select().from(products).where(eq(products.id, created.productId));
    expect(row).toMatchObject({ name: input.name, brand: 'Northwind', status: 'draft', attributes: { material: 'linen' } });
    const variants = await db.select().from(productVariants).where(eq(productVariants.productId, created.productId)).orderBy(productVariants.position);
    expect(variants.map((v) => [v.sku, v.title, v.priceCents, v.currency, v.position])).toEqual([
      [input.variants[0]!.sku, 'Sand / S', 4900, 'USD', 0],
      [input.variants[1]!.sku, 'Sand / M', 4900, 'USD', 1],
    ]);
    expect((await stockOf(db, created.variantIds[0]!)).onHand).toBe(17);
    expect((await stockOf(db, created.variantIds[1]!)).onHand).toBe(15);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, created.productId));
    expect(audit).toMatchObject({ action: 'product.created', actorUserId: merchant.id, entityType: 'product' });
    const events = (await queuedJobs(db)).filter((j) => j.payload.type === 'inventory.changed' && (j.payload.variantIds as string[]).includes(created.variantIds[0]!));
    expect(events.length).toBeGreaterThan(0);
    // A draft is not in the shop.
    expect(await fetchProduct(db, created.productId)).toBeNull();
  });

  it('makes the address unique when two products share a name', async () => {
    const first = await createProduct(db, merchant, shirt({ category, name: 'Twin Product', brand: '' }));
    const second = await createProduct(db, merchant, { ...shirt({ category, brand: '' }), name: 'Twin Product' });
    expect(first.slug).toMatch(/^twin-product(-\d+)?$/);
    expect(second.slug).not.toBe(first.slug);
    expect(second.slug).toMatch(/^twin-product-\d+$/);
  });

  it('is for staff only: 401 without an actor, 403 for a customer, and nothing is created', async () => {
    const input = shirt({ category });
    expect((await rejection(createProduct(db, null, input))).status).toBe(401);
    const denied = await rejection(createProduct(db, shopper, input));
    expect(denied.status).toBe(403);
    expect(await db.select().from(products).where(eq(products.name, input.name))).toEqual([]);
  });

  it('answers 400 naming the field, and creates nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '  ' }, 'name'],
      [{ category: 'no-such-category' }, 'category'],
      [{ status: 'live' }, 'status'],
      [{ variants: [] }, 'variants'],
      [{ variants: [{ sku: 'has space', priceCents: 100 }] }, 'variants.0.sku'],
      [{ variants: [{ sku: `OK-${unique()}`, priceCents: 19.99 }] }, 'variants.0.priceCents'],
      [{ variants: [{ sku: `OK-${unique()}`, priceCents: -1 }] }, 'variants.0.priceCents'],
      [{ variants: [{ sku: `OK-${unique()}`, priceCents: 100, currency: 'dollars' }] }, 'variants.0.currency'],
      [{ variants: [{ sku: `OK-${unique()}`, priceCents: 100, stock: [{ warehouseId: amsterdam, quantity: -3 }] }] }, 'variants.0.stock.0.quantity'],
      [{ variants: [{ sku: `OK-${unique()}`, priceCents: 100, stock: [{ warehouseId: '00000000-0000-4000-8000-000000000000', quantity: 3 }] }] }, 'variants.0.stock.0.warehouseId'],
      [{ variants: [{ sku: 'DUP-1', priceCents: 100, options: { size: 'S' } }, { sku: 'DUP-1', priceCents: 100, options: { size: 'M' } }] }, 'variants.1.sku'],
      [{ variants: [{ sku: `A-${unique()}`, priceCents: 100, options: { size: 'S' } }, { sku: `B-${unique()}`, priceCents: 100, options: { size: 'S' } }] }, 'variants.1.options'],
      [{ variants: [{ sku: `A-${unique()}`, priceCents: 100, currency: 'USD', options: { size: 'S' } }, { sku: `B-${unique()}`, priceCents: 100, currency: 'EUR', options: { size: 'M' } }] }, 'variants.1.currency'],
    ];
    for (const [override, field] of cases) {
      const input = shirt({ category, ...override });
      const error = await rejection(createProduct(db, merchant, input));
      expect(error.status, JSON.stringify(override)).toBe(400);
      expect(fieldsOf(error), JSON.stringify(override)).toContain(field);
      expect(await db.select().from(products).where(eq(products.name, String(input.name)))).toEqual([]);
    }
  });

  it('answers 409 conflict naming the SKU when another variant has it', async () => {
    const [taken] = await db.select({ sku: productVariants.sku }).from(productVariants).limit(1);
    const input = shirt({ category });
    input.variants[1]!.sku = taken!.sku;
    const error = await rejection(createProduct(db, merchant, input));
    expect(error.status).toBe(409);
    expect(error.code).toBe('conflict');
    expect(error.details).toMatchObject({ field: 'sku', sku: taken!.sku });
    expect(fieldsOf(error)).toEqual(['variants.1.sku']);
    expect(await db.select().from(productVariants).where(eq(productVariants.sku, input.variants[0]!.sku))).toEqual([]);
  });
});

describe('editing a product', () => {
  it('updates fields, publishes (the shop shows it), unpublishes and archives, each audited', async () => {
    const created = await createProduct(db, merchant, shirt({ category }));
    const updated = await updateProduct(db, merchant, created.productId, { name: 'Renamed Shirt', description: 'New words', attributes: { material: 'hemp' } });
    expect(updated.changed.sort()).toEqual(['attributes', 'description', 'name']);
    expect((await updateProduct(db, merchant, created.productId, { name: 'Renamed Shirt' })).changed).toEqual([]);

    await publishProduct(db, merchant, created.productId);
    const live = await fetchProduct(db, created.productId);
    expect(live).toMatchObject({ name: 'Renamed Shirt', description: 'New words' });
    expect(live!.variants.map((v) => v.available).sort()).toEqual([15, 17]);

    await unpublishProduct(db, merchant, created.productId);
    expect(await fetchProduct(db, created.productId)).toBeNull();
    await setProductStatus(db, merchant, created.productId, 'archived');
    const actions = (await db.select().from(auditLog).where(eq(auditLog.entityId, created.productId))).map((a) => a.action).sort();
    expect(actions).toEqual(['product.archived', 'product.created', 'product.published', 'product.unpublished', 'product.updated'].sort());
  });

  it('refuses bad changes with 400 / 404, and customers with 403', async () => {
    const created = await createProduct(db, merchant, shirt({ category }));
    expect(fieldsOf(await rejection(updateProduct(db, merchant, created.productId, { category: 'nope' })))).toEqual(['category']);
    expect(fieldsOf(await rejection(updateProduct(db, merchant, created.productId, { name: '' })))).toEqual(['name']);
    expect((await rejection(updateProduct(db, merchant, '00000000-0000-4000-8000-000000000000', { name: 'x' }))).status).toBe(404);
    expect((await rejection(updateProduct(db, shopper, created.productId, { name: 'Hacked' }))).status).toBe(403);
    expect((await rejection(setProductStatus(db, merchant, created.productId, 'deleted'))).status).toBe(400);
    expect((await rejection(publishProduct(db, shopper, created.productId))).status).toBe(403);
  });

  it('will not publish a product without a variant on sale', async () => {
    const created = await createProduct(db, merchant, shirt({ category }));
    for (const id of created.variantIds) await archiveVariant(db, merchant, id);
    const error = await rejection(publishProduct(db, merchant, created.productId));
    expect(error.status).toBe(400);
    expect(fieldsOf(error)).toEqual(['status']);
  });
});

describe('variants', () => {
  it('adds, edits, archives and restores variants', async () => {
    const created = await createProduct(db, merchant, shirt({ category }));
    const sku = `ADD-${unique()}`;
    const added = await addVariant(db, merchant, created.productId, { sku, options: { color: 'Sand', size: 'L' }, priceCents: 5200, stock: [{ warehouseId: newark!, quantity: 4 }] });
    expect((await stockOf(db, added.variantId)).onHand).toBe(4);
    const [row] = await db.select().from(productVariants).where(eq(productVariants.id, added.variantId));
    expect(row).toMatchObject({ sku, title: 'Sand / L', priceCents: 5200, position: 2 });

    const edited = await updateVariant(db, merchant, added.variantId, { priceCents: 5500, options: { color: 'Sand', size: 'XL' } });
    expect(edited.changed.sort()).toEqual(['options', 'priceCents']);
    const [after] = await db.select().from(productVariants).where(eq(productVariants.id, added.variantId));
    expect(after).toMatchObject({ priceCents: 5500, title: 'Sand / XL' });

    await archiveVariant(db, merchant, added.variantId);
    await publishProduct(db, merchant, created.productId);
    expect((await fetchProduct(db, created.productId))!.variants.map((v) => v.sku)).not.toContain(sku);
    await restoreVariant(db, merchant, added.variantId);
    expect((await fetchProduct(db, created.productId))!.variants.map((v) => v.sku)).toContain(sku);

    const detail = await getAdminProduct(db, merchant, created.productId);
    expect(detail!.variants).toHaveLength(3);
    expect(detail!.variants.find((v) => v.id === added.variantId)!.stock.find((s) => s.warehouseId === newark)).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
  });

  it('refuses a taken SKU (409), a duplicate option combination and another currency (400)', async () => {
    const created = await createProduct(db, merchant, shirt({ category }));
    const [other] = await db.select({ sku: productVariants.sku }).from(productVariants).limit(1);
    const taken = await rejection(addVariant(db, merchant, created.productId, { sku: other!.sku, options: { size: 'XS' }, priceCents: 1 }));
    expect(taken.status).toBe(409);
    expect(fieldsOf(taken)).toEqual(['sku']);
    const renamed = await rejection(updateVariant(db, merchant, created.variantIds[0]!, { sku: other!.sku }));
    expect(renamed.status).toBe(409);
    const same = await rejection(addVariant(db, merchant, created.productId, { sku: `X-${unique()}`, options: { color: 'sand', size: 's' }, priceCents: 1 }));
    expect(same.status).toBe(400);
    expect(fieldsOf(same)).toEqual(['options']);
    const currency = await rejection(addVariant(db, merchant, created.productId, { sku: `X-${unique()}`, options: { size: 'XS' }, priceCents: 1, currency: 'EUR' }));
    expect(fieldsOf(currency)).toEqual(['currency']);
  });

  it('keeps the last variant of a live product on sale', async () => {
    const created = await createProduct(db, merchant, { ...shirt({ category }), status: 'active' });
    await archiveVariant(db, merchant, created.variantIds[0]!);
    const error = await rejection(archiveVariant(db, merchant, created.variantIds[1]!));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/unpublish/);
  });
});

describe('listAdminProducts', () => {
  it('searches by name, brand and SKU, filters by status, category and low stock, and pages', async () => {
    const marker = unique();
    const a = await createProduct(db, merchant, shirt({ category, name: `Marker ${marker} alpha`, brand: `Brand${marker}` }));
    const lowInput = shirt({ category, name: `Marker ${marker} beta` });
    lowInput.variants[0]!.stock = [{ warehouseId: amsterdam!, quantity: 1 }];
    const b = await createProduct(db, merchant, { ...lowInput, status: 'active' });

    const byName = await listAdminProducts(db, merchant, { q: `marker ${marker.toLowerCase()}` });
    expect(byName.items.map((p) => p.id).sort()).toEqual([a.productId, b.productId].sort());
    expect((await listAdminProducts(db, merchant, { q: `brand${marker}` })).items.map((p) => p.id)).toEqual([a.productId]);
    expect((await listAdminProducts(db, merchant, { q: lowInput.variants[1]!.sku.toLowerCase() })).items.map((p) => p.id)).toEqual([b.productId]);
    expect((await listAdminProducts(db, merchant, { q: `Marker ${marker}`, status: 'active' })).items.map((p) => p.id)).toEqual([b.productId]);
    expect((await listAdminProducts(db, merchant, { q: `Marker ${marker}`, lowStock: '1' })).items.map((p) => p.id)).toEqual([b.productId]);
    expect((await listAdminProducts(db, merchant, { q: '%' })).total).toBe(0);

    const [parent] = await db.execute<{ slug: string }>(sql`select p.slug from categories c join categories p on p.id = c.parent_id where c.slug = ${category}`);
    expect((await listAdminProducts(db, merchant, { q: `Marker ${marker}`, category: parent!.slug })).total).toBe(2);
    expect((await listAdminProducts(db, merchant, { q: `Marker ${marker}`, category: 'no-such' })).total).toBe(0);

    const row = byName.items.find((p) => p.id === b.productId)!;
    expect(row).toMatchObject({ status: 'active', variantCount: 2, priceMinCents: 4900, onHand: 16, available: 16, lowStockVariants: 1, soldOutVariants: 0 });

    const first = await listAdminProducts(db, merchant, { page: 1, limit: 10 });
    const second = await listAdminProducts(db, merchant, { page: 2, limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.total).toBeGreaterThan(200);
    expect(first.pageCount).toBe(Math.ceil(first.total / 10));
    expect(second.items.map((p) => p.id)).not.toContain(first.items[0]!.id);
    expect(first.statusCounts.all).toBe(first.total);
    const past = await listAdminProducts(db, merchant, { page: 10_000 });
    expect(past.items).toEqual([]);
    expect(past.total).toBe(first.total);
    expect((await rejection(listAdminProducts(db, shopper, {}))).status).toBe(403);
  });
});
