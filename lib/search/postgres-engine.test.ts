import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { parseFilters, parseSearchParams } from './params';
import { PostgresSearchEngine } from './postgres-engine';
import type { SearchFilters, SearchRequest } from './types';

const db = getDb();
const engine = new PostgresSearchEngine(db);
const search = (query: string, filters: SearchFilters = {}, extra: Partial<SearchRequest> = {}) =>
  engine.search({ query, filters, sort: 'relevance', page: 1, limit: 20, ...extra });

/** Products matching by SQL written independently of the engine (the oracle for counts). */
async function countProducts(where: ReturnType<typeof sql>): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(distinct p.id)::int as n
    from products p join product_variants v on v.product_id = p.id and v.status = 'active'
    join categories c on c.id = p.category_id left join categories parent on parent.id = c.parent_id
    left join lateral (select coalesce(sum(l.on_hand - l.reserved), 0) as available from inventory_levels l where l.variant_id = v.id) s on true
    where p.status = 'active' and ${where}`);
  return row!.n;
}

describe('PostgreSQL search', () => {
  it('ranks an exact title match first', async () => {
    const [product] = await db.execute<{ name: string; id: string }>(sql`select name, id from products order by slug limit 1 offset 17`);
    const result = await search(product!.name);
    expect(result.hits[0]?.productId).toBe(product!.id);
  });

  it('finds a product despite a one-letter typo, and says what it searched for instead', async () => {
    const result = await search('sneakrs');
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits.some((h) => /Sneaker/.test(h.name))).toBe(true);
    expect(result.didYouMean).toBe('sneakers');
    const typo = await search('hodie');
    expect(typo.hits.some((h) => /Hoodie/.test(h.name))).toBe(true);
  });

  it('matches prefixes as the shopper types', async () => {
    const result = await search('sneak');
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((h) => /sneak/i.test(h.name) || h.category.includes('sneak'))).toBe(true);
  });

  it('filters by category (including subcategories), brand, colour, size, price and stock, each alone and combined', async () => {
    const cases: [SearchFilters, ReturnType<typeof sql>][] = [
      [{ category: ['footwear'] }, sql`(c.slug = 'footwear' or parent.slug = 'footwear')`],
      [{ category: ['sneakers'] }, sql`c.slug = 'sneakers'`],
      [{ brand: ['Halden'] }, sql`p.brand = 'Halden'`],
      [{ color: ['Red'] }, sql`v.options->>'color' = 'Red'`],
      [{ size: ['M'] }, sql`v.options->>'size' = 'M'`],
      [{ price: ['50-100'] }, sql`v.price_cents >= 5000 and v.price_cents < 10000`],
      [{ inStock: true }, sql`s.available > 0`],
      [{ priceMax: 3000 }, sql`v.price_cents <= 3000`],
      [{ color: ['Red'], size: ['M'] }, sql`v.options->>'color' = 'Red' and v.options->>'size' = 'M'`],
      [{ category: ['clothing'], color: ['Black', 'Navy'], inStock: true }, sql`(c.slug = 'clothing' or parent.slug = 'clothing') and v.options->>'color' in ('Black', 'Navy') and s.available > 0`],
      [{ brand: ['Stride', 'Arclight'], price: ['100-200'], size: ['42'] }, sql`p.brand in ('Stride', 'Arclight') and v.price_cents >= 10000 and v.price_cents < 20000 and v.options->>'size' = '42'`],
    ];
    for (const [filters, where] of cases) {
      const result = await search('', filters, { limit: 100 });
      expect(result.total, JSON.stringify(filters)).toBe(await countProducts(where));
    }
  });

  it('counts each facet value as what choosing it would leave, given the other filters', async () => {
    const result = await search('', { category: ['clothing'], color: ['Red'] });
    // Colour counts ignore the colour filter itself but keep the category.
    for (const [color, count] of Object.entries(result.facets.color)) {
      expect(count, color).toBe(await countProducts(sql`(c.slug = 'clothing' or parent.slug = 'clothing') and v.options->>'color' = ${color}`));
    }
    // Brand counts keep both the category and the colour.
    for (const [brand, count] of Object.entries(result.facets.brand)) {
      expect(count, brand).toBe(await countProducts(sql`(c.slug = 'clothing' or parent.slug = 'clothing') and v.options->>'color' = 'Red' and p.brand = ${brand}`));
    }
    expect(result.facets.category.clothing).toBe(await countProducts(sql`v.options->>'color' = 'Red' and (c.slug = 'clothing' or parent.slug = 'clothing')`));
    expect(Object.keys(result.facets.price).length).toBeGreaterThan(0);
    expect(result.facets.in_stock.true).toBe(await countProducts(sql`(c.slug = 'clothing' or parent.slug = 'clothing') and v.options->>'color' = 'Red' and s.available > 0`));
  });

  it('pages through everything by price without duplicates or gaps, in a stable order', async () => {
    for (const sort of ['price', '-price', 'newest'] as const) {
      const seen: string[] = [];
      const prices: number[] = [];
      let total = 0;
      for (let page = 1; page < 40; page++) {
        const result = await search('', {}, { sort, page, limit: 17 });
        total = result.total;
        if (result.hits.length === 0) break;
        seen.push(...result.hits.map((h) => h.productId));
        prices.push(...result.hits.map((h) => h.priceCents));
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      expect(total).toBe(await countProducts(sql`true`));
      if (sort === 'price') expect(prices).toEqual([...prices].sort((a, b) => a - b));
      if (sort === '-price') expect(prices).toEqual([...prices].sort((a, b) => b - a));
    }
  });

  it('answers the cheapest variant matching the filters as the item', async () => {
    const result = await search('', { color: ['Red'], size: ['M'] }, { limit: 5 });
    for (const hit of result.hits) {
      const [variant] = await db.execute<{ color: string; size: string }>(sql`select options->>'color' as color, options->>'size' as size from product_variants where id = ${hit.itemId}`);
      expect(variant).toEqual({ color: 'Red', size: 'M' });
    }
  });

  it('takes hostile queries in its stride: results or nothing, never an error', async () => {
    const hostile = ["'", '"', '\\', '%', '_', "'); drop table products; --", "a' or '1'='1", '<script>alert(1)</script>', 'ñandú 😀 中文', '!!! & | : * ( )', 'x'.repeat(200), 'the and of'];
    for (const query of hostile) {
      const result = await search(query);
      expect(Array.isArray(result.hits), query).toBe(true);
    }
    const [{ n }] = (await db.execute(sql`select count(*)::int as n from products`)) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(200);
  });

  it('suggests product names for a prefix', async () => {
    const suggestions = await engine.suggest('hoo', 6);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((s) => /hoo/i.test(s))).toBe(true);
    expect(await engine.suggest('%', 6)).toEqual([]);
  });
});

describe('search parameters', () => {
  it('reads field:value filters and refuses anything else with a 400 naming filter', () => {
    expect(parseFilters(['category:footwear', 'color:Red', 'color:Blue', 'in_stock:true', 'price_min:1000', 'price:50-100'])).toEqual({
      category: ['footwear'], color: ['Red', 'Blue'], inStock: true, priceMin: 1000, price: ['50-100'],
    });
    for (const bad of ['nope', 'colour:Red', 'price_min:ten', 'price_min:-5', 'in_stock:maybe', 'price:cheap', 'brand:', `brand:${'x'.repeat(101)}`]) {
      expect(() => parseFilters([bad]), bad).toThrow(expect.objectContaining({ status: 400, details: { fields: { filter: expect.any(String) } } }));
    }
    expect(() => parseSearchParams(new URLSearchParams({ query: 'x'.repeat(10_000) }))).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => parseSearchParams(new URLSearchParams({ sort: 'cheapest' }))).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => parseSearchParams(new URLSearchParams({ limit: '1000' }))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
