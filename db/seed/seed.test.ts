import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { hashApiKey } from '@/lib/auth/api-key-hash';
import { verifyPassword } from '@/lib/auth/password';
import { createTestDatabase } from '@/test/db';
import { generateDemoShop } from './generate';
import { isDatabaseEmpty, seedDemoData } from './index';

/** A digest of everything the seed writes except salted hashes and clock-stamped columns. */
async function fingerprint(db: Db): Promise<string> {
  const queries = [
    sql`select id, parent_id, slug, name, description, position from categories order by id`,
    sql`select id, slug, name, brand, description, category_id, status, featured, attributes, created_at from products order by id`,
    sql`select id, product_id, sku, title, options, price_cents, currency, position, status from product_variants order by id`,
    sql`select id, product_id, variant_color, url, alt, position from product_images order by id`,
    sql`select variant_id, warehouse_id, bucket, on_hand, reserved from inventory_levels order by variant_id, warehouse_id, bucket`,
    sql`select id, code, name, supplier_id, is_default, priority from warehouses order by id`,
    sql`select id, name, email from suppliers order by id`,
    sql`select id, email, name, role from users order by id`,
    sql`select key_hash, user_id, prefix from api_keys order by key_hash`,
    sql`select code, kind, value, min_subtotal_cents, usage_limit, starts_at, ends_at from promotions order by code`,
  ];
  const hash = createHash('sha256');
  for (const query of queries) hash.update(JSON.stringify(await db.execute(query)));
  return hash.digest('hex');
}

describe('demo data', () => {
  it('generates the same shop from the same seed, and a different one from another seed', () => {
    expect(JSON.stringify(generateDemoShop(7))).toBe(JSON.stringify(generateDemoShop(7)));
    expect(JSON.stringify(generateDemoShop(7))).not.toBe(JSON.stringify(generateDemoShop(8)));
  });

  it('writes identical databases on two separate seedings', async () => {
    const first = await createTestDatabase('empty');
    const second = await createTestDatabase('empty');
    try {
      expect(await isDatabaseEmpty(first.db)).toBe(true);
      await seedDemoData(first.db);
      await seedDemoData(second.db);
      expect(await isDatabaseEmpty(first.db)).toBe(false);
      expect(await fingerprint(first.db)).toBe(await fingerprint(second.db));
    } finally {
      await first.drop();
      await second.drop();
    }
  });

  describe('the seeded shop (this file’s database)', async () => {
    const { getDb } = await import('@/db/client');
    const db = getDb();
    const one = async <T>(query: ReturnType<typeof sql>) => (await db.execute(query))[0] as T;

    it('has at least 200 active products in at least 8 categories, some nested', async () => {
      const counts = await one<{ products: number; categories: number; nested: number; brands: number }>(sql`
        select (select count(*)::int from products where status = 'active') as products,
               (select count(*)::int from categories) as categories,
               (select count(*)::int from categories where parent_id is not null) as nested,
               (select count(distinct brand)::int from products) as brands`);
      expect(counts.products).toBeGreaterThanOrEqual(200);
      expect(counts.categories).toBeGreaterThanOrEqual(8);
      expect(counts.nested).toBeGreaterThan(0);
      expect(counts.brands).toBeGreaterThanOrEqual(10);
    });

    it('has variants with sizes and colours, prices in cents, and images served locally', async () => {
      const row = await one<{ sized: number; coloured: number; bad_prices: number; remote_images: number; products_without_image: number }>(sql`
        select (select count(*)::int from product_variants where options ? 'size') as sized,
               (select count(*)::int from product_variants where options ? 'color') as coloured,
               (select count(*)::int from product_variants where price_cents <= 0) as bad_prices,
               (select count(*)::int from product_images where url !~ '^/') as remote_images,
               (select count(*)::int from products p where not exists (select 1 from product_images i where i.product_id = p.id)) as products_without_image`);
      expect(row.sized).toBeGreaterThan(100);
      expect(row.coloured).toBeGreaterThan(100);
      expect(row.bad_prices).toBe(0);
      expect(row.remote_images).toBe(0);
      expect(row.products_without_image).toBe(0);
    });

    it('stocks two warehouses with suppliers, including low-stock and sold-out variants', async () => {
      const row = await one<{ warehouses: number; with_supplier: number; sold_out: number; low: number; plenty: number }>(sql`
        with available as (
          select v.id, coalesce(sum(l.on_hand - l.reserved), 0) as units
          from product_variants v left join inventory_levels l on l.variant_id = v.id group by v.id)
        select (select count(*)::int from warehouses) as warehouses,
               (select count(*)::int from warehouses where supplier_id is not null) as with_supplier,
               (select count(*)::int from available where units = 0) as sold_out,
               (select count(*)::int from available where units between 1 and 5) as low,
               (select count(*)::int from available where units > 5) as plenty`);
      expect(row.warehouses).toBe(2);
      expect(row.with_supplier).toBe(2);
      expect(row.sold_out).toBeGreaterThan(0);
      expect(row.low).toBeGreaterThan(0);
      expect(row.plenty).toBeGreaterThan(row.sold_out + row.low);
    });

    it('records the opening stock as inventory movements', async () => {
      const row = await one<{ levels: number; moved: number }>(sql`
        select (select coalesce(sum(on_hand), 0)::int from inventory_levels) as levels,
               (select coalesce(sum(delta_on_hand), 0)::int from inventory_movements) as moved`);
      expect(row.moved).toBe(row.levels);
    });

    it('creates the demo accounts of API.md with hashed passwords and API keys', async () => {
      const users = (await db.execute(sql`select email, role, password_hash from users order by email`)) as unknown as {
        email: string; role: string; password_hash: string;
      }[];
      const shopper = users.find((u) => u.email === 'shopper@example.com');
      const merchant = users.find((u) => u.email === 'merchant@example.com');
      expect(shopper?.role).toBe('customer');
      expect(merchant?.role).toBe('merchant');
      expect(shopper?.password_hash).not.toContain('shopper-password');
      expect(await verifyPassword('shopper-password', shopper!.password_hash)).toBe(true);
      expect(await verifyPassword('wrong-password', shopper!.password_hash)).toBe(false);

      const keys = (await db.execute(sql`select k.key_hash, u.email from api_keys k join users u on u.id = k.user_id`)) as unknown as {
        key_hash: string; email: string;
      }[];
      expect(keys).toContainEqual({ key_hash: hashApiKey('sw_test_shopper_demo'), email: 'shopper@example.com' });
      expect(keys).toContainEqual({ key_hash: hashApiKey('sw_test_merchant_demo'), email: 'merchant@example.com' });
      expect(JSON.stringify(keys)).not.toContain('sw_test_');
    });
  });
});

