import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { descendantIds, fetchCategoryTree, fetchItem, fetchListing, fetchProduct, fetchProductIdBySlug, findCategoryPath } from './queries';
import { stockLabel } from './stock-label';

const db = getDb();

describe('category tree', () => {
  it('nests leaf categories under their parents and finds paths', async () => {
    const tree = await fetchCategoryTree(db);
    expect(tree.length).toBeGreaterThanOrEqual(8);
    const path = findCategoryPath(tree, (node) => node.slug === 'sneakers');
    expect(path?.map((node) => node.slug)).toEqual(['footwear', 'sneakers']);
    const footwear = path![0]!;
    expect(descendantIds(footwear)).toHaveLength(1 + footwear.children.length);
  });
});

describe('listings', () => {
  it('pages through a category without duplicates or gaps', async () => {
    const tree = await fetchCategoryTree(db);
    const clothing = findCategoryPath(tree, (node) => node.slug === 'clothing')!.at(-1)!;
    const ids = descendantIds(clothing);
    const [{ count }] = (await db.execute(sql`
      select count(*)::int as count from products
      where status = 'active' and category_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`)) as unknown as [{ count: number }];

    for (const sort of ['featured', 'newest', 'price_asc', 'price_desc'] as const) {
      const seen: string[] = [];
      let total = 0;
      for (let page = 1; page < 20; page++) {
        const listing = await fetchListing(db, { categoryIds: ids, sort, page, limit: 7 });
        total = listing.total;
        if (listing.items.length === 0) break;
        seen.push(...listing.items.map((item) => item.id));
      }
      expect(total).toBe(count);
      expect(seen).toHaveLength(count);
      expect(new Set(seen).size).toBe(count);
    }
  });

  it('sorts by lowest variant price, both ways', async () => {
    const asc = await fetchListing(db, { categoryIds: null, sort: 'price_asc', page: 1, limit: 50 });
    const prices = asc.items.map((item) => item.priceMinCents);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const desc = await fetchListing(db, { categoryIds: null, sort: 'price_desc', page: 1, limit: 50 });
    const descPrices = desc.items.map((item) => item.priceMinCents);
    expect(descPrices).toEqual([...descPrices].sort((a, b) => b - a));
    expect(descPrices[0]).toBeGreaterThan(prices[0]!);
  });

  it('reports availability equal to on_hand minus reserved across warehouses', async () => {
    const listing = await fetchListing(db, { categoryIds: null, sort: 'newest', page: 1, limit: 30 });
    for (const item of listing.items) {
      const [{ units }] = (await db.execute(sql`
        select coalesce(sum(l.on_hand - l.reserved), 0)::int as units
        from inventory_levels l join product_variants v on v.id = l.variant_id
        where v.product_id = ${item.id}`)) as unknown as [{ units: number }];
      expect(item.available).toBe(units);
    }
  });

  it('answers past the last page with no items and the true total', async () => {
    const listing = await fetchListing(db, { categoryIds: null, sort: 'newest', page: 999, limit: 24 });
    expect(listing.items).toEqual([]);
    expect(listing.total).toBeGreaterThanOrEqual(200);
  });

  it('hides draft products', async () => {
    const first = (await fetchListing(db, { categoryIds: null, sort: 'newest', page: 1, limit: 1 })).items[0]!;
    await db.execute(sql`update products set status = 'draft' where id = ${first.id}`);
    try {
      const after = await fetchListing(db, { categoryIds: null, sort: 'newest', page: 1, limit: 5 });
      expect(after.items.map((item) => item.id)).not.toContain(first.id);
      expect(await fetchProductIdBySlug(db, first.slug)).toBeNull();
      expect(await fetchProduct(db, first.id)).toBeNull();
    } finally {
      await db.execute(sql`update products set status = 'active' where id = ${first.id}`);
    }
  });
});

describe('product detail', () => {
  it('returns variants with options, prices and stock, images and the breadcrumb', async () => {
    const [row] = (await db.execute(sql`
      select p.id, p.slug from products p join categories c on c.id = p.category_id where c.slug = 't-shirts' order by p.slug limit 1`)) as unknown as [{ id: string; slug: string }];
    expect(await fetchProductIdBySlug(db, row.slug)).toBe(row.id);
    const product = (await fetchProduct(db, row.id))!;
    expect(product.breadcrumb.map((crumb) => crumb.slug)).toEqual(['clothing', 't-shirts']);
    expect(product.images.length).toBeGreaterThan(1);
    expect(product.variants.length).toBeGreaterThan(1);
    for (const variant of product.variants) {
      expect(variant.options).toHaveProperty('size');
      expect(variant.options).toHaveProperty('color');
      expect(Number.isInteger(variant.priceCents)).toBe(true);
      const [{ units }] = (await db.execute(sql`
        select coalesce(sum(on_hand - reserved), 0)::int as units from inventory_levels where variant_id = ${variant.id}`)) as unknown as [{ units: number }];
      expect(variant.available).toBe(units);
    }
  });

  it('returns null for an unknown slug', async () => {
    expect(await fetchProductIdBySlug(db, 'no-such-product')).toBeNull();
  });
});

describe('items (REST view of a variant)', () => {
  it('shows a variant with its product, category, merged attributes and available stock', async () => {
    const [row] = (await db.execute(sql`
      select v.id, v.sku, v.price_cents, v.product_id from product_variants v where v.options ? 'size' order by v.sku limit 1`)) as unknown as [
      { id: string; sku: string; price_cents: number; product_id: string },
    ];
    await db.execute(sql`update inventory_levels set reserved = 1 where variant_id = ${row.id} and on_hand > 0`);
    const [{ units }] = (await db.execute(sql`
      select coalesce(sum(on_hand - reserved), 0)::int as units from inventory_levels where variant_id = ${row.id}`)) as unknown as [{ units: number }];
    const item = (await fetchItem(db, row.id))!;
    expect(item).toMatchObject({ item_id: row.id, product_id: row.product_id, sku: row.sku, price_cents: row.price_cents, currency: 'USD', stock: units });
    expect(item.attributes).toHaveProperty('size');
    expect(item.attributes).toHaveProperty('brand');
    expect(typeof item.category).toBe('string');
  });

  it('returns null for an unknown variant', async () => {
    expect(await fetchItem(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

describe('stock labels', () => {
  it('says sold out at zero, only N left at or below the threshold, in stock above it', () => {
    expect(stockLabel(0, 5)).toEqual({ state: 'sold_out', text: 'Sold out' });
    expect(stockLabel(-2, 5).state).toBe('sold_out');
    expect(stockLabel(1, 5)).toEqual({ state: 'low_stock', text: 'Only 1 left' });
    expect(stockLabel(5, 5)).toEqual({ state: 'low_stock', text: 'Only 5 left' });
    expect(stockLabel(6, 5)).toEqual({ state: 'in_stock', text: 'In stock' });
  });
});
