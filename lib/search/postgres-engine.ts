/**
 * The default search engine, in PostgreSQL: a weighted tsvector (name, then
 * brand and category, then description) with prefix matching, typo tolerance
 * by correcting unknown words against the catalog's vocabulary (pg_trgm),
 * and disjunctive facet counts: each facet is counted with every filter but
 * its own, so it says what choosing a value would leave.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { prefixTsQuery, tokenize } from './query-text';
import {
  FACETS,
  PRICE_RANGES,
  type Facet,
  type FacetCounts,
  type SearchDocument,
  type SearchEngine,
  type SearchFilters,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from './types';

type HitRow = {
  product_id: string;
  item_id: string;
  slug: string;
  name: string;
  brand: string;
  category: string;
  price_cents: number;
  currency: string;
  in_stock: boolean;
  image_url: string | null;
  total: number;
};

const list = (values: readonly string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

export class PostgresSearchEngine implements SearchEngine {
  readonly name = 'postgres' as const;

  constructor(private readonly db: DbOrTx) {}

  /** The tables and indexes come with the migrations. */
  async prepare(): Promise<void> {}

  async search(request: SearchRequest): Promise<SearchResult> {
    const tokens = await this.meaningful(tokenize(request.query));
    const result = await this.run(request, tokens);
    if (result.total > 0 || tokens.length === 0) return { ...result, didYouMean: null };
    const corrected = await this.correct(tokens);
    if (!corrected) return { ...result, didYouMean: null };
    const retry = await this.run(request, corrected);
    return { ...retry, didYouMean: retry.total > 0 ? corrected.join(' ') : null };
  }

  /** Drops words the text search ignores ("the", "and"), which would otherwise match nothing. */
  private async meaningful(tokens: string[]): Promise<string[]> {
    if (tokens.length === 0) return tokens;
    const rows = await this.db.execute<{ i: number; n: number }>(sql`
      select i::int, numnode(to_tsquery('english', t || ':*'))::int as n from unnest(${list(tokens)}) with ordinality as x(t, i)`);
    return tokens.filter((_, index) => (rows.find((r) => r.i === index + 1)?.n ?? 0) > 0);
  }

  private async run(request: SearchRequest, tokens: string[]): Promise<Omit<SearchResult, 'didYouMean'>> {
    const text = tokens.length > 0 ? sql`to_tsquery('english', ${prefixTsQuery(tokens)})` : null;
    const phrase = tokens.join(' ');
    const { documents, variants } = conditions(request.filters, text);
    // The cheapest matching variant of each product, computed only where the order needs it.
    const cheapest = sql`(select min(v.price_cents) from search_variants v where v.product_id = d.product_id and ${variants})`;
    const order: Record<SearchRequest['sort'], SQL> = {
      relevance: text
        ? sql`(lower(d.name) = ${phrase}) desc, ts_rank_cd(d.search_vector, ${text}) desc, d.created_at desc, d.product_id`
        : sql`d.created_at desc, d.product_id`,
      price: sql`${cheapest} asc, d.product_id`,
      '-price': sql`${cheapest} desc, d.product_id`,
      newest: sql`d.created_at desc, d.product_id`,
    };
    const offset = (request.page - 1) * request.limit;
    const pageOfProducts = this.db.execute<{ product_id: string }>(sql`
      select d.product_id from search_documents d
      where ${documents} and exists (select 1 from search_variants v where v.product_id = d.product_id and ${variants})
      order by ${order[request.sort]}
      limit ${request.limit} offset ${offset}`);
    const [page, { facets, total }] = await Promise.all([pageOfProducts, this.facets(request.filters, text)]);
    const rows =
      page.length === 0
        ? []
        : await this.db.execute<HitRow>(sql`
            select d.product_id, best.variant_id as item_id, d.slug, d.name, d.brand,
                   d.category_slugs[array_length(d.category_slugs, 1)] as category,
                   best.price_cents, best.currency, stock.in_stock, coalesce(best.image_url, d.image_url) as image_url
            from search_documents d
            cross join lateral (
              select v.variant_id, v.price_cents, v.currency, v.image_url from search_variants v
              where v.product_id = d.product_id and ${variants} order by v.price_cents, v.variant_id limit 1
            ) best
            cross join lateral (
              select bool_or(v.in_stock) as in_stock from search_variants v where v.product_id = d.product_id and ${variants}
            ) stock
            where d.product_id in (${sql.join(page.map((p) => sql`${p.product_id}::uuid`), sql`, `)})`);
    const position = new Map(page.map((p, i) => [p.product_id, i]));
    const hits = [...rows].sort((a, b) => position.get(a.product_id)! - position.get(b.product_id)!).map(toHit);
    return { hits, facets, total, page: request.page, limit: request.limit };
  }

  /**
   * Each facet counted with all filters except its own — in one statement: the
   * matching variants are read once, each filter becomes a flag, and each
   * facet's counts take the rows where every other flag holds.
   */
  private async facets(filters: SearchFilters, text: SQL | null): Promise<{ facets: FacetCounts; total: number }> {
    const flags = filterFlags(filters);
    const others = (facet: Facet) => {
      const kept = FACETS.filter((f) => f !== facet && flags[f]).map((f) => sql.raw(`f_${f}`));
      return kept.length ? sql.join(kept, sql` and `) : sql`true`;
    };
    const priceKey = sql`case ${sql.join(PRICE_RANGES.map((r) => sql`when price_cents >= ${r.from} and price_cents < ${r.to} then ${r.key}`), sql` `)} end`;
    const everyFlag = FACETS.filter((f) => flags[f]).map((f) => sql.raw(`f_${f}`));
    // Counting distinct products per value hashes large sets: give this statement the memory to do it in RAM.
    const rows = await this.db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`);
      return tx.execute<{ facet: Facet | '_total'; value: string | null; n: number }>(sql`
      with base as materialized (
        select v.product_id, v.color, v.size, v.price_cents, v.in_stock, d.brand, d.category_slugs,
               ${sql.join(FACETS.map((f) => sql`${flags[f] ?? sql`true`} as ${sql.raw(`f_${f}`)}`), sql`, `)}
        from search_variants v join search_documents d on d.product_id = v.product_id
        where ${text ? sql`d.search_vector @@ ${text}` : sql`true`} and ${rangeConditions(filters)}
      ), per_product as (
        select product_id, bool_or(in_stock) as in_stock from base where ${others('in_stock')} group by product_id
      )
      select 'category' as facet, slug as value, count(*)::int as n
        from (select distinct slug, product_id from base, unnest(category_slugs) slug where ${others('category')}) x group by slug
      union all select 'brand', brand, count(*)::int from (select distinct brand, product_id from base where ${others('brand')}) x group by brand
      union all select 'color', color, count(*)::int from (select distinct color, product_id from base where ${others('color')} and color is not null) x group by color
      union all select 'size', size, count(*)::int from (select distinct size, product_id from base where ${others('size')} and size is not null) x group by size
      union all select 'price', key, count(*)::int from (select distinct ${priceKey} as key, product_id from base where ${others('price')}) x group by key
      union all select 'in_stock', case when in_stock then 'true' else 'false' end, count(*)::int from per_product group by 2
      union all select '_total', null, count(*)::int from (select distinct product_id from base where ${everyFlag.length ? sql.join(everyFlag, sql` and `) : sql`true`}) x`);
    });
    const counts = Object.fromEntries(FACETS.map((f) => [f, {} as Record<string, number>])) as FacetCounts;
    let total = 0;
    for (const row of rows) {
      if (row.facet === '_total') total = row.n;
      else if (row.value !== null) counts[row.facet][row.value] = row.n;
    }
    return { facets: counts, total };
  }

  /**
   * Replaces each word the catalog does not know (not even as a prefix) with
   * the closest word it does, when one is close enough; null when nothing changed.
   */
  private async correct(tokens: string[]): Promise<string[] | null> {
    const corrected = await Promise.all(
      tokens.map(async (token) => {
        const [known] = await this.db.execute<{ ok: number }>(sql`select 1 as ok from search_words where word like ${`${token.replace(/[\\%_]/g, '\\$&')}%`} limit 1`);
        if (known) return token;
        const [closest] = await this.db.execute<{ word: string }>(sql`
          select word from search_words where word % ${token} order by similarity(word, ${token}) desc, word limit 1`);
        return closest?.word ?? token;
      }),
    );
    return corrected.some((word, i) => word !== tokens[i]) ? corrected : null;
  }

  /** Product names containing every word typed (trigram index), closest first. */
  async suggest(prefix: string, limit: number): Promise<string[]> {
    const tokens = tokenize(prefix);
    if (tokens.length === 0) return [];
    const patterns = tokens.map((t) => `%${t.replace(/[\\%_]/g, '\\$&')}%`);
    const rows = await this.db.execute<{ name: string }>(sql`
      select d.name from search_documents d
      where d.name ilike all (${list(patterns)})
      order by (lower(d.name) like ${`${tokens.join(' ')}%`}) desc, similarity(d.name, ${prefix}) desc, d.name
      limit ${limit * 2}`);
    return [...new Set(rows.map((r) => r.name))].slice(0, limit);
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const docs = documents.map((d) => ({
      product_id: d.productId,
      slug: d.slug,
      name: d.name,
      brand: d.brand,
      description: d.description,
      category_slugs: d.categorySlugs,
      category_names: d.categoryNames.join(' '),
      image_url: d.imageUrl,
      created_at: d.createdAt.toISOString(),
    }));
    const variants = documents.flatMap((d) =>
      d.variants.map((v) => ({
        variant_id: v.variantId, product_id: d.productId, color: v.color, size: v.size, price_cents: v.priceCents,
        currency: v.currency, in_stock: v.available > 0, image_url: v.imageUrl,
      })),
    );
    const words = [...new Set(documents.flatMap((d) => tokenize([d.name, d.brand, ...d.categoryNames, ...d.variants.map((v) => v.color ?? '')].join(' '))))];
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into search_documents (product_id, slug, name, brand, category_slugs, image_url, search_vector, created_at)
        select product_id, slug, name, brand, category_slugs, image_url,
               setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', brand || ' ' || category_names), 'B')
                 || setweight(to_tsvector('english', description), 'C'),
               created_at
        from jsonb_to_recordset(${JSON.stringify(docs)}::jsonb) as x(product_id uuid, slug text, name text, brand text, description text,
             category_slugs text[], category_names text, image_url text, created_at timestamptz)
        on conflict (product_id) do update set slug = excluded.slug, name = excluded.name, brand = excluded.brand,
          category_slugs = excluded.category_slugs, image_url = excluded.image_url, search_vector = excluded.search_vector,
          created_at = excluded.created_at`);
      await tx.execute(sql`delete from search_variants where product_id in (select (x->>'product_id')::uuid from jsonb_array_elements(${JSON.stringify(docs)}::jsonb) x)`);
      if (variants.length > 0) {
        await tx.execute(sql`
          insert into search_variants (variant_id, product_id, color, size, price_cents, currency, in_stock, image_url)
          select * from jsonb_to_recordset(${JSON.stringify(variants)}::jsonb)
            as x(variant_id uuid, product_id uuid, color text, size text, price_cents int, currency char(3), in_stock boolean, image_url text)`);
      }
      if (words.length > 0) {
        await tx.execute(sql`insert into search_words (word) select unnest(${list(words)}) on conflict do nothing`);
      }
    });
  }

  async remove(productIds: readonly string[]): Promise<void> {
    if (productIds.length === 0) return;
    await this.db.execute(sql`delete from search_documents where product_id in (${sql.join(productIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
}

/** Each facet's own filter as an SQL condition over a joined variant (v) and document (d); absent when unfiltered. */
function filterFlags(filters: SearchFilters): Partial<Record<Facet, SQL>> {
  const flags: Partial<Record<Facet, SQL>> = {};
  if (filters.category?.length) flags.category = sql`d.category_slugs && ${list(filters.category)}`;
  if (filters.brand?.length) flags.brand = sql`d.brand = any(${list(filters.brand)})`;
  if (filters.color?.length) flags.color = sql`v.color = any(${list(filters.color)})`;
  if (filters.size?.length) flags.size = sql`v.size = any(${list(filters.size)})`;
  if (filters.price?.length) {
    const ranges = PRICE_RANGES.filter((r) => filters.price!.includes(r.key));
    flags.price = sql`(${sql.join(ranges.map((r) => sql`(v.price_cents >= ${r.from} and v.price_cents < ${r.to})`), sql` or `)})`;
  }
  if (filters.inStock) flags.in_stock = sql`v.in_stock`;
  return flags;
}

/** The price bounds, which are filters but not facets. */
function rangeConditions(filters: SearchFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.priceMin !== undefined) parts.push(sql`v.price_cents >= ${filters.priceMin}`);
  if (filters.priceMax !== undefined) parts.push(sql`v.price_cents <= ${filters.priceMax}`);
  return sql.join(parts, sql` and `);
}

/** WHERE clauses for documents (d) and variants (v), leaving out `exclude`'s own filter. */
function conditions(filters: SearchFilters, text: SQL | null, exclude?: Facet): { documents: SQL; variants: SQL } {
  const documents: SQL[] = [sql`true`];
  const variants: SQL[] = [sql`true`];
  if (text) documents.push(sql`d.search_vector @@ ${text}`);
  if (filters.category?.length && exclude !== 'category') documents.push(sql`d.category_slugs && ${list(filters.category)}`);
  if (filters.brand?.length && exclude !== 'brand') documents.push(sql`d.brand = any(${list(filters.brand)})`);
  if (filters.color?.length && exclude !== 'color') variants.push(sql`v.color = any(${list(filters.color)})`);
  if (filters.size?.length && exclude !== 'size') variants.push(sql`v.size = any(${list(filters.size)})`);
  if (filters.price?.length && exclude !== 'price') {
    const ranges = PRICE_RANGES.filter((r) => filters.price!.includes(r.key));
    variants.push(sql`(${sql.join(ranges.map((r) => sql`(v.price_cents >= ${r.from} and v.price_cents < ${r.to})`), sql` or `)})`);
  }
  if (filters.inStock && exclude !== 'in_stock') variants.push(sql`v.in_stock`);
  if (filters.priceMin !== undefined) variants.push(sql`v.price_cents >= ${filters.priceMin}`);
  if (filters.priceMax !== undefined) variants.push(sql`v.price_cents <= ${filters.priceMax}`);
  return { documents: sql.join(documents, sql` and `), variants: sql.join(variants, sql` and `) };
}

function toHit(row: HitRow): SearchHit {
  return {
    productId: row.product_id,
    itemId: row.item_id,
    slug: row.slug,
    name: row.name,
    brand: row.brand,
    category: row.category,
    priceCents: row.price_cents,
    currency: row.currency,
    inStock: row.in_stock,
    imageUrl: row.image_url,
  };
}
