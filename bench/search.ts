/**
 * The search benchmark: 100,000 generated products (400,000 variants), a mix
 * of queries with facets, answered by the PostgreSQL engine (tsvector + GIN,
 * disjunctive facets) and by the naive design (ILIKE over the catalog tables,
 * the same filters and facet counts) in the same run.
 */
import { sql as dsql, type SQL } from 'drizzle-orm';
import { connect, type Db } from '@/db/client';
import { PostgresSearchEngine } from '@/lib/search/postgres-engine';
import type { SearchFilters, SearchRequest } from '@/lib/search/types';
import { benchDatabase } from './lib/database';
import { assertCorrect, latencySummary, machine, printTable, writeResults, type Row } from './lib/report';

const PRODUCTS = Number(process.env.BENCH_SEARCH_PRODUCTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 20);

const QUERIES: { label: string; query: string; filters: SearchFilters; sort?: SearchRequest['sort'] }[] = [
  { label: 'one word', query: 'jacket', filters: {} },
  { label: 'two words + colour', query: 'wool jacket', filters: { color: ['Red'] } },
  { label: 'word + size + in stock', query: 'tee', filters: { size: ['M'], inStock: true } },
  { label: 'word, by price', query: 'boot', filters: {}, sort: 'price' },
  { label: 'browse a category', query: '', filters: { category: ['bench-top-1'] } },
  { label: 'prefix', query: 'snea', filters: {} },
  { label: 'brand + price range', query: 'runner', filters: { brand: ['Brand 3', 'Brand 7'], price: ['50-100'] } },
  { label: 'typo', query: 'jackt', filters: {} },
];

async function generateCatalog(db: Db) {
  await db.execute(dsql`
    insert into categories (slug, name, parent_id)
    select 'bench-top-' || t, 'Top ' || t, null from generate_series(1, 4) t`);
  await db.execute(dsql`
    insert into categories (slug, name, parent_id)
    select 'bench-leaf-' || l, 'Leaf ' || l, (select id from categories where slug = 'bench-top-' || (1 + l % 4)) from generate_series(1, 16) l`);
  await db.execute(dsql`
    insert into products (slug, name, brand, description, category_id, status, created_at)
    select 'bp-' || g,
           (array['Classic','Urban','Summit','Harbor','Coastline','Meridian','Drift','Canyon','Aurora','Tidal','Granite','Cedar','Atlas','Ember','Voyager','Solstice','Northwind','Everyday','Alpine','Delta'])[1 + g % 20]
             || ' ' || (array['Wool','Leather','Cotton','Canvas','Linen','Merino','Suede','Denim'])[1 + (g / 20) % 8]
             || ' ' || (array['Jacket','Tee','Boot','Sneaker','Runner','Hoodie','Parka','Chino','Backpack','Cap'])[1 + (g / 160) % 10],
           'Brand ' || (g % 30),
           'A durable everyday piece with reinforced seams, number ' || g,
           (select id from categories where slug = 'bench-leaf-' || (1 + g % 16)),
           'active', now() - (g || ' minutes')::interval
    from generate_series(1, ${PRODUCTS}) g`);
  await db.execute(dsql`
    insert into product_variants (product_id, sku, title, options, price_cents)
    select p.id, p.slug || '-' || k,
           'V' || k,
           jsonb_build_object('color', (array['Red','Blue','Black','White','Green','Navy','Grey','Sand','Olive','Pink'])[1 + (hashtext(p.slug) + k) % 10 + (case when (hashtext(p.slug) + k) % 10 < 0 then 10 else 0 end)],
                              'size', (array['S','M','L','XL'])[1 + k]),
           1000 + abs(hashtext(p.slug || k)) % 29000
    from products p cross join generate_series(0, 3) k where p.slug like 'bp-%'`);
  const [warehouse] = await db.execute<{ id: string }>(dsql`insert into warehouses (code, name) values ('BENCH', 'Bench') returning id`);
  await db.execute(dsql`
    insert into inventory_levels (variant_id, warehouse_id, bucket, on_hand)
    select v.id, ${warehouse!.id}, 0, abs(hashtext(v.sku)) % 4 from product_variants v`);
  // The search index, written the way PostgresSearchEngine.upsert writes it, but set-based for 100,000 products.
  await db.execute(dsql`
    insert into search_documents (product_id, slug, name, brand, category_slugs, image_url, search_vector, created_at)
    select p.id, p.slug, p.name, p.brand, array[parent.slug, c.slug], null,
           setweight(to_tsvector('english', p.name), 'A') || setweight(to_tsvector('english', p.brand || ' ' || parent.name || ' ' || c.name), 'B')
             || setweight(to_tsvector('english', p.description), 'C'),
           p.created_at
    from products p join categories c on c.id = p.category_id join categories parent on parent.id = c.parent_id`);
  await db.execute(dsql`
    insert into search_variants (variant_id, product_id, color, size, price_cents, currency, in_stock)
    select v.id, v.product_id, v.options->>'color', v.options->>'size', v.price_cents, v.currency,
           exists (select 1 from inventory_levels l where l.variant_id = v.id and l.on_hand > l.reserved)
    from product_variants v`);
  await db.execute(dsql`
    insert into search_words (word)
    select distinct w from products p, regexp_split_to_table(lower(p.name || ' ' || p.brand), '[^a-z0-9]+') w where w <> ''
    on conflict do nothing`);
  await db.execute(dsql`analyze`);
}

/** The naive design: ILIKE on the catalog tables, live stock, the same filters and disjunctive facet counts. */
async function naiveSearch(db: Db, request: SearchRequest) {
  const words = request.query.toLowerCase().split(/\s+/).filter(Boolean);
  const where = (exclude?: string): SQL => {
    const parts: SQL[] = words.map((w) => dsql`(p.name ilike ${`%${w}%`} or p.description ilike ${`%${w}%`})`);
    const f = request.filters;
    if (f.category?.length && exclude !== 'category') parts.push(dsql`(c.slug in (${dsql.join(f.category.map((v) => dsql`${v}`), dsql`, `)}) or parent.slug in (${dsql.join(f.category.map((v) => dsql`${v}`), dsql`, `)}))`);
    if (f.brand?.length && exclude !== 'brand') parts.push(dsql`p.brand in (${dsql.join(f.brand.map((v) => dsql`${v}`), dsql`, `)})`);
    if (f.color?.length && exclude !== 'color') parts.push(dsql`v.options->>'color' in (${dsql.join(f.color.map((v) => dsql`${v}`), dsql`, `)})`);
    if (f.size?.length && exclude !== 'size') parts.push(dsql`v.options->>'size' in (${dsql.join(f.size.map((v) => dsql`${v}`), dsql`, `)})`);
    if (f.price?.length && exclude !== 'price') parts.push(dsql`v.price_cents between 5000 and 9999`);
    if (f.inStock && exclude !== 'in_stock') parts.push(dsql`exists (select 1 from inventory_levels l where l.variant_id = v.id and l.on_hand > l.reserved)`);
    return parts.length ? dsql.join(parts, dsql` and `) : dsql`true`;
  };
  const from = dsql`from products p join product_variants v on v.product_id = p.id join categories c on c.id = p.category_id left join categories parent on parent.id = c.parent_id`;
  const order = request.sort === 'price' ? dsql`min(v.price_cents), p.id` : dsql`p.created_at desc, p.id`;
  const queries = [
    db.execute(dsql`select p.id, min(v.price_cents) as price, count(*) over () as total ${from} where ${where()} group by p.id order by ${order} limit ${request.limit}`),
    db.execute(dsql`select c.slug, count(distinct p.id) ${from} where ${where('category')} group by c.slug`),
    db.execute(dsql`select p.brand, count(distinct p.id) ${from} where ${where('brand')} group by p.brand`),
    db.execute(dsql`select v.options->>'color', count(distinct p.id) ${from} where ${where('color')} group by 1`),
    db.execute(dsql`select v.options->>'size', count(distinct p.id) ${from} where ${where('size')} group by 1`),
    db.execute(dsql`select v.price_cents / 2500, count(distinct p.id) ${from} where ${where('price')} group by 1`),
  ];
  const [hits] = await Promise.all(queries);
  return hits;
}

async function measure(run: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function runSearchBenchmark(log: (line: string) => void) {
  const database = await benchDatabase('search', log);
  const { db, sql } = connect(database.url, { max: 8 });
  try {
    log(`generating ${PRODUCTS.toLocaleString('en-US')} products with 4 variants each, and their search index`);
    const started = Date.now();
    await generateCatalog(db);
    log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const engine = new PostgresSearchEngine(db);
    const rows: Row[] = [];
    const all = { stockwise: [] as number[], naive: [] as number[] };
    for (const q of QUERIES) {
      const request: SearchRequest = { query: q.query, filters: q.filters, sort: q.sort ?? 'relevance', page: 1, limit: 24 };
      const first = await engine.search(request);
      assertCorrect(q.label === 'typo' ? first.total > 0 && first.didYouMean !== null : true, `the typo query found nothing`);
      const ours = await measure(() => engine.search(request));
      const naive = await measure(() => naiveSearch(db, request));
      all.stockwise.push(...ours);
      all.naive.push(...naive);
      const o = latencySummary(ours);
      const n = latencySummary(naive);
      rows.push({ query: q.label, hits: first.total, 'stockwise p50': o.p50, 'p95': o.p95, 'p99': o.p99, 'naive p50': n.p50, 'naive p95': n.p95, 'naive p99': n.p99, 'ratio (p50)': `${(n.p50 / o.p50).toFixed(1)}×` });
      log(`${q.label}: stockwise p50 ${o.p50} ms, naive p50 ${n.p50} ms`);
    }
    const o = latencySummary(all.stockwise);
    const n = latencySummary(all.naive);
    rows.push({ query: 'ALL', hits: '', 'stockwise p50': o.p50, p95: o.p95, p99: o.p99, 'naive p50': n.p50, 'naive p95': n.p95, 'naive p99': n.p99, 'ratio (p50)': `${(n.p50 / o.p50).toFixed(1)}×` });
    printTable(`search — ${PRODUCTS.toLocaleString('en-US')} products, ${ROUNDS} runs per query, hits + 6 facet counts each, latency in ms`, rows);
    const file = writeResults('search', { machine: machine(database.postgresVersion), products: PRODUCTS, rounds: ROUNDS, rows });
    log(`wrote ${file}`);
  } finally {
    await sql.end({ timeout: 5 });
    await database.close();
  }
}
