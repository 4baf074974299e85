import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { hashApiKey } from '@/lib/auth/api-key-hash';
import { verifyPassword } from '@/lib/auth/password';
import { createTestDatabase } from '@/test/db';
import { DEFAULT_SEED, generateDemoShop } from './generate';
import { generateOrderHistory, HISTORY_ORDERS } from './history';
import { seedFingerprint as fingerprint } from './fingerprint';
import { isDatabaseEmpty, seedDemoData } from './index';

describe('demo data', () => {
  it('generates the same shop from the same seed, and a different one from another seed', () => {
    expect(JSON.stringify(generateDemoShop(7))).toBe(JSON.stringify(generateDemoShop(7)));
    expect(JSON.stringify(generateDemoShop(7))).not.toBe(JSON.stringify(generateDemoShop(8)));
  });

  it('generates the same order history from the same seed', () => {
    const shop = generateDemoShop(7);
    expect(JSON.stringify(generateOrderHistory(shop, 7))).toBe(JSON.stringify(generateOrderHistory(generateDemoShop(7), 7)));
    expect(JSON.stringify(generateOrderHistory(shop, 7))).not.toBe(JSON.stringify(generateOrderHistory(generateDemoShop(8), 8)));
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

    it('has a paid order history that leaves the stock untouched and holds nothing', async () => {
      const shop = generateDemoShop(DEFAULT_SEED);
      const levels = (await db.execute(sql`
        select variant_id, warehouse_id, sum(on_hand)::int as on_hand, sum(reserved)::int as reserved
        from inventory_levels group by variant_id, warehouse_id order by variant_id, warehouse_id`)) as unknown as { variant_id: string; warehouse_id: string; on_hand: number; reserved: number }[];
      const expected = shop.stock
        .map((s) => ({ variant_id: s.variantId, warehouse_id: s.warehouseId, on_hand: s.onHand, reserved: 0 }))
        .sort((a, b) => (a.variant_id + a.warehouse_id < b.variant_id + b.warehouse_id ? -1 : 1));
      expect(levels).toEqual(expected);

      const row = await one<{ orders: number; paid: number; delivered: number; shipped_or_confirmed: number; reservations: number; shopper_orders: number; bad_payments: number; bad_subtotals: number; recent: number; oldest_days: number; paid_events: number }>(sql`
        select (select count(*)::int from orders) as orders,
               (select count(*)::int from orders where status in ('confirmed', 'processing', 'shipped', 'delivered')) as paid,
               (select count(*)::int from orders where status = 'delivered') as delivered,
               (select count(*)::int from orders where status in ('shipped', 'confirmed', 'processing')) as shipped_or_confirmed,
               (select count(*)::int from reservations) as reservations,
               (select count(*)::int from orders o join users u on u.id = o.user_id where u.email = 'shopper@example.com') as shopper_orders,
               (select count(*)::int from orders o where not exists (
                  select 1 from payments p where p.order_id = o.id and p.status = 'succeeded' and p.amount_cents = o.total_cents)) as bad_payments,
               (select count(*)::int from orders o where o.subtotal_cents <> (
                  select sum(i.quantity * i.unit_price_cents) from order_items i where i.order_id = o.id)) as bad_subtotals,
               (select count(*)::int from orders where created_at > now() - interval '30 days') as recent,
               (select extract(day from now() - min(created_at))::int from orders) as oldest_days,
               (select count(*)::int from analytics_events where type = 'paid') as paid_events`);
      expect(row).toMatchObject({ orders: HISTORY_ORDERS, paid: HISTORY_ORDERS, reservations: 0, shopper_orders: 0, bad_payments: 0, bad_subtotals: 0, paid_events: HISTORY_ORDERS });
      expect(row.delivered).toBeGreaterThan(HISTORY_ORDERS * 0.8);
      expect(row.shipped_or_confirmed).toBeGreaterThan(0);
      expect(row.recent).toBeGreaterThan(HISTORY_ORDERS / 4);
      expect(row.oldest_days).toBeLessThanOrEqual(60);

      // Each order's timeline runs from placed through paid to its status, in time order.
      const timelines = await one<{ broken: number }>(sql`
        select count(*)::int as broken from orders o where
          (select array_agg(e.to_status::text order by e.id) from order_events e where e.order_id = o.id)
            <> (array['pending_payment', 'confirmed', 'processing', 'shipped', 'delivered'])[1:array_position(array['pending_payment', 'confirmed', 'processing', 'shipped', 'delivered'], o.status::text)]
          or exists (select 1 from order_events a join order_events b on b.order_id = a.order_id and b.id > a.id where a.order_id = o.id and b.created_at < a.created_at)`);
      expect(timelines.broken).toBe(0);
    });

    it('shows clear bought-together pairs from the history right after seeding', async () => {
      const history = generateOrderHistory(generateDemoShop(DEFAULT_SEED), DEFAULT_SEED);
      const bundle = history.bundles[0]!;
      const top = (await db.execute(sql`
        select recommended_product_id as id from recommendations where kind = 'bought_together' and product_id = ${bundle[0]!}
        order by score desc, recommended_product_id limit ${bundle.length - 1}`)) as unknown as { id: string }[];
      expect(top.map((r) => r.id).sort()).toEqual(bundle.slice(1).sort());
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

