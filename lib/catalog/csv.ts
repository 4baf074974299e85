/**
 * Products as CSV: export one row per variant, and import with a dry run that
 * reports every error per row (row number as a spreadsheet shows it, field,
 * message) before anything is written. Applying is all-or-nothing: with any
 * error nothing is written; otherwise every row is written in one transaction.
 *
 * Columns: product_slug, name, brand, category_slug, status, description, sku,
 * color, size, price_cents, currency, stock_<warehouse code>… (units on hand).
 */
import { inArray, sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { categories, productVariants, products, warehouses } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import { emit, emitAll } from '@/lib/events/outbox';
import type { DomainEvent } from '@/lib/events/types';
import { setOnHand } from '@/lib/inventory/adjust';
import {
  MAX_STOCK,
  PRODUCT_STATUSES,
  SKU_PATTERN,
  SLUG_PATTERN,
  listAdminProducts,
  productListQuerySchema,
  variantTitle,
  type Actor,
  type ProductStatus,
} from './admin-products';
import { priceCentsSchema } from './price';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

// ---------------------------------------------------------------------------
// RFC 4180
// ---------------------------------------------------------------------------

export class CsvSyntaxError extends Error {
  constructor(
    /** The record (spreadsheet row) where the problem is, 1-based. */
    readonly row: number,
    message: string,
  ) {
    super(`Row ${row}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export class CsvTooManyRowsError extends Error {
  constructor(readonly maxRecords: number) {
    super(`The file has more than ${maxRecords} rows`);
    this.name = 'CsvTooManyRowsError';
  }
}

/**
 * Parses CSV text into records of cells: quoted cells may hold commas, quotes
 * (doubled) and line breaks; records end with CRLF, LF or CR; a BOM and one
 * final line break are ignored. A quote inside an unquoted cell is kept as is.
 * `maxRecords` stops early (throwing) instead of reading a huge file to the end.
 */
export function parseCsv(text: string, options: { maxRecords?: number } = {}): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let inQuotes = false;
  let quoteRow = 0;
  let cellStarted = false; // anything read for this record yet (so "a\n\nb" keeps its empty record)
  const n = text.length;
  const endRecord = () => {
    record.push(cell);
    records.push(record);
    if (options.maxRecords !== undefined && records.length > options.maxRecords) {
      throw new CsvTooManyRowsError(options.maxRecords);
    }
    record = [];
    cell = '';
    cellStarted = false;
  };
  while (i < n) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(records.length + 1, 'a quoted cell must end at a comma or the end of the line (write a quote inside quotes as "")');
        }
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === ',') {
      record.push(cell);
      cell = '';
      cellStarted = true;
      i++;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else if (c === '"' && cell === '') {
      // Only a quote that opens a cell starts a quoted cell; `5" screen` stays as written.
      inQuotes = true;
      quoteRow = records.length + 1;
      cellStarted = true;
      i++;
    } else {
      cell += c;
      cellStarted = true;
      i++;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(quoteRow, 'a quoted cell is never closed (a " is missing)');
  if (cellStarted || cell !== '' || record.length > 0) endRecord();
  return records;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell for a spreadsheet: formulas are neutralised with a leading ', and the cell quoted when it must be. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Undoes csvCell's neutralising quote on import ('=SUM… → =SUM…, kept as plain text). */
function unneutralise(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

export const BASE_COLUMNS = ['product_slug', 'name', 'brand', 'category_slug', 'status', 'description', 'sku', 'color', 'size', 'price_cents', 'currency'] as const;

/** Every variant on sale (of every product, or those the list filters pick), one row each, stock as units on hand per warehouse. */
export async function exportProductsCsv(db: DbOrTx, actor: Actor, filters: unknown = {}): Promise<{ csv: string; rows: number }> {
  assertStaff(actor);
  const parsed = productListQuerySchema.parse(filters ?? {});
  const hasFilters = Boolean(parsed.q || parsed.status || parsed.category || parsed.lowStock);
  let productIds: string[] | null = null;
  if (hasFilters) {
    productIds = [];
    for (let page = 1; ; page++) {
      const list = await listAdminProducts(db, actor, { ...parsed, page, limit: 100 });
      productIds.push(...list.items.map((p) => p.id));
      if (page >= list.pageCount) break;
    }
  }
  const allWarehouses = await db.select({ id: warehouses.id, code: warehouses.code }).from(warehouses).orderBy(warehouses.priority, warehouses.code);
  const rows = await db.execute<{
    product_slug: string; name: string; brand: string; category_slug: string; status: string; description: string;
    variant_id: string; sku: string; color: string | null; size: string | null; price_cents: number; currency: string;
    stock: Record<string, number> | null;
  }>(sql`
    select p.slug as product_slug, p.name, p.brand, c.slug as category_slug, p.status, p.description,
           v.id as variant_id, v.sku, v.options->>'color' as color, v.options->>'size' as size, v.price_cents, v.currency,
           (select jsonb_object_agg(w.warehouse_id, w.on_hand) from (
              select l.warehouse_id, sum(l.on_hand)::int as on_hand from inventory_levels l where l.variant_id = v.id group by l.warehouse_id
            ) w) as stock
    from products p
    join categories c on c.id = p.category_id
    join product_variants v on v.product_id = p.id and v.status = 'active'
    ${productIds ? (productIds.length ? sql`where p.id in (${sql.join(productIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`where false`) : sql``}
    order by p.slug, v.position, v.sku`);
  const header = [...BASE_COLUMNS, ...allWarehouses.map((w) => `stock_${w.code}`)];
  const body = rows.map((r) => [
    r.product_slug, r.name, r.brand, r.category_slug, r.status, r.description, r.sku, r.color ?? '', r.size ?? '', r.price_cents, r.currency,
    ...allWarehouses.map((w) => r.stock?.[w.id] ?? 0),
  ]);
  return { csv: toCsv([header, ...body]), rows: body.length };
}

// ---------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------

export type ImportIssue = { row: number; field: string; message: string };
export type ImportSummary = {
  rows: number;
  productsCreated: number;
  productsUpdated: number;
  variantsCreated: number;
  variantsUpdated: number;
  stockChanges: number;
  unchanged: number;
};
export type ImportReport = {
  mode: 'dry_run' | 'apply';
  /** True only when the rows were written (apply mode, no errors). */
  applied: boolean;
  errors: ImportIssue[];
  /** Errors past the first 500 are counted, not listed. */
  moreErrors: number;
  summary: ImportSummary;
  warehouses: string[];
};

const MAX_LISTED_ERRORS = 500;
const REQUIRED = ['product_slug', 'sku', 'name', 'category_slug', 'price_cents'] as const;
const LIMITS: Record<string, number> = { product_slug: 120, name: 200, brand: 100, category_slug: 200, description: 5000, sku: 64, color: 40, size: 40, status: 20, currency: 10, price_cents: 20 };

type Row = {
  row: number;
  slug: string;
  name: string;
  brand: string | null;
  categorySlug: string;
  status: ProductStatus | null;
  description: string | null;
  sku: string;
  options: Record<string, string>;
  priceCents: number;
  currency: string | null;
  /** warehouse id → new units on hand */
  stock: Map<string, number>;
};

type ProductPlan = {
  slug: string;
  firstRow: number;
  existing: { id: string; name: string; brand: string; categoryId: string; status: ProductStatus; description: string } | null;
  name: string;
  brand: string | null;
  categoryId: string;
  status: ProductStatus | null;
  description: string | null;
  rows: Row[];
};

class Issues {
  list: ImportIssue[] = [];
  count = 0;
  add(row: number, field: string, message: string) {
    this.count++;
    if (this.list.length < MAX_LISTED_ERRORS) this.list.push({ row, field, message });
  }
}

/** Bytes or text; 400 naming `file` when it is too big, not UTF-8, or has too many rows. */
function decode(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (bytes === 0) throw fileError('is empty');
  if (bytes > MAX_IMPORT_BYTES) throw fileError(`is ${(bytes / 1024 / 1024).toFixed(1)} MB: at most 2 MB per import (split it into several files)`);
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw fileError('is not UTF-8 text: save it as “CSV UTF-8” and try again');
  }
}

const fileError = (message: string) => new ApiError(400, 'invalid_request', `The file ${message}`, { fields: { file: message } });

/**
 * Checks (mode `dry_run`) or writes (mode `apply`) a products CSV. Rows are keyed
 * by SKU: an unknown SKU adds a variant (and its product, by product_slug, when
 * new); a known one is updated. Blank brand, status, description or stock cells
 * leave what is there; blank colour/size mean none. Stock cells set units on
 * hand (never below what open orders reserved). All-or-nothing.
 */
export async function importProductsCsv(db: DbOrTx, actor: Actor, input: { csv: string | Uint8Array; mode: 'dry_run' | 'apply' }): Promise<ImportReport> {
  assertStaff(actor);
  const text = decode(input.csv);
  let records: string[][];
  try {
    records = parseCsv(text, { maxRecords: MAX_IMPORT_ROWS + 1 });
  } catch (error) {
    if (error instanceof CsvTooManyRowsError) throw fileError(`has more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows: at most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} per import (split it into several files)`);
    if (!(error instanceof CsvSyntaxError)) throw error;
    return report(input.mode, false, [{ row: error.row, field: 'file', message: error.message.replace(/^Row \d+: /, '') }], 1, emptySummary(0), []);
  }
  const mode = input.mode;
  return inTransaction(db, async (tx) => {
    if (mode === 'apply') {
      // One import at a time: two would race on the same new slugs and SKUs.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('catalog-import'))`);
    }
    const plan = await planImport(tx, records);
    if (plan.issues.count > 0 || mode === 'dry_run') {
      return report(mode, false, plan.issues.list, plan.issues.count, plan.summary, plan.warehouseCodes);
    }
    await applyPlan(tx, actor!, plan);
    return report(mode, true, [], 0, plan.summary, plan.warehouseCodes);
  });
}

function emptySummary(rows: number): ImportSummary {
  return { rows, productsCreated: 0, productsUpdated: 0, variantsCreated: 0, variantsUpdated: 0, stockChanges: 0, unchanged: 0 };
}

function report(mode: ImportReport['mode'], applied: boolean, errors: ImportIssue[], count: number, summary: ImportSummary, codes: string[]): ImportReport {
  errors = [...errors].sort((a, b) => a.row - b.row);
  return { mode, applied, errors, moreErrors: Math.max(0, count - errors.length), summary, warehouses: codes };
}

type Plan = Awaited<ReturnType<typeof planImport>>;

async function planImport(tx: DbOrTx, records: string[][]) {
  const issues = new Issues();
  const [header = [], ...data] = records;
  const allWarehouses = await tx.select({ id: warehouses.id, code: warehouses.code }).from(warehouses);
  const warehouseByCode = new Map(allWarehouses.map((w) => [w.code.toLowerCase(), w]));

  // The header: known columns, stock_<code> for known warehouses, nothing twice, the required ones present.
  const columns = new Map<string, number>();
  const stockColumns: { index: number; warehouseId: string; code: string }[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === '') return issues.add(1, `column ${index + 1}`, 'has no name');
    if (columns.has(name)) return issues.add(1, raw.trim(), 'appears twice in the header');
    columns.set(name, index);
    if (name.startsWith('stock_')) {
      const warehouse = warehouseByCode.get(name.slice('stock_'.length));
      if (!warehouse) return issues.add(1, raw.trim(), `no warehouse has the code ${raw.trim().slice(6)} (known: ${allWarehouses.map((w) => w.code).join(', ')})`);
      stockColumns.push({ index, warehouseId: warehouse.id, code: warehouse.code });
    } else if (!(BASE_COLUMNS as readonly string[]).includes(name)) {
      issues.add(1, raw.trim(), `is not a column we know (use ${BASE_COLUMNS.join(', ')}, stock_<warehouse code>)`);
    }
  });
  for (const name of REQUIRED) if (!columns.has(name)) issues.add(1, name, 'is a required column and is missing');
  const warehouseCodes = stockColumns.map((s) => s.code);
  const nonEmpty = data.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0 && issues.count === 0) issues.add(2, 'file', 'has no product rows under the header');
  if (issues.count > 0) return { issues, summary: emptySummary(nonEmpty.length), warehouseCodes, products: [] as ProductPlan[], existingVariants: new Map<string, ExistingVariant>(), levels: new Map<string, Level>() };

  const categoryRows = await tx.select({ id: categories.id, slug: categories.slug }).from(categories);
  const categoryBySlug = new Map(categoryRows.map((c) => [c.slug, c.id]));

  // Cells → typed rows, each problem named by row and column.
  const get = (cells: string[], name: string) => {
    const index = columns.get(name);
    return index === undefined ? '' : unneutralise((cells[index] ?? '').trim());
  };
  const rows: Row[] = [];
  for (const { cells, row } of nonEmpty) {
    const before = issues.count;
    if (cells.length !== header.length) {
      issues.add(row, 'row', `has ${cells.length} cells but the header has ${header.length} (a comma or quote may be missing)`);
      continue;
    }
    for (const [name, max] of Object.entries(LIMITS)) {
      if (get(cells, name).length > max) issues.add(row, name, `is longer than ${max} characters`);
    }
    for (const name of REQUIRED) if (get(cells, name) === '') issues.add(row, name, 'is required');
    const slug = get(cells, 'product_slug').toLowerCase();
    if (slug && !SLUG_PATTERN.test(slug)) issues.add(row, 'product_slug', 'use lowercase letters, digits and single dashes, e.g. linen-shirt');
    const sku = get(cells, 'sku');
    if (sku && !SKU_PATTERN.test(sku)) issues.add(row, 'sku', 'use letters, digits, dots, dashes, underscores or slashes (no spaces)');
    const categorySlug = get(cells, 'category_slug').toLowerCase();
    if (categorySlug && !categoryBySlug.has(categorySlug)) issues.add(row, 'category_slug', `no category has the slug “${categorySlug.slice(0, 60)}”`);
    const statusText = get(cells, 'status').toLowerCase();
    if (statusText && !(PRODUCT_STATUSES as readonly string[]).includes(statusText)) issues.add(row, 'status', 'must be draft, active or archived');
    const priceText = get(cells, 'price_cents');
    const priceCents = /^-?\d+$/.test(priceText) ? Number(priceText) : NaN;
    const price = priceCentsSchema.safeParse(priceCents);
    if (priceText && !price.success) {
      const why = Number.isSafeInteger(priceCents) ? price.error.issues[0]!.message : 'must be a whole number of cents, e.g. 1999 for 19.99';
      issues.add(row, 'price_cents', `${why} (got “${priceText.slice(0, 20)}”)`);
    }
    const currency = get(cells, 'currency').toUpperCase();
    if (currency && !/^[A-Z]{3}$/.test(currency)) issues.add(row, 'currency', 'must be a 3-letter code such as USD');
    const stock = new Map<string, number>();
    for (const column of stockColumns) {
      const value = unneutralise((cells[column.index] ?? '').trim());
      if (value === '') continue;
      const quantity = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(quantity) || quantity > MAX_STOCK) issues.add(row, `stock_${column.code}`, 'must be a whole number of units, 0 or more');
      else stock.set(column.warehouseId, quantity);
    }
    if (issues.count > before) continue;
    const options: Record<string, string> = {};
    if (get(cells, 'color')) options.color = get(cells, 'color');
    if (get(cells, 'size')) options.size = get(cells, 'size');
    rows.push({
      row, slug, sku, options, priceCents, stock,
      name: get(cells, 'name'),
      brand: columns.has('brand') && get(cells, 'brand') !== '' ? get(cells, 'brand') : null,
      categorySlug,
      status: (statusText || null) as ProductStatus | null,
      description: columns.has('description') && get(cells, 'description') !== '' ? get(cells, 'description') : null,
      currency: currency || null,
    });
  }

  // What is there already: categories, products by slug, variants by SKU (with the stock they hold).
  const slugs = [...new Set(rows.map((r) => r.slug))];
  const skus = [...new Set(rows.map((r) => r.sku))];
  const skuSet = new Set(skus);
  const existingProducts = new Map<string, NonNullable<ProductPlan['existing']>>();
  for (const chunk of chunks(slugs, 1000)) {
    const found = await tx
      .select({ id: products.id, slug: products.slug, name: products.name, brand: products.brand, categoryId: products.categoryId, status: products.status, description: products.description })
      .from(products)
      .where(inArray(products.slug, chunk));
    for (const p of found) existingProducts.set(p.slug, p);
  }
  const existingVariants = new Map<string, ExistingVariant>();
  for (const chunk of chunks(skus, 1000)) {
    const found = await tx
      .select({ id: productVariants.id, sku: productVariants.sku, productId: productVariants.productId, options: productVariants.options, priceCents: productVariants.priceCents, currency: productVariants.currency, status: productVariants.status, productSlug: products.slug })
      .from(productVariants)
      .innerJoin(products, sql`${products.id} = ${productVariants.productId}`)
      .where(inArray(productVariants.sku, chunk));
    for (const v of found) existingVariants.set(v.sku, { ...v, options: v.options as Record<string, string> });
  }
  const productIds = [...existingProducts.values()].map((p) => p.id);
  // Active variants of the products in the file that the file does not mention: for option and currency checks.
  const otherVariants = new Map<string, { sku: string; options: Record<string, string>; currency: string }[]>();
  for (const chunk of chunks(productIds, 1000)) {
    const found = await tx
      .select({ productId: productVariants.productId, sku: productVariants.sku, options: productVariants.options, currency: productVariants.currency, status: productVariants.status })
      .from(productVariants)
      .where(inArray(productVariants.productId, chunk));
    for (const v of found) {
      if (v.status !== 'active' || skuSet.has(v.sku)) continue;
      const list = otherVariants.get(v.productId) ?? [];
      list.push({ sku: v.sku, options: v.options as Record<string, string>, currency: v.currency });
      otherVariants.set(v.productId, list);
    }
  }
  const levels = new Map<string, Level>();
  const variantIds = [...existingVariants.values()].map((v) => v.id);
  for (const chunk of chunks(variantIds, 1000)) {
    const found = await tx.execute<{ variant_id: string; warehouse_id: string; on_hand: number; reserved: number }>(sql`
      select variant_id, warehouse_id, sum(on_hand)::int as on_hand, sum(reserved)::int as reserved from inventory_levels
      where variant_id in (${sql.join(chunk.map((id) => sql`${id}::uuid`), sql`, `)}) group by variant_id, warehouse_id`);
    for (const l of found) levels.set(`${l.variant_id}:${l.warehouse_id}`, { onHand: l.on_hand, reserved: l.reserved });
  }

  // Row against row and against the database.
  const plans = new Map<string, ProductPlan>();
  const seenSku = new Map<string, number>();
  const combos = new Map<string, Map<string, number>>();
  const currencyOf = new Map<string, { currency: string; row: number | null }>();
  for (const r of rows) {
    const before = issues.count;
    const firstRow = seenSku.get(r.sku);
    if (firstRow !== undefined) issues.add(r.row, 'sku', `${r.sku} is also on row ${firstRow}: one row per SKU`);
    else seenSku.set(r.sku, r.row);
    const categoryId = categoryBySlug.get(r.categorySlug);
    const existing = existingProducts.get(r.slug) ?? null;
    const variant = existingVariants.get(r.sku);
    if (variant && variant.productSlug !== r.slug) issues.add(r.row, 'sku', `${r.sku} belongs to the product “${variant.productSlug}”, not “${r.slug}”`);

    let plan = plans.get(r.slug);
    if (!plan) {
      plan = { slug: r.slug, firstRow: r.row, existing, name: r.name, brand: r.brand, categoryId: categoryId ?? '', status: r.status, description: r.description, rows: [] };
      plans.set(r.slug, plan);
    } else {
      // Product cells must agree on every row of the product (blank optional cells agree with anything).
      const differs = (field: string, a: string | null, b: string | null) => {
        if (a !== null && b !== null && a !== b) issues.add(r.row, field, `differs from row ${plan!.firstRow} for the same product_slug`);
      };
      differs('name', plan.name, r.name);
      differs('category_slug', plan.categoryId || null, categoryId ?? null);
      differs('brand', plan.brand, r.brand);
      differs('status', plan.status, r.status);
      differs('description', plan.description, r.description);
      plan.brand ??= r.brand;
      plan.status ??= r.status;
      plan.description ??= r.description;
    }

    // Options unique within the product; one currency per product.
    const productKey = existing?.id ?? `new:${r.slug}`;
    let taken = combos.get(productKey);
    if (!taken) {
      taken = new Map((existing ? otherVariants.get(existing.id) ?? [] : []).map((v) => [comboKey(v.options), 0]));
      combos.set(productKey, taken);
    }
    const combo = comboKey(r.options);
    if (taken.has(combo)) {
      const other = taken.get(combo)!;
      issues.add(r.row, Object.keys(r.options).length ? 'color' : 'size', other
        ? `${variantTitle(r.options)} is also on row ${other} of the same product`
        : Object.keys(r.options).length
          ? `the product already has a ${variantTitle(r.options)} variant`
          : 'give each variant of a product a color or a size');
    } else taken.set(combo, r.row);
    const currency = r.currency ?? variant?.currency ?? 'USD';
    const known = currencyOf.get(productKey) ?? (existing && otherVariants.get(existing.id)?.[0] ? { currency: otherVariants.get(existing.id)![0]!.currency, row: null } : null);
    if (known && known.currency !== currency) {
      issues.add(r.row, 'currency', `must be ${known.currency}, like the product’s other variants${known.row ? ` (row ${known.row})` : ''}`);
    } else if (!known) currencyOf.set(productKey, { currency, row: r.row });

    // Stock cannot go below what open orders hold.
    for (const [warehouseId, quantity] of r.stock) {
      const reserved = variant ? levels.get(`${variant.id}:${warehouseId}`)?.reserved ?? 0 : 0;
      if (quantity < reserved) {
        const code = allWarehouses.find((w) => w.id === warehouseId)!.code;
        issues.add(r.row, `stock_${code}`, `cannot be ${quantity}: open orders have reserved ${reserved}`);
      }
    }
    if (issues.count === before) plan.rows.push({ ...r, currency });
  }
  // A product that would be published (or stay live) must keep a variant on sale: every row adds one, so it always does.
  for (const plan of plans.values()) {
    if (!plan.existing && plan.status === null) plan.status = 'draft';
  }

  const summary = emptySummary(nonEmpty.length);
  for (const plan of plans.values()) {
    if (!plan.existing) summary.productsCreated++;
    else if (productChanged(plan)) summary.productsUpdated++;
    for (const r of plan.rows) {
      const variant = existingVariants.get(r.sku);
      let touched = false;
      if (!variant) {
        summary.variantsCreated++;
        touched = true;
      } else if (variantChanged(variant, r)) {
        summary.variantsUpdated++;
        touched = true;
      }
      for (const [warehouseId, quantity] of r.stock) {
        const current = variant ? levels.get(`${variant.id}:${warehouseId}`)?.onHand ?? 0 : 0;
        if (quantity !== current) {
          summary.stockChanges++;
          touched = true;
        }
      }
      if (!touched && !(plan.existing === null || productChanged(plan))) summary.unchanged++;
    }
  }
  return { issues, summary, warehouseCodes, products: [...plans.values()], existingVariants, levels };
}

type ExistingVariant = {
  id: string;
  sku: string;
  productId: string;
  productSlug: string;
  options: Record<string, string>;
  priceCents: number;
  currency: string;
  status: 'active' | 'archived';
};
type Level = { onHand: number; reserved: number };

const comboKey = (options: Record<string, string>) => `${(options.color ?? '').toLowerCase()}\u0000${(options.size ?? '').toLowerCase()}`;

function productChanged(plan: ProductPlan): boolean {
  const e = plan.existing;
  if (!e) return true;
  return (
    e.name !== plan.name ||
    e.categoryId !== plan.categoryId ||
    (plan.brand !== null && e.brand !== plan.brand) ||
    (plan.status !== null && e.status !== plan.status) ||
    (plan.description !== null && e.description !== plan.description)
  );
}

/** The product's own fields the import changes (for `product.updated`). */
function changedFields(plan: ProductPlan): string[] {
  const e = plan.existing;
  if (!e) return ['created'];
  const fields: string[] = [];
  if (e.name !== plan.name) fields.push('name');
  if (e.categoryId !== plan.categoryId) fields.push('category');
  if (plan.brand !== null && e.brand !== plan.brand) fields.push('brand');
  if (plan.status !== null && e.status !== plan.status) fields.push('status');
  if (plan.description !== null && e.description !== plan.description) fields.push('description');
  return fields;
}

function variantChanged(v: ExistingVariant, r: Row): boolean {
  return v.status !== 'active' || v.priceCents !== r.priceCents || v.currency !== r.currency || JSON.stringify(sortKeys(v.options)) !== JSON.stringify(sortKeys(r.options));
}

const sortKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function applyPlan(tx: DbOrTx, actor: NonNullable<Actor>, plan: Plan): Promise<void> {
  const touched: string[] = [];
  const stockOps: { variantId: string; warehouseId: string; quantity: number }[] = [];
  const created: string[] = [];
  const productEvents: DomainEvent[] = [];
  for (const product of plan.products) {
    let productId: string;
    const changes = changedFields(product);
    if (!product.existing) {
      const [row] = await tx
        .insert(products)
        .values({ slug: product.slug, name: product.name, brand: product.brand ?? '', description: product.description ?? '', categoryId: product.categoryId, status: product.status ?? 'draft' })
        .returning({ id: products.id });
      productId = row!.id;
      created.push(product.slug);
    } else {
      productId = product.existing.id;
      if (productChanged(product)) {
        await tx
          .update(products)
          .set({
            name: product.name,
            categoryId: product.categoryId,
            ...(product.brand !== null ? { brand: product.brand } : {}),
            ...(product.status !== null ? { status: product.status } : {}),
            ...(product.description !== null ? { description: product.description } : {}),
            updatedAt: sql`now()`,
          })
          .where(sql`${products.id} = ${productId}`);
      }
    }
    const [{ next } = { next: 0 }] = await tx.execute<{ next: number }>(sql`select coalesce(max(position) + 1, 0)::int as next from product_variants where product_id = ${productId}`);
    let position = next;
    for (const r of product.rows) {
      const existing = plan.existingVariants.get(r.sku);
      let variantId: string;
      if (!existing) {
        const [row] = await tx
          .insert(productVariants)
          .values({ productId, sku: r.sku, title: variantTitle(r.options), options: r.options, priceCents: r.priceCents, currency: r.currency ?? 'USD', position: position++ })
          .returning({ id: productVariants.id });
        variantId = row!.id;
        touched.push(variantId);
        if (product.existing) changes.push('variants');
      } else {
        variantId = existing.id;
        if (variantChanged(existing, r)) {
          changes.push('variants');
          await tx
            .update(productVariants)
            .set({ options: r.options, title: variantTitle(r.options), priceCents: r.priceCents, currency: r.currency ?? existing.currency, status: 'active', updatedAt: sql`now()` })
            .where(sql`${productVariants.id} = ${variantId}`);
        }
        if (variantChanged(existing, r) || productChanged(product)) touched.push(variantId);
      }
      for (const [warehouseId, quantity] of r.stock) {
        const current = existing ? plan.levels.get(`${existing.id}:${warehouseId}`)?.onHand ?? 0 : 0;
        if (quantity !== current) stockOps.push({ variantId, warehouseId, quantity });
      }
    }
    if (changes.length > 0) productEvents.push({ type: 'product.updated', productId, changes: [...new Set(changes)] });
  }
  // Stock last, in the global lock order (variant, warehouse).
  stockOps.sort((a, b) => a.variantId.localeCompare(b.variantId) || a.warehouseId.localeCompare(b.warehouseId));
  for (const op of stockOps) {
    await setOnHand(tx, { ...op, reason: 'CSV import', actorUserId: actor.id });
  }
  await recordAudit(tx, {
    actorUserId: actor.id,
    action: 'catalog.imported',
    entityType: 'catalog',
    entityId: null,
    data: { ...plan.summary, createdProducts: created.slice(0, 200) },
  });
  if (touched.length > 0) {
    for (const chunk of chunks([...new Set(touched)], 500)) await emit(tx, { type: 'inventory.changed', variantIds: chunk });
  }
  await emitAll(tx, productEvents);
}
