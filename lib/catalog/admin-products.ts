/**
 * The merchant's product tools: create a product with its variants, edit it,
 * add, edit, archive and restore variants, publish / unpublish / archive, and
 * the dashboard's product list. Each change checks the actor (staff only),
 * validates its input (400 naming the field), runs in one transaction, writes
 * the audit trail and announces `inventory.changed` for the product's variants,
 * so stock labels, the search index and flash gates follow, and
 * `product.updated` (what changed) for everyone else. Nothing here calls
 * into Next: the server action (or route) that called it revalidates caches.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type DbOrTx } from '@/db/client';
import { categories, productImages, productVariants, products, warehouses } from '@/db/schema';
import { ApiError, conflict, invalidField, notFound, parseInput } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';
import { emit } from '@/lib/events/outbox';
import { setOnHand } from '@/lib/inventory/adjust';
import { receiveStock } from '@/lib/inventory/receive';
import { MAX_PRICE_CENTS, priceCentsSchema } from './price';
import { fetchCategoryTree, descendantIds } from './queries';
import { lowStockThreshold } from './stock-label';
import type { CategoryNode } from './types';

export { MAX_PRICE_CENTS, priceCentsSchema };

export type Actor = AuthUser | null | undefined;

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const VARIANT_STATUSES = ['active', 'archived'] as const;
export const MAX_VARIANTS_PER_PRODUCT = 100;
export const MAX_STOCK = 10_000_000;

// ---------------------------------------------------------------------------
// Input schemas (shared by the dashboard, the CSV import and the REST API)
// ---------------------------------------------------------------------------

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const required = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` });
const optionalText = (max: number) => z.string({ error: 'must be text' }).trim().max(max, { error: `must be at most ${max} characters` });

export const skuSchema = required(64)
  .regex(SKU_PATTERN, { error: 'use letters, digits, dots, dashes, underscores or slashes (no spaces)' })
  .meta({ description: 'Stock-keeping unit, unique in the shop', examples: ['TEE-NAVY-M'] });
export const currencySchema = z
  .string({ error: 'must be a 3-letter currency code' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { error: 'must be a 3-letter currency code such as USD' })
  .meta({ description: 'ISO 4217 currency code', examples: ['USD'] });
export const quantitySchema = z
  .number({ error: 'must be a whole number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'cannot be negative' })
  .max(MAX_STOCK, { error: 'is too large' });
const optionValue = optionalText(40)
  .optional()
  .transform((value) => (value ? value : undefined));
export const optionsSchema = z.strictObject({ color: optionValue, size: optionValue }, { error: 'must be { color?, size? }' });
export const attributesSchema = z
  .record(
    z
      .string()
      .trim()
      .min(1, { error: 'names must not be empty' })
      .max(40, { error: 'names must be at most 40 characters' }),
    optionalText(200),
    { error: 'must be an object of names and texts' },
  )
  .refine((value) => Object.keys(value).length <= 30, { error: 'at most 30 attributes' });
const categoryRef = required(200).meta({ description: 'Category slug (or id)', examples: ['t-shirts'] });
const statusSchema = z.enum(PRODUCT_STATUSES, { error: 'must be draft, active or archived' });
const warehouseId = z
  .string({ error: 'must be a warehouse id' })
  .regex(uuidPattern, { error: 'must be a warehouse id' })
  .meta({ format: 'uuid', description: 'A warehouse id (GET /warehouses)' });

const stockEntry = z.strictObject({ warehouseId, quantity: quantitySchema });
const stockList = z
  .array(stockEntry, { error: 'must be a list of { warehouseId, quantity }' })
  .max(50)
  .refine((entries) => new Set(entries.map((e) => e.warehouseId.toLowerCase())).size === entries.length, {
    error: 'names a warehouse twice',
  });

export const variantInputSchema = z.strictObject({
  sku: skuSchema,
  options: optionsSchema.default({ color: undefined, size: undefined }),
  priceCents: priceCentsSchema,
  currency: currencySchema.default('USD'),
  /** Units received into each warehouse when the variant is created. */
  stock: stockList.default([]),
});
export type VariantInput = z.input<typeof variantInputSchema>;

export const productInputSchema = z.strictObject({
  name: required(200),
  brand: optionalText(100).default(''),
  description: optionalText(5000).default(''),
  /** A category id or slug. */
  category: categoryRef,
  attributes: attributesSchema.default({}),
  status: statusSchema.default('draft'),
  /** Made from the brand and name when left out (and made unique). */
  slug: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .string({ error: 'must be text' })
      .trim()
      .max(120, { error: 'must be at most 120 characters' })
      .regex(SLUG_PATTERN, { error: 'use lowercase letters, digits and single dashes' })
      .optional(),
  ),
  variants: z
    .array(variantInputSchema, { error: 'must be a list of variants' })
    .min(1, { error: 'add at least one variant' })
    .max(MAX_VARIANTS_PER_PRODUCT, { error: `at most ${MAX_VARIANTS_PER_PRODUCT} variants` }),
});
export type ProductInput = z.input<typeof productInputSchema>;

export const productUpdateSchema = z
  .strictObject({
    name: required(200),
    brand: optionalText(100),
    description: optionalText(5000),
    category: categoryRef,
    attributes: attributesSchema,
  })
  .partial();
export type ProductUpdate = z.input<typeof productUpdateSchema>;

export const variantUpdateSchema = z
  .strictObject({ sku: skuSchema, options: optionsSchema, priceCents: priceCentsSchema, currency: currencySchema })
  .partial();
export type VariantUpdate = z.input<typeof variantUpdateSchema>;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '');
}

/** "Red / M", or "Standard" for a variant without options (what product pages and carts show). */
export function variantTitle(options: { color?: string; size?: string }): string {
  return [options.color, options.size].filter(Boolean).join(' / ') || 'Standard';
}

const cleanOptions = (options: { color?: string; size?: string } | undefined) => {
  const clean: Record<string, string> = {};
  if (options?.color) clean.color = options.color;
  if (options?.size) clean.size = options.size;
  return clean;
};
const optionsKey = (options: Record<string, string>) => `${(options.color ?? '').toLowerCase()}\u0000${(options.size ?? '').toLowerCase()}`;

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export const skuTaken = (sku: string, field: string, owner?: string) =>
  conflict(`The SKU ${sku} is already used${owner ? ` by ${owner}` : ''}`, {
    field: 'sku',
    sku,
    fields: { [field]: `${sku} is already used${owner ? ` by ${owner}` : ' by another variant'}` },
  });

/** A category by id or slug; 400 naming `field` when there is none. */
export async function resolveCategory(db: DbOrTx, ref: string, field = 'category'): Promise<{ id: string; slug: string; name: string }> {
  const value = ref.trim();
  const where = uuidPattern.test(value) ? eq(categories.id, value.toLowerCase()) : eq(categories.slug, value.toLowerCase());
  const [row] = await db.select({ id: categories.id, slug: categories.slug, name: categories.name }).from(categories).where(where);
  if (!row) throw invalidField(field, 'no such category');
  return row;
}

/** 409 naming the field of the first SKU someone else already has. */
async function assertSkusFree(db: DbOrTx, entries: { sku: string; field: string }[], exceptVariantId?: string): Promise<void> {
  if (entries.length === 0) return;
  const rows = await db
    .select({ id: productVariants.id, sku: productVariants.sku, productName: products.name })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.sku, entries.map((e) => e.sku)));
  const taken = new Map(rows.filter((r) => r.id !== exceptVariantId).map((r) => [r.sku, r.productName]));
  for (const entry of entries) {
    if (taken.has(entry.sku)) throw skuTaken(entry.sku, entry.field, `“${taken.get(entry.sku)}”`);
  }
}

/** Warehouse ids must exist: 400 naming the field otherwise. */
async function assertWarehouses(db: DbOrTx, entries: { warehouseId: string; field: string }[]): Promise<void> {
  if (entries.length === 0) return;
  const known = new Set((await db.select({ id: warehouses.id }).from(warehouses)).map((w) => w.id));
  for (const entry of entries) if (!known.has(entry.warehouseId.toLowerCase())) throw invalidField(entry.field, 'no such warehouse');
}

async function uniqueSlug(tx: DbOrTx, wanted: string | undefined, base: string): Promise<string> {
  if (wanted) {
    const [taken] = await tx.select({ id: products.id }).from(products).where(eq(products.slug, wanted));
    if (taken) throw conflict(`The address /products/${wanted} is already used by another product`, { fields: { slug: 'is already used by another product' } });
    return wanted;
  }
  const root = slugify(base) || 'product';
  // Two merchants creating "Linen Shirt" at once queue here instead of colliding on the unique index.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`product-slug:${root}`}))`);
  const rows = await tx.execute<{ slug: string }>(sql`select slug from products where slug = ${root} or slug like ${`${root}-%`}`);
  const used = new Set(rows.map((r) => r.slug));
  if (!used.has(root)) return root;
  for (let n = 2; ; n++) if (!used.has(`${root}-${n}`)) return `${root}-${n}`;
}

type LockedProduct = typeof products.$inferSelect;

/** The product row, locked for this change (one writer per product at a time); 404 when there is none. */
async function lockProduct(tx: DbOrTx, productId: string): Promise<LockedProduct> {
  if (!uuidPattern.test(productId)) throw notFound('Product');
  const [row] = await tx.select().from(products).where(eq(products.id, productId)).for('no key update');
  if (!row) throw notFound('Product');
  return row;
}

async function variantIdsOf(tx: DbOrTx, productId: string): Promise<string[]> {
  return (await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, productId))).map((r) => r.id);
}

/** Tells the worker the product's variants changed: stock labels, search and flash gates follow. */
async function announce(tx: DbOrTx, variantIds: string[]): Promise<void> {
  if (variantIds.length > 0) await emit(tx, { type: 'inventory.changed', variantIds: [...new Set(variantIds)] });
}

/** `changes` names what changed: fields ("name", "status"), "variants", "variants.priceCents", or "created". */
async function productUpdated(tx: DbOrTx, productId: string, changes: string[]): Promise<void> {
  if (changes.length > 0) await emit(tx, { type: 'product.updated', productId, changes: [...new Set(changes)] });
}

async function touchProduct(tx: DbOrTx, productId: string): Promise<void> {
  await tx.update(products).set({ updatedAt: sql`now()` }).where(eq(products.id, productId));
}

type NewVariant = { sku: string; options: Record<string, string>; priceCents: number; currency: string; stock: { warehouseId: string; quantity: number }[] };

/** Inserts variants (and their first stock); a SKU taken meanwhile → 409 naming `fieldOf(index)`. */
async function insertVariants(
  tx: DbOrTx,
  actor: AuthUser,
  productId: string,
  variants: NewVariant[],
  firstPosition: number,
  fieldOf: (index: number) => string,
): Promise<string[]> {
  const inserted = await tx
    .insert(productVariants)
    .values(
      variants.map((v, i) => ({
        productId,
        sku: v.sku,
        title: variantTitle(v.options),
        options: v.options,
        priceCents: v.priceCents,
        currency: v.currency,
        position: firstPosition + i,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: productVariants.id, sku: productVariants.sku });
  if (inserted.length < variants.length) {
    const got = new Set(inserted.map((r) => r.sku));
    const index = variants.findIndex((v) => !got.has(v.sku));
    throw skuTaken(variants[index]!.sku, fieldOf(index));
  }
  const idBySku = new Map(inserted.map((r) => [r.sku, r.id]));
  const receipts = variants.flatMap((v) =>
    v.stock.filter((s) => s.quantity > 0).map((s) => ({ variantId: idBySku.get(v.sku)!, warehouseId: s.warehouseId.toLowerCase(), quantity: s.quantity })),
  );
  if (receipts.length > 0) await receiveStock(tx, receipts, { reason: 'initial stock', actorUserId: actor.id });
  return variants.map((v) => idBySku.get(v.sku)!);
}

/** Checks a set of variants for one product: SKUs and option combinations unique, one currency. */
function checkVariantSet(
  variants: { sku: string; options: Record<string, string>; currency: string }[],
  existing: { sku: string; options: Record<string, string>; currency: string }[],
  fieldOf: (index: number, name: 'sku' | 'options' | 'currency') => string,
): void {
  const skus = new Set<string>();
  const combos = new Set(existing.map((v) => optionsKey(v.options)));
  const currency = existing[0]?.currency ?? variants[0]?.currency;
  variants.forEach((variant, index) => {
    if (skus.has(variant.sku)) throw invalidField(fieldOf(index, 'sku'), 'is used by another variant of this product');
    skus.add(variant.sku);
    if (combos.has(optionsKey(variant.options))) {
      throw invalidField(
        fieldOf(index, 'options'),
        Object.keys(variant.options).length === 0
          ? 'give each variant a colour or a size so shoppers can tell them apart'
          : `another variant already is ${variantTitle(variant.options)}`,
      );
    }
    combos.add(optionsKey(variant.options));
    if (variant.currency !== currency) throw invalidField(fieldOf(index, 'currency'), `must be ${currency}, like the product’s other variants`);
  });
}

// ---------------------------------------------------------------------------
// Changes
// ---------------------------------------------------------------------------

export type CreatedProduct = { productId: string; slug: string; variantIds: string[] };

/** Creates a product with its variants (and their first stock), in one transaction. */
export async function createProduct(db: DbOrTx, actor: Actor, input: unknown): Promise<CreatedProduct> {
  assertStaff(actor);
  const data = parseInput(productInputSchema, input);
  const variants: NewVariant[] = data.variants.map((v) => ({ ...v, options: cleanOptions(v.options) }));
  checkVariantSet(variants, [], (i, name) => `variants.${i}.${name}`);
  return inTransaction(db, async (tx) => {
    const category = await resolveCategory(tx, data.category);
    await assertSkusFree(tx, variants.map((v, i) => ({ sku: v.sku, field: `variants.${i}.sku` })));
    await assertWarehouses(tx, variants.flatMap((v, i) => v.stock.map((s, j) => ({ warehouseId: s.warehouseId, field: `variants.${i}.stock.${j}.warehouseId` }))));
    const slug = await uniqueSlug(tx, data.slug, data.brand ? `${data.brand} ${data.name}` : data.name);
    const [product] = await tx
      .insert(products)
      .values({ slug, name: data.name, brand: data.brand, description: data.description, categoryId: category.id, status: data.status, attributes: data.attributes })
      .onConflictDoNothing()
      .returning({ id: products.id });
    if (!product) throw conflict(`The address /products/${slug} was just taken: try again`, { fields: { slug: 'is already used by another product' } });
    const variantIds = await insertVariants(tx, actor, product.id, variants, 0, (i) => `variants.${i}.sku`);
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: 'product.created',
      entityType: 'product',
      entityId: product.id,
      data: { slug, name: data.name, status: data.status, category: category.slug, skus: variants.map((v) => v.sku) },
    });
    await announce(tx, variantIds);
    await productUpdated(tx, product.id, ['created']);
    return { productId: product.id, slug, variantIds };
  });
}

/** Changes a product's name, brand, description, category or attributes. */
export async function updateProduct(db: DbOrTx, actor: Actor, productId: string, input: unknown): Promise<{ productId: string; changed: string[] }> {
  assertStaff(actor);
  const data = parseInput(productUpdateSchema, input);
  return inTransaction(db, async (tx) => {
    const product = await lockProduct(tx, productId);
    const set: Partial<typeof products.$inferInsert> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const change = <K extends 'name' | 'brand' | 'description' | 'categoryId' | 'attributes'>(key: K, value: (typeof products.$inferInsert)[K]) => {
      if (JSON.stringify(product[key]) === JSON.stringify(value)) return;
      set[key] = value;
      before[key] = product[key];
      after[key] = value;
    };
    if (data.name !== undefined) change('name', data.name);
    if (data.brand !== undefined) change('brand', data.brand);
    if (data.description !== undefined) change('description', data.description);
    if (data.attributes !== undefined) change('attributes', data.attributes);
    if (data.category !== undefined) change('categoryId', (await resolveCategory(tx, data.category)).id);
    const changed = Object.keys(set);
    if (changed.length === 0) return { productId: product.id, changed };
    await tx.update(products).set({ ...set, updatedAt: sql`now()` }).where(eq(products.id, product.id));
    await recordAudit(tx, { actorUserId: actor.id, action: 'product.updated', entityType: 'product', entityId: product.id, data: { before, after } });
    await announce(tx, await variantIdsOf(tx, product.id));
    await productUpdated(tx, product.id, changed.map((key) => (key === 'categoryId' ? 'category' : key)));
    return { productId: product.id, changed };
  });
}

const STATUS_ACTIONS: Record<ProductStatus, string> = { active: 'product.published', draft: 'product.unpublished', archived: 'product.archived' };

/** Publishes (active), unpublishes (draft) or archives a product. Publishing needs a variant on sale. */
export async function setProductStatus(db: DbOrTx, actor: Actor, productId: string, status: unknown): Promise<{ productId: string; slug: string; status: ProductStatus; changed: boolean }> {
  assertStaff(actor);
  const wanted = parseInput(statusSchema, status, 'status');
  return inTransaction(db, async (tx) => {
    const product = await lockProduct(tx, productId);
    if (product.status === wanted) return { productId: product.id, slug: product.slug, status: wanted, changed: false };
    if (wanted === 'active') {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(productVariants)
        .where(and(eq(productVariants.productId, product.id), eq(productVariants.status, 'active')));
      if (n === 0) throw invalidField('status', 'add a variant on sale before publishing');
    }
    await tx.update(products).set({ status: wanted, updatedAt: sql`now()` }).where(eq(products.id, product.id));
    await recordAudit(tx, { actorUserId: actor.id, action: STATUS_ACTIONS[wanted], entityType: 'product', entityId: product.id, data: { from: product.status, to: wanted } });
    await announce(tx, await variantIdsOf(tx, product.id));
    await productUpdated(tx, product.id, ['status']);
    return { productId: product.id, slug: product.slug, status: wanted, changed: true };
  });
}

export const publishProduct = (db: DbOrTx, actor: Actor, productId: string) => setProductStatus(db, actor, productId, 'active');
export const unpublishProduct = (db: DbOrTx, actor: Actor, productId: string) => setProductStatus(db, actor, productId, 'draft');
export const archiveProduct = (db: DbOrTx, actor: Actor, productId: string) => setProductStatus(db, actor, productId, 'archived');

async function activeVariantsOf(tx: DbOrTx, productId: string, exceptId?: string) {
  const rows = await tx
    .select({ id: productVariants.id, sku: productVariants.sku, options: productVariants.options, currency: productVariants.currency })
    .from(productVariants)
    .where(and(eq(productVariants.productId, productId), eq(productVariants.status, 'active')));
  return rows.filter((r) => r.id !== exceptId).map((r) => ({ ...r, options: r.options as Record<string, string> }));
}

/** Adds a variant (with its first stock) to a product. */
export async function addVariant(db: DbOrTx, actor: Actor, productId: string, input: unknown): Promise<{ productId: string; variantId: string }> {
  assertStaff(actor);
  const data = parseInput(variantInputSchema, input);
  const variant: NewVariant = { ...data, options: cleanOptions(data.options) };
  return inTransaction(db, async (tx) => {
    const product = await lockProduct(tx, productId);
    checkVariantSet([variant], await activeVariantsOf(tx, product.id), (_i, name) => name);
    await assertSkusFree(tx, [{ sku: variant.sku, field: 'sku' }]);
    await assertWarehouses(tx, variant.stock.map((s, j) => ({ warehouseId: s.warehouseId, field: `stock.${j}.warehouseId` })));
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${productVariants.position}) + 1, 0)::int` })
      .from(productVariants)
      .where(eq(productVariants.productId, product.id));
    const [variantId] = await insertVariants(tx, actor, product.id, [variant], next, () => 'sku');
    await touchProduct(tx, product.id);
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: 'variant.created',
      entityType: 'product',
      entityId: product.id,
      data: { variantId, sku: variant.sku, options: variant.options, priceCents: variant.priceCents, currency: variant.currency },
    });
    await announce(tx, [variantId!]);
    await productUpdated(tx, product.id, ['variants']);
    return { productId: product.id, variantId: variantId! };
  });
}

async function lockVariant(tx: DbOrTx, variantId: string) {
  if (!uuidPattern.test(variantId)) throw notFound('Variant');
  const [found] = await tx.select({ productId: productVariants.productId }).from(productVariants).where(eq(productVariants.id, variantId));
  if (!found) throw notFound('Variant');
  const product = await lockProduct(tx, found.productId); // the product first, as every product change does
  const [variant] = await tx.select().from(productVariants).where(eq(productVariants.id, variantId)).for('no key update');
  if (!variant || variant.productId !== product.id) throw notFound('Variant');
  return { product, variant: { ...variant, options: variant.options as Record<string, string> } };
}

/** Changes a variant's SKU, options, price or currency. */
export async function updateVariant(db: DbOrTx, actor: Actor, variantId: string, input: unknown): Promise<{ productId: string; variantId: string; changed: string[] }> {
  assertStaff(actor);
  const data = parseInput(variantUpdateSchema, input);
  return inTransaction(db, async (tx) => {
    const { product, variant } = await lockVariant(tx, variantId);
    const next = {
      sku: data.sku ?? variant.sku,
      options: data.options ? cleanOptions(data.options) : variant.options,
      priceCents: data.priceCents ?? variant.priceCents,
      currency: data.currency ?? variant.currency,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(variant[k]));
    if (changed.length === 0) return { productId: product.id, variantId, changed: [] };
    if (variant.status === 'active') checkVariantSet([next], await activeVariantsOf(tx, product.id, variant.id), (_i, name) => name);
    if (changed.includes('sku')) await assertSkusFree(tx, [{ sku: next.sku, field: 'sku' }], variant.id);
    try {
      await tx
        .update(productVariants)
        .set({ ...next, title: variantTitle(next.options), updatedAt: sql`now()` })
        .where(eq(productVariants.id, variant.id));
    } catch (error) {
      if (isUniqueViolation(error)) throw skuTaken(next.sku, 'sku');
      throw error;
    }
    await touchProduct(tx, product.id);
    const before = Object.fromEntries(changed.map((k) => [k, variant[k]]));
    const after = Object.fromEntries(changed.map((k) => [k, next[k]]));
    await recordAudit(tx, { actorUserId: actor.id, action: 'variant.updated', entityType: 'product', entityId: product.id, data: { variantId, sku: next.sku, before, after } });
    await announce(tx, [variant.id]);
    await productUpdated(tx, product.id, changed.map((key) => `variants.${key}`));
    return { productId: product.id, variantId, changed };
  });
}

/** Takes a variant off sale (its stock and past orders stay). The last variant of a live product cannot go. */
export async function archiveVariant(db: DbOrTx, actor: Actor, variantId: string): Promise<{ productId: string; variantId: string }> {
  return setVariantStatus(db, actor, variantId, 'archived');
}

/** Puts an archived variant back on sale. */
export async function restoreVariant(db: DbOrTx, actor: Actor, variantId: string): Promise<{ productId: string; variantId: string }> {
  return setVariantStatus(db, actor, variantId, 'active');
}

async function setVariantStatus(db: DbOrTx, actor: Actor, variantId: string, status: 'active' | 'archived') {
  assertStaff(actor);
  return inTransaction(db, async (tx) => {
    const { product, variant } = await lockVariant(tx, variantId);
    if (variant.status === status) return { productId: product.id, variantId };
    const others = await activeVariantsOf(tx, product.id, variant.id);
    if (status === 'archived' && product.status === 'active' && others.length === 0) {
      throw invalidField('status', 'this is the only variant on sale: unpublish the product first, or add another variant');
    }
    if (status === 'active') checkVariantSet([variant], others, (_i, name) => name);
    await tx.update(productVariants).set({ status, updatedAt: sql`now()` }).where(eq(productVariants.id, variant.id));
    await touchProduct(tx, product.id);
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: status === 'archived' ? 'variant.archived' : 'variant.restored',
      entityType: 'product',
      entityId: product.id,
      data: { variantId, sku: variant.sku },
    });
    await announce(tx, [variant.id]);
    await productUpdated(tx, product.id, ['variants.status']);
    return { productId: product.id, variantId };
  });
}

// ---------------------------------------------------------------------------
// The REST API's items (API.md: POST /items, PUT /items/{item_id})
// ---------------------------------------------------------------------------

/** REST stock lines: `warehouse_id` left out means the default warehouse (POST and PUT alike). */
const restStock = z
  .array(z.strictObject({ warehouse_id: warehouseId.optional(), quantity: quantitySchema }), { error: 'must be a list of { warehouse_id?, quantity }' })
  .max(50);

export const itemCreateSchema = z.strictObject({
  sku: skuSchema,
  name: required(200),
  category: categoryRef,
  price_cents: priceCentsSchema,
  currency: currencySchema.default('USD'),
  attributes: attributesSchema.default({}),
  description: optionalText(5000).default(''),
  stock: restStock.default([]),
});

export const itemUpdateSchema = z
  .strictObject({
    price_cents: priceCentsSchema,
    name: required(200),
    attributes: attributesSchema,
    stock: restStock,
  })
  .partial();

/** REST stock lines with their warehouse decided: the default one where left out; unknown or repeated → 400 naming the line. */
async function restStockEntries(tx: DbOrTx, stock: readonly { warehouse_id?: string; quantity: number }[]) {
  const all = await tx.select({ id: warehouses.id, isDefault: warehouses.isDefault }).from(warehouses);
  const fallback = all.find((w) => w.isDefault)?.id;
  const seen = new Set<string>();
  return stock.map((entry, j) => {
    const id = entry.warehouse_id?.toLowerCase() ?? fallback;
    if (!id) throw invalidField(`stock.${j}.warehouse_id`, 'is required: the shop has no default warehouse');
    if (!all.some((w) => w.id === id)) throw invalidField(`stock.${j}.warehouse_id`, 'no such warehouse');
    if (seen.has(id)) throw invalidField(`stock.${j}.warehouse_id`, 'names a warehouse twice');
    seen.add(id);
    return { index: j, warehouseId: id, quantity: entry.quantity };
  });
}

/** color and size are the variant's options; the other attributes belong to the product. */
function splitAttributes(attributes: Record<string, string>): { product: Record<string, string>; options: Record<string, string> } {
  const product: Record<string, string> = {};
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if ((key === 'color' || key === 'size') && value) options[key] = value;
    else if (key !== 'color' && key !== 'size') product[key] = value;
  }
  return { product, options };
}

/** POST /items: a product on sale with one variant (one SKU), and its first stock. */
export async function createItem(db: DbOrTx, actor: Actor, input: unknown): Promise<{ itemId: string; productId: string }> {
  assertStaff(actor);
  const data = parseInput(itemCreateSchema, input);
  const { product: attributes, options } = splitAttributes(data.attributes);
  return inTransaction(db, async (tx) => {
    const category = await resolveCategory(tx, data.category);
    await assertSkusFree(tx, [{ sku: data.sku, field: 'sku' }]);
    const stock = await restStockEntries(tx, data.stock);
    const brand = attributes.brand ?? '';
    const slug = await uniqueSlug(tx, undefined, brand ? `${brand} ${data.name}` : data.name);
    const [product] = await tx
      .insert(products)
      .values({ slug, name: data.name, brand, description: data.description, categoryId: category.id, status: 'active', attributes })
      .onConflictDoNothing()
      .returning({ id: products.id });
    if (!product) throw conflict('The product’s address was just taken: try again');
    const [itemId] = await insertVariants(
      tx,
      actor,
      product.id,
      [{ sku: data.sku, options, priceCents: data.price_cents, currency: data.currency, stock: stock.map((s) => ({ warehouseId: s.warehouseId, quantity: s.quantity })) }],
      0,
      () => 'sku',
    );
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: 'product.created',
      entityType: 'product',
      entityId: product.id,
      data: { via: 'api', slug, name: data.name, status: 'active', category: category.slug, skus: [data.sku] },
    });
    await announce(tx, [itemId!]);
    await productUpdated(tx, product.id, ['created']);
    return { itemId: itemId!, productId: product.id };
  });
}

/**
 * PUT /items/{item_id}: price, name (the product's), attributes (color and size
 * are the item's own) and stock (`quantity` = new units on hand; a warehouse
 * left out is the default one). Below what is reserved → 409, nothing changed.
 */
export async function updateItem(db: DbOrTx, actor: Actor, itemId: string, input: unknown): Promise<{ itemId: string; productId: string }> {
  assertStaff(actor);
  const data = parseInput(itemUpdateSchema, input);
  return inTransaction(db, async (tx) => {
    const { product, variant } = await lockVariant(tx, itemId).catch((error: unknown) => {
      throw error instanceof ApiError && error.status === 404 ? notFound('Item') : error;
    });
    if (product.status !== 'active' || variant.status !== 'active') throw notFound('Item');
    const changes: Record<string, unknown> = {};

    if (data.name !== undefined || data.attributes !== undefined) {
      const split = data.attributes ? splitAttributes(data.attributes) : null;
      await tx
        .update(products)
        .set({ ...(data.name !== undefined ? { name: data.name } : {}), ...(split ? { attributes: split.product } : {}), updatedAt: sql`now()` })
        .where(eq(products.id, product.id));
      if (split) {
        checkVariantSet([{ ...variant, options: split.options }], await activeVariantsOf(tx, product.id, variant.id), () => 'attributes');
        await tx.update(productVariants).set({ options: split.options, title: variantTitle(split.options), updatedAt: sql`now()` }).where(eq(productVariants.id, variant.id));
        changes.attributes = data.attributes;
      }
      if (data.name !== undefined) changes.name = data.name;
    }
    if (data.price_cents !== undefined && data.price_cents !== variant.priceCents) {
      await tx.update(productVariants).set({ priceCents: data.price_cents, updatedAt: sql`now()` }).where(eq(productVariants.id, variant.id));
      changes.price_cents = { from: variant.priceCents, to: data.price_cents };
    }
    if (data.stock && data.stock.length > 0) {
      const entries = await restStockEntries(tx, data.stock);
      for (const entry of [...entries].sort((a, b) => a.warehouseId.localeCompare(b.warehouseId))) {
        try {
          await setOnHand(tx, { variantId: variant.id, warehouseId: entry.warehouseId, quantity: entry.quantity, reason: 'set through the API', actorUserId: actor.id });
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            const reserved = Number(error.details?.reserved ?? 0);
            throw new ApiError(409, 'conflict', error.message, {
              item_id: variant.id,
              warehouse_id: entry.warehouseId,
              reserved,
              fields: { [`stock.${entry.index}.quantity`]: `cannot be below the ${reserved} units open orders have reserved` },
            });
          }
          throw error;
        }
      }
      changes.stock = entries.map((e) => ({ warehouse_id: e.warehouseId, quantity: e.quantity }));
    }
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, { actorUserId: actor.id, action: 'item.updated', entityType: 'product', entityId: product.id, data: { via: 'api', itemId: variant.id, sku: variant.sku, ...changes } });
      await announce(tx, [variant.id]);
      // Stock alone is inventory.changed's news, not the product's.
      await productUpdated(tx, product.id, Object.keys(changes).filter((key) => key !== 'stock').map((key) => (key === 'price_cents' ? 'variants.priceCents' : key)));
    }
    return { itemId: variant.id, productId: product.id };
  });
}

// ---------------------------------------------------------------------------
// Reads for the dashboard
// ---------------------------------------------------------------------------

export const productListQuerySchema = z.object({
  q: z.string().trim().max(100, { error: 'must be at most 100 characters' }).optional().catch(undefined),
  status: z.enum(PRODUCT_STATUSES).optional().catch(undefined),
  /** A category id or slug; its subcategories are included. */
  category: z.string().trim().max(200).optional().catch(undefined),
  lowStock: z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((v) => v === true || v === '1' || v === 'true' || v === 'on')
    .catch(false),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).catch(20).default(20),
});
export type ProductListQuery = z.input<typeof productListQuerySchema>;

export type AdminProductRow = {
  id: string;
  slug: string;
  name: string;
  brand: string;
  status: ProductStatus;
  categoryName: string;
  categorySlug: string;
  variantCount: number;
  priceMinCents: number | null;
  priceMaxCents: number | null;
  currency: string | null;
  skus: string[];
  onHand: number;
  available: number;
  lowStockVariants: number;
  soldOutVariants: number;
  imageUrl: string | null;
  updatedAt: Date;
};

export type AdminProductList = {
  items: AdminProductRow[];
  total: number;
  page: number;
  limit: number;
  pageCount: number;
  statusCounts: Record<ProductStatus | 'all', number>;
  lowStockThreshold: number;
  filters: { q?: string; status?: ProductStatus; category?: string; lowStock: boolean };
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

async function productFilters(db: DbOrTx, filters: { q?: string; status?: ProductStatus; category?: string; lowStock: boolean }, threshold: number): Promise<SQL[] | null> {
  const where: SQL[] = [];
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    where.push(sql`(p.name ilike ${pattern} or p.brand ilike ${pattern} or p.slug ilike ${pattern}
      or exists (select 1 from product_variants sv where sv.product_id = p.id and sv.sku ilike ${pattern}))`);
  }
  if (filters.status) where.push(sql`p.status = ${filters.status}`);
  if (filters.category) {
    const tree = await fetchCategoryTree(db);
    const wanted = filters.category.toLowerCase();
    const node = findNode(tree, (n) => n.id === wanted || n.slug === wanted);
    if (!node) return null;
    where.push(sql`p.category_id in (${sql.join(descendantIds(node).map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  if (filters.lowStock) {
    where.push(sql`exists (
      select 1 from product_variants lv
      where lv.product_id = p.id and lv.status = 'active'
        and coalesce((select sum(l.on_hand - l.reserved) from inventory_levels l where l.variant_id = lv.id), 0) <= ${threshold})`);
  }
  return where;
}

function findNode(tree: CategoryNode[], match: (node: CategoryNode) => boolean): CategoryNode | null {
  for (const node of tree) {
    if (match(node)) return node;
    const below = findNode(node.children, match);
    if (below) return below;
  }
  return null;
}

/** The dashboard's list: search by name, brand, slug or SKU; filter by status, category and low stock; newest changes first. */
export async function listAdminProducts(db: DbOrTx, actor: Actor, query: unknown = {}): Promise<AdminProductList> {
  assertStaff(actor);
  const parsed = productListQuerySchema.parse(query ?? {});
  const filters = { q: parsed.q || undefined, status: parsed.status, category: parsed.category || undefined, lowStock: parsed.lowStock };
  const threshold = lowStockThreshold();
  const where = await productFilters(db, filters, threshold);
  const countsRows = await db.execute<{ status: ProductStatus; n: number }>(sql`select status, count(*)::int as n from products group by status`);
  const statusCounts: Record<ProductStatus | 'all', number> = { all: 0, draft: 0, active: 0, archived: 0 };
  for (const row of countsRows) {
    statusCounts[row.status] = row.n;
    statusCounts.all += row.n;
  }
  const empty = { items: [], total: 0, page: parsed.page, limit: parsed.limit, pageCount: 0, statusCounts, lowStockThreshold: threshold, filters };
  if (where === null) return empty;

  const rows = await db.execute<{
    id: string; slug: string; name: string; brand: string; status: ProductStatus; category_name: string; category_slug: string;
    variant_count: number; price_min: number | null; price_max: number | null; currency: string | null; skus: string[] | null;
    on_hand: number; available: number; low_variants: number; sold_out_variants: number; image_url: string | null; updated_at: Date | string; total: number;
  }>(sql`
    with page as (
      select p.id, count(*) over ()::int as total
      from products p
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
      order by p.updated_at desc, p.id
      limit ${parsed.limit} offset ${(parsed.page - 1) * parsed.limit}
    )
    select p.id, p.slug, p.name, p.brand, p.status, c.name as category_name, c.slug as category_slug,
           v.variant_count, v.price_min, v.price_max, v.currency, v.skus,
           coalesce(s.on_hand, 0)::int as on_hand, coalesce(s.available, 0)::int as available,
           coalesce(s.low_variants, 0)::int as low_variants, coalesce(s.sold_out_variants, 0)::int as sold_out_variants,
           img.url as image_url, p.updated_at, page.total
    from page
    join products p on p.id = page.id
    join categories c on c.id = p.category_id
    left join lateral (
      select count(*)::int as variant_count, min(pv.price_cents)::int as price_min, max(pv.price_cents)::int as price_max,
             min(pv.currency) as currency, (array_agg(pv.sku order by pv.position, pv.sku))[1:3] as skus
      from product_variants pv where pv.product_id = p.id and pv.status = 'active'
    ) v on true
    left join lateral (
      select sum(a.on_hand) as on_hand, sum(greatest(a.available, 0)) as available,
             count(*) filter (where a.available > 0 and a.available <= ${threshold}) as low_variants,
             count(*) filter (where a.available <= 0) as sold_out_variants
      from (
        select pv.id, coalesce(sum(l.on_hand), 0) as on_hand, coalesce(sum(l.on_hand - l.reserved), 0) as available
        from product_variants pv left join inventory_levels l on l.variant_id = pv.id
        where pv.product_id = p.id and pv.status = 'active'
        group by pv.id
      ) a
    ) s on true
    left join lateral (
      select i.url from product_images i where i.product_id = p.id order by i.position, i.id limit 1
    ) img on true
    order by p.updated_at desc, p.id`);

  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && parsed.page > 1) {
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from products p ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`);
    total = row?.n ?? 0;
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      brand: r.brand,
      status: r.status,
      categoryName: r.category_name,
      categorySlug: r.category_slug,
      variantCount: r.variant_count,
      priceMinCents: r.price_min,
      priceMaxCents: r.price_max,
      currency: r.currency,
      skus: r.skus ?? [],
      onHand: r.on_hand,
      available: r.available,
      lowStockVariants: r.low_variants,
      soldOutVariants: r.sold_out_variants,
      imageUrl: r.image_url,
      updatedAt: new Date(r.updated_at),
    })),
    total,
    page: parsed.page,
    limit: parsed.limit,
    pageCount: Math.ceil(total / parsed.limit),
    statusCounts,
    lowStockThreshold: threshold,
    filters,
  };
}

export type CategoryOption = { id: string; slug: string; label: string; depth: number; parentName: string | null };

/** Every category, parents before their children, labelled for a select ("Clothing › T-shirts"). */
export async function categoryOptions(db: DbOrTx): Promise<CategoryOption[]> {
  const out: CategoryOption[] = [];
  const walk = (nodes: CategoryNode[], depth: number, parent: CategoryNode | null, prefix: string) => {
    for (const node of nodes) {
      const label = prefix ? `${prefix} › ${node.name}` : node.name;
      out.push({ id: node.id, slug: node.slug, label, depth, parentName: parent?.name ?? null });
      walk(node.children, depth + 1, node, label);
    }
  };
  walk(await fetchCategoryTree(db), 0, null, '');
  return out;
}

export type WarehouseStock = { warehouseId: string; code: string; onHand: number; reserved: number; available: number };
export type AdminVariant = {
  id: string;
  sku: string;
  title: string;
  options: { color?: string; size?: string };
  priceCents: number;
  currency: string;
  status: 'active' | 'archived';
  position: number;
  stock: WarehouseStock[];
  onHand: number;
  reserved: number;
  available: number;
};
export type AdminProduct = {
  id: string;
  slug: string;
  name: string;
  brand: string;
  description: string;
  status: ProductStatus;
  attributes: Record<string, string>;
  category: { id: string; slug: string; name: string };
  createdAt: Date;
  updatedAt: Date;
  variants: AdminVariant[];
  images: { id: string; url: string; alt: string; variantColor: string | null; position: number }[];
  warehouses: { id: string; code: string; name: string; isDefault: boolean }[];
  activity: { id: number; action: string; at: Date; actorUserId: string | null; actorEmail: string | null; data: Record<string, unknown> }[];
};

/** One product with every variant (archived ones too), its stock per warehouse, images and recent changes. */
export async function getAdminProduct(db: DbOrTx, actor: Actor, productId: string): Promise<AdminProduct | null> {
  assertStaff(actor);
  if (!uuidPattern.test(productId)) return null;
  const [row] = await db
    .select({ product: products, category: { id: categories.id, slug: categories.slug, name: categories.name } })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.id, productId));
  if (!row) return null;
  const [variants, images, allWarehouses, levels, activity] = await Promise.all([
    db.select().from(productVariants).where(eq(productVariants.productId, productId)).orderBy(asc(productVariants.position), asc(productVariants.sku)),
    db.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position), asc(productImages.id)),
    db.select({ id: warehouses.id, code: warehouses.code, name: warehouses.name, isDefault: warehouses.isDefault }).from(warehouses).orderBy(asc(warehouses.priority), asc(warehouses.code)),
    db.execute<{ variant_id: string; warehouse_id: string; on_hand: number; reserved: number }>(sql`
      select l.variant_id, l.warehouse_id, sum(l.on_hand)::int as on_hand, sum(l.reserved)::int as reserved
      from inventory_levels l join product_variants v on v.id = l.variant_id
      where v.product_id = ${productId}
      group by l.variant_id, l.warehouse_id`),
    db.execute<{ id: number; action: string; created_at: Date | string; actor_user_id: string | null; actor_email: string | null; data: Record<string, unknown> }>(sql`
      select a.id, a.action, a.created_at, a.actor_user_id, u.email as actor_email, a.data
      from audit_log a left join users u on u.id = a.actor_user_id
      where a.entity_type = 'product' and a.entity_id = ${productId}
      order by a.created_at desc, a.id desc limit 15`),
  ]);
  const levelOf = new Map(levels.map((l) => [`${l.variant_id}:${l.warehouse_id}`, l]));
  return {
    id: row.product.id,
    slug: row.product.slug,
    name: row.product.name,
    brand: row.product.brand,
    description: row.product.description,
    status: row.product.status,
    attributes: row.product.attributes,
    category: row.category,
    createdAt: row.product.createdAt,
    updatedAt: row.product.updatedAt,
    variants: variants.map((v) => {
      const stock = allWarehouses.map((w) => {
        const level = levelOf.get(`${v.id}:${w.id}`);
        const onHand = level?.on_hand ?? 0;
        const reserved = level?.reserved ?? 0;
        return { warehouseId: w.id, code: w.code, onHand, reserved, available: onHand - reserved };
      });
      return {
        id: v.id,
        sku: v.sku,
        title: v.title,
        options: v.options as { color?: string; size?: string },
        priceCents: v.priceCents,
        currency: v.currency,
        status: v.status,
        position: v.position,
        stock,
        onHand: stock.reduce((s, x) => s + x.onHand, 0),
        reserved: stock.reduce((s, x) => s + x.reserved, 0),
        available: stock.reduce((s, x) => s + x.available, 0),
      };
    }),
    images: images.map((i) => ({ id: i.id, url: i.url, alt: i.alt, variantColor: i.variantColor, position: i.position })),
    warehouses: allWarehouses,
    activity: activity.map((a) => ({ id: Number(a.id), action: a.action, at: new Date(a.created_at), actorUserId: a.actor_user_id, actorEmail: a.actor_email, data: a.data })),
  };
}

/** The warehouses, default first, for forms. */
export async function warehouseOptions(db: DbOrTx) {
  return db
    .select({ id: warehouses.id, code: warehouses.code, name: warehouses.name, isDefault: warehouses.isDefault })
    .from(warehouses)
    .orderBy(desc(warehouses.isDefault), asc(warehouses.priority), asc(warehouses.code));
}
