import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, productVariants, products } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { AuthUser } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import { stockOf } from '@/test/stock';
import { createProduct } from './admin-products';
import { CsvSyntaxError, csvCell, exportProductsCsv, importProductsCsv, MAX_IMPORT_ROWS, parseCsv, toCsv } from './csv';

const db = getDb();
const userOf = async (email: string): Promise<AuthUser> => {
  const [row] = await db.execute<AuthUser>(sql`select id, email, name, role from users where email = ${email}`);
  return row!;
};
const merchant = await userOf('merchant@example.com');
const shopper = await userOf('shopper@example.com');
const [leaf] = await db.execute<{ slug: string }>(sql`select slug from categories where parent_id is not null order by slug limit 1`);
const category = leaf!.slug;
let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

const HEADER = 'product_slug,name,brand,category_slug,status,description,sku,color,size,price_cents,currency,stock_EU-AMS,stock_US-EWR';

describe('parseCsv (RFC 4180)', () => {
  it('reads plain, quoted and escaped cells, commas and line breaks inside quotes, CRLF, LF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","line 1\r\nline 2"\n1,,3\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'line 1\r\nline 2'],
      ['1', '', '3'],
    ]);
  });

  it('keeps empty records and trailing empty cells, and needs no final line break', () => {
    expect(parseCsv('a,\n\n"",b')).toEqual([['a', ''], [''], ['', 'b']]);
    expect(parseCsv('one')).toEqual([['one']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a\rb\r')).toEqual([['a'], ['b']]);
  });

  it('keeps a quote inside an unquoted cell as written', () => {
    expect(parseCsv('5" screen,x')).toEqual([['5" screen', 'x']]);
  });

  it('names the row of an unclosed quote or of text after a closing quote', () => {
    const unclosed = (() => { try { parseCsv('a\nb\n"never closed,\nmore'); } catch (e) { return e; } })();
    expect(unclosed).toBeInstanceOf(CsvSyntaxError);
    expect((unclosed as CsvSyntaxError).row).toBe(3);
    const junk = (() => { try { parseCsv('a\n"x"y,z'); } catch (e) { return e; } })();
    expect(junk).toBeInstanceOf(CsvSyntaxError);
    expect((junk as CsvSyntaxError).row).toBe(2);
  });
});

describe('toCsv', () => {
  it('quotes what must be quoted and round-trips through parseCsv', () => {
    const rows = [['plain', 'a,b', 'say "hi"', 'two\nlines', ' padded ', ''], ['1', '2', '3', '4', '5', '6']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
    expect(toCsv([['a', 1]])).toBe('a,1\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(1999)).toBe('1999');
  });
});

describe('exportProductsCsv', () => {
  it('writes one row per variant on sale with stock per warehouse, hostile cells neutralised', async () => {
    const id = unique();
    const created = await createProduct(db, merchant, {
      name: `=cmd|' /C calc'!A0 ${id}`,
      brand: '@evil',
      description: 'Commas, "quotes"\nand lines',
      category,
      variants: [{ sku: `HOST-${id}`, options: { color: 'Red' }, priceCents: 1234, stock: [{ warehouseId: (await warehouse('EU-AMS')), quantity: 9 }] }],
    });
    const { csv, rows } = await exportProductsCsv(db, merchant);
    const records = parseCsv(csv);
    expect(records[0]!.join(',')).toBe(HEADER);
    const [variantCount] = await db.execute<{ n: number }>(sql`select count(*)::int as n from product_variants where status = 'active'`);
    expect(rows).toBe(variantCount!.n);
    expect(records).toHaveLength(rows + 1);
    const row = records.find((r) => r[6] === `HOST-${id}`)!;
    expect(row).toEqual([created.slug, `'=cmd|' /C calc'!A0 ${id}`, "'@evil", category, 'draft', 'Commas, "quotes"\nand lines', `HOST-${id}`, 'Red', '', '1234', 'USD', '9', '0']);
    expect(csv).not.toMatch(/(^|,)[=@]/m);
    await expect(exportProductsCsv(db, shopper)).rejects.toMatchObject({ status: 403 });
  });

  it('exports only what the list filters pick', async () => {
    const id = unique();
    await createProduct(db, merchant, { name: `Filter ${id}`, category, variants: [{ sku: `FLT-${id}`, priceCents: 100 }] });
    const { csv, rows } = await exportProductsCsv(db, merchant, { q: `Filter ${id}` });
    expect(rows).toBe(1);
    expect(parseCsv(csv)[1]![6]).toBe(`FLT-${id}`);
  });
});

async function warehouse(code: string): Promise<string> {
  const [row] = await db.execute<{ id: string }>(sql`select id from warehouses where code = ${code}`);
  return row!.id;
}

describe('importProductsCsv', () => {
  it('dry run: reports every bad row by row number and field, and writes nothing', async () => {
    const id = unique();
    const [existing] = await db.select({ sku: productVariants.sku }).from(productVariants).limit(1);
    const csv = [
      HEADER,
      `new-${id},Good Product,Acme,${category},active,Fine,GOOD-${id}-1,Red,M,2500,USD,5,`,
      `new-${id},Good Product,Acme,${category},active,Fine,GOOD-${id}-2,Blue,M,2500,USD,,1`,
      `bad-${id},Bad Price,Acme,${category},draft,,BAD-${id}-1,,,12.50,USD,,`,
      `bad2-${id},Bad Category,Acme,nowhere,draft,,BAD-${id}-2,,,100,USD,-3,`,
      `new-${id},Good Product,Acme,${category},active,Fine,GOOD-${id}-1,Green,M,2500,USD,,`,
      `other-${id},Steals SKU,Acme,${category},draft,,${existing!.sku},,,100,USD,,`,
      `too-few,cells`,
      `new-${id},Other Name,Acme,${category},active,Fine,GOOD-${id}-3,Red,L,2500,EUR,,`,
    ].join('\r\n');
    const report = await importProductsCsv(db, merchant, { csv, mode: 'dry_run' });
    expect(report.applied).toBe(false);
    const errors = report.errors.map((e) => `${e.row}:${e.field}`);
    expect(errors).toEqual(
      expect.arrayContaining(['4:price_cents', '5:category_slug', '5:stock_EU-AMS', '6:sku', '7:sku', '8:row', '9:name', '9:currency']),
    );
    expect(report.errors.find((e) => e.row === 6)!.message).toMatch(/also on row 2/);
    expect(report.summary.rows).toBe(8);
    expect(await db.select().from(products).where(eq(products.slug, `new-${id}`))).toEqual([]);
  });

  it('reports header problems on row 1', async () => {
    const report = await importProductsCsv(db, merchant, { csv: 'product_slug,name,sku,price_cents,stock_MARS,colour\nx,y,z,1,,\n', mode: 'dry_run' });
    const errors = report.errors.map((e) => `${e.row}:${e.field}`);
    expect(errors).toEqual(expect.arrayContaining(['1:stock_MARS', '1:colour', '1:category_slug']));
  });

  it('reports a broken quote with its row', async () => {
    const report = await importProductsCsv(db, merchant, { csv: `${HEADER}\nslug,"Unclosed,b`, mode: 'dry_run' });
    expect(report.errors).toEqual([{ row: 2, field: 'file', message: expect.stringMatching(/never closed/) }]);
  });

  it('apply: writes every row in one transaction — products, variants, prices and stock', async () => {
    const id = unique();
    const existing = await createProduct(db, merchant, {
      name: `Existing ${id}`, category, status: 'active',
      variants: [{ sku: `EX-${id}`, options: { size: 'S' }, priceCents: 1000, stock: [{ warehouseId: await warehouse('EU-AMS'), quantity: 4 }] }],
    });
    const csv = toCsv([
      HEADER.split(','),
      [`imp-${id}`, 'Imported Lamp', 'Lumen', category, 'active', 'Bright, warm light', `IMP-${id}-1`, 'White', '', '3999', 'USD', '12', '3'],
      [`imp-${id}`, 'Imported Lamp', 'Lumen', category, 'active', 'Bright, warm light', `IMP-${id}-2`, 'Black', '', '3999', 'usd', '', ''],
      [existing.slug, `Existing ${id}`, '', category, '', '', `EX-${id}`, '', 'S', '1500', 'USD', '6', ''],
    ]);
    const dry = await importProductsCsv(db, merchant, { csv, mode: 'dry_run' });
    expect(dry.errors).toEqual([]);
    expect(dry.summary).toMatchObject({ rows: 3, productsCreated: 1, variantsCreated: 2, variantsUpdated: 1, stockChanges: 3 });

    const applied = await importProductsCsv(db, merchant, { csv, mode: 'apply' });
    expect(applied.applied).toBe(true);
    const [lamp] = await db.select().from(products).where(eq(products.slug, `imp-${id}`));
    expect(lamp).toMatchObject({ name: 'Imported Lamp', brand: 'Lumen', status: 'active', description: 'Bright, warm light' });
    const variants = await db.select().from(productVariants).where(eq(productVariants.productId, lamp!.id)).orderBy(productVariants.position);
    expect(variants.map((v) => [v.sku, v.title, v.priceCents, v.currency])).toEqual([
      [`IMP-${id}-1`, 'White', 3999, 'USD'],
      [`IMP-${id}-2`, 'Black', 3999, 'USD'],
    ]);
    expect((await stockOf(db, variants[0]!.id)).onHand).toBe(15);
    expect((await stockOf(db, variants[1]!.id)).onHand).toBe(0);
    const [updated] = await db.select().from(productVariants).where(eq(productVariants.sku, `EX-${id}`));
    expect(updated!.priceCents).toBe(1500);
    expect((await stockOf(db, updated!.id)).onHand).toBe(6);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'catalog.imported'));
    expect(audit).toMatchObject({ actorUserId: merchant.id });

    // The same file again changes nothing.
    const again = await importProductsCsv(db, merchant, { csv, mode: 'dry_run' });
    expect(again.summary).toMatchObject({ productsCreated: 0, productsUpdated: 0, variantsCreated: 0, variantsUpdated: 0, stockChanges: 0, unchanged: 3 });
  });

  it('prices follow the one price rule: negative and over 1,000,000.00 are refused naming price_cents', async () => {
    const id = unique();
    const row = (n: number, price: string) => `prc-${id},Priced,,${category},draft,,PRC-${id}-${n},C${n},,${price},USD,,`;
    const report = await importProductsCsv(db, merchant, { csv: [HEADER, row(1, '-500'), row(2, '100000001'), row(3, '0')].join('\n'), mode: 'dry_run' });
    expect(report.errors).toEqual([
      { row: 2, field: 'price_cents', message: expect.stringMatching(/cannot be negative/) },
      { row: 3, field: 'price_cents', message: expect.stringMatching(/1,000,000\.00/) },
    ]);
  });

  it('apply is all-or-nothing: one bad row and nothing is written', async () => {
    const id = unique();
    const csv = [HEADER, `aon-${id},Fine,,${category},draft,,AON-${id}-1,,,100,USD,1,`, `aon-${id},Fine,,${category},draft,,AON-${id}-2,Red,,abc,USD,,`].join('\n');
    const report = await importProductsCsv(db, merchant, { csv, mode: 'apply' });
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([{ row: 3, field: 'price_cents', message: expect.any(String) }]);
    expect(await db.select().from(products).where(eq(products.slug, `aon-${id}`))).toEqual([]);
  });

  it('will not set stock below what open orders reserved', async () => {
    const id = unique();
    const created = await createProduct(db, merchant, {
      name: `Reserved ${id}`, category, status: 'active',
      variants: [{ sku: `RSV-${id}`, priceCents: 500, stock: [{ warehouseId: await warehouse('EU-AMS'), quantity: 5 }] }],
    });
    await placeOrder(db, { userId: shopper.id, email: shopper.email, lines: [{ variantId: created.variantIds[0]!, quantity: 3 }] });
    const csv = [HEADER, `${created.slug},Reserved ${id},,${category},,,RSV-${id},,,500,USD,2,`].join('\n');
    const report = await importProductsCsv(db, merchant, { csv, mode: 'apply' });
    expect(report.errors).toEqual([{ row: 2, field: 'stock_EU-AMS', message: 'cannot be 2: open orders have reserved 3' }]);
    expect(await stockOf(db, created.variantIds[0]!)).toMatchObject({ onHand: 5, reserved: 3 });
  });

  it('round-trips its own export without a change', async () => {
    const { csv } = await exportProductsCsv(db, merchant);
    const report = await importProductsCsv(db, merchant, { csv, mode: 'dry_run' });
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ productsCreated: 0, productsUpdated: 0, variantsCreated: 0, variantsUpdated: 0, stockChanges: 0 });
    expect(report.summary.unchanged).toBe(report.summary.rows);
  });

  it('rejects huge files, too many rows, non-UTF-8 bytes and customers with a clear message', async () => {
    const big = await rejectionOf(importProductsCsv(db, merchant, { csv: `${HEADER}\n${'x'.repeat(2 * 1024 * 1024)}`, mode: 'dry_run' }));
    expect(big.status).toBe(400);
    expect(big.message).toMatch(/at most 2 MB/);
    const many = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `p-${i},N,,${category},,,S-${i},,,1,USD,,`)].join('\n');
    const tooMany = await rejectionOf(importProductsCsv(db, merchant, { csv: many, mode: 'dry_run' }));
    expect(tooMany.message).toMatch(/at most 5,000/);
    expect(tooMany.details).toMatchObject({ fields: { file: expect.any(String) } });
    const latin1 = await rejectionOf(importProductsCsv(db, merchant, { csv: new Uint8Array([0x61, 0xe9, 0x0a]), mode: 'dry_run' }));
    expect(latin1.message).toMatch(/UTF-8/);
    expect((await rejectionOf(importProductsCsv(db, shopper, { csv: HEADER, mode: 'dry_run' }))).status).toBe(403);
  });

  it('accepts exactly the row limit', async () => {
    const rows = [HEADER, ...Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `lim-${i},N,,${category},,,LIM-${i},,,1,USD,,`)].join('\n');
    const report = await importProductsCsv(db, merchant, { csv: rows, mode: 'dry_run' });
    expect(report.summary.rows).toBe(MAX_IMPORT_ROWS);
    expect(report.errors.filter((e) => e.field !== 'size' && e.field !== 'color')).toEqual([]);
  });
});

async function rejectionOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}
