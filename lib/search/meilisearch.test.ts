import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeilisearchEngine } from './meilisearch-engine';
import {
  HIT_ATTRIBUTES,
  buildFilter,
  facetCountsFrom,
  filteredFacets,
  indexSettings,
  quoteFilterValue,
  sortFor,
  toMeiliDocument,
  toSearchHit,
  type MeiliHitDocument,
} from './meilisearch-mapping';
import type { SearchDocument, SearchFilters, SearchRequest } from './types';

const INTEGRATION_HOST = process.env.MEILISEARCH_HOST;

beforeAll(() => {
  if (!INTEGRATION_HOST) console.info('Meilisearch integration test not run: set MEILISEARCH_HOST to run it');
});

const trailRunner: SearchDocument = {
  productId: '00000000-0000-4000-8000-000000000001',
  slug: 'trail-runner',
  name: 'Trail Runner',
  brand: 'Acme',
  description: 'Light shoes for rough trails',
  categorySlugs: ['footwear', 'running-shoes'],
  categoryNames: ['Footwear', 'Running shoes'],
  imageUrl: '/images/trail-runner.png',
  createdAt: new Date('2024-05-01T12:00:00.750Z'),
  variants: [
    { variantId: 'v-red-42', color: 'Red', size: '42', priceCents: 5400, currency: 'EUR', available: 0, imageUrl: null },
    { variantId: 'v-red-43', color: 'Red', size: '43', priceCents: 5600, currency: 'EUR', available: 2, imageUrl: null },
    { variantId: 'v-blue-42', color: 'Blue', size: '42', priceCents: 4900, currency: 'EUR', available: 5, imageUrl: null },
    { variantId: 'v-blue-44', color: 'Blue', size: '44', priceCents: 2400, currency: 'EUR', available: 0, imageUrl: null },
  ],
};

const hitOf = (doc: SearchDocument): MeiliHitDocument => {
  const full = toMeiliDocument(doc);
  return Object.fromEntries(HIT_ATTRIBUTES.map((key) => [key, full[key]])) as MeiliHitDocument;
};

/**
 * Reads `attribute = "value"` back the way Meilisearch's filter parser does
 * (crates/filter-parser/src/value.rs): a backslash skips the next character
 * when looking for the closing quote, `\"` becomes `"`, then `\\` becomes `\`
 * (any other escape is an error there, and would be a bug here).
 */
function parseEquality(expression: string): { attribute: string; value: string } {
  const head = /^([a-z_]+) = "/.exec(expression);
  if (!head) throw new Error(`not an equality: ${expression.slice(0, 60)}`);
  const body = expression.slice(head[0].length);
  let end = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '"') {
      end = i;
      break;
    }
    if (body[i] === '\\') {
      if (i + 1 >= body.length) throw new Error('dangling backslash');
      i++;
    }
  }
  if (end === -1) throw new Error('missing closing quote');
  if (end !== body.length - 1) throw new Error(`text after the value: ${body.slice(end + 1, end + 40)}`);
  const raw = body.slice(0, end).replaceAll('\\"', '"');
  let value = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '\\') {
      value += raw[i];
      continue;
    }
    const next = raw[++i];
    if (next !== '\\' && next !== '"') throw new Error(`unexpected escape \\${next}`);
    value += next;
  }
  return { attribute: head[1]!, value };
}

describe('Meilisearch documents', () => {
  it('flattens a product: distinct colours and sizes, price bounds and ranges, stock, unix seconds', () => {
    const doc = toMeiliDocument({
      ...trailRunner,
      variants: [...trailRunner.variants, { variantId: 'v-plain', color: null, size: null, priceCents: 25000, currency: 'EUR', available: 0, imageUrl: null }],
    });
    expect(doc).toEqual({
      id: trailRunner.productId,
      slug: 'trail-runner',
      name: 'Trail Runner',
      brand: 'Acme',
      description: 'Light shoes for rough trails',
      category_slugs: ['footwear', 'running-shoes'],
      category_names: ['Footwear', 'Running shoes'],
      image_url: '/images/trail-runner.png',
      created_at: 1714564800,
      colors: ['Red', 'Blue'],
      sizes: ['42', '43', '44'],
      price_min: 2400,
      price_max: 25000,
      currency: 'EUR',
      price_ranges: ['under-25', '25-50', '50-100', '200-plus'],
      in_stock: true,
      variants: [
        { id: 'v-red-42', color: 'Red', size: '42', price_cents: 5400, currency: 'EUR', available: 0, image_url: null },
        { id: 'v-red-43', color: 'Red', size: '43', price_cents: 5600, currency: 'EUR', available: 2, image_url: null },
        { id: 'v-blue-42', color: 'Blue', size: '42', price_cents: 4900, currency: 'EUR', available: 5, image_url: null },
        { id: 'v-blue-44', color: 'Blue', size: '44', price_cents: 2400, currency: 'EUR', available: 0, image_url: null },
        { id: 'v-plain', color: null, size: null, price_cents: 25000, currency: 'EUR', available: 0, image_url: null },
      ],
    });
  });

  it('puts a price on a range boundary in the upper range, and marks a product with nothing available out of stock', () => {
    const doc = toMeiliDocument({
      ...trailRunner,
      variants: [{ variantId: 'v', color: null, size: null, priceCents: 2500, currency: 'USD', available: 0, imageUrl: null }],
    });
    expect(doc.price_ranges).toEqual(['25-50']);
    expect(doc.in_stock).toBe(false);
    expect(doc.colors).toEqual([]);
    expect(doc.currency).toBe('USD');
  });
});

describe('Meilisearch filters', () => {
  it('is empty without filters, and ignores inStock: false', () => {
    expect(buildFilter({})).toEqual([]);
    expect(buildFilter({ inStock: false, category: [], brand: [] })).toEqual([]);
    expect(filteredFacets({ inStock: false, color: [] })).toEqual([]);
  });

  it('ANDs one OR-group per filter, on the indexed attributes', () => {
    const filters: SearchFilters = {
      category: ['footwear', 'bags'],
      brand: ['Acme'],
      color: ['Red', 'Blue'],
      size: ['42'],
      price: ['25-50', '50-100'],
      inStock: true,
      priceMin: 1000,
      priceMax: 9000,
    };
    expect(buildFilter(filters)).toEqual([
      ['category_slugs = "footwear"', 'category_slugs = "bags"'],
      ['brand = "Acme"'],
      ['colors = "Red"', 'colors = "Blue"'],
      ['sizes = "42"'],
      ['price_ranges = "25-50"', 'price_ranges = "50-100"'],
      ['in_stock = true'],
      ['price_max >= 1000'],
      ['price_min <= 9000'],
    ]);
    expect(filteredFacets(filters)).toEqual(['category', 'brand', 'color', 'size', 'price', 'in_stock']);
  });

  it('leaves out only the excluded facet’s own filter (the price bounds are not the price facet)', () => {
    const filters: SearchFilters = { brand: ['Acme'], color: ['Red'], price: ['under-25'], inStock: true, priceMin: 100 };
    expect(buildFilter(filters, 'color')).toEqual([['brand = "Acme"'], ['price_ranges = "under-25"'], ['in_stock = true'], ['price_max >= 100']]);
    expect(buildFilter(filters, 'price')).toEqual([['brand = "Acme"'], ['colors = "Red"'], ['in_stock = true'], ['price_max >= 100']]);
    expect(buildFilter(filters, 'in_stock')).toEqual([['brand = "Acme"'], ['colors = "Red"'], ['price_ranges = "under-25"'], ['price_max >= 100']]);
    expect(buildFilter(filters, 'size')).toEqual(buildFilter(filters));
  });

  it('rounds price bounds to whole cents inward, and ignores bounds that are not numbers', () => {
    expect(buildFilter({ priceMin: 2.5, priceMax: 7.5 })).toEqual([['price_max >= 3'], ['price_min <= 7']]);
    expect(buildFilter({ priceMin: 0, priceMax: 0 })).toEqual([['price_max >= 0'], ['price_min <= 0']]);
    expect(buildFilter({ priceMin: Number.NaN, priceMax: Number.POSITIVE_INFINITY })).toEqual([]);
    expect(buildFilter({ priceMax: 1e30 })).toEqual([[`price_min <= ${Number.MAX_SAFE_INTEGER}`]]);
  });

  it('drops repeated values', () => {
    expect(buildFilter({ color: ['Red', 'Red'] })).toEqual([['colors = "Red"']]);
  });

  const hostile = [
    '"',
    '\\',
    '\\"',
    '"\\',
    'end\\',
    '\\\\"\\\\',
    '" OR 1=1',
    '" OR brand EXISTS OR brand = "',
    "' OR '1'='1",
    "') OR ('1'='1",
    'x" OR "1"="1',
    '\\" OR colors EXISTS OR colors = \\"',
    'brand = "Acme"',
    'AND OR NOT TO IN EXISTS _geoRadius(0, 0, 1)',
    '(((',
    'line\nbreak\ttab\r',
    '\u0000nul',
    'Ünïcödé 👟 名前 \u202Eevil',
    '\\u{41}\\n\\x41',
    '',
    'x'.repeat(10 * 1024),
    '"\\'.repeat(3 * 1024),
  ];

  it.each(hostile.map((value) => [JSON.stringify(value).slice(0, 50), value]))('keeps %s one literal, well-formed value', (_, value) => {
    for (const [facet, attribute] of [
      ['brand', 'brand'],
      ['category', 'category_slugs'],
      ['color', 'colors'],
      ['size', 'sizes'],
    ] as const) {
      const groups = buildFilter({ [facet]: [value, 'plain'] });
      expect(groups).toHaveLength(1);
      expect(groups[0]).toHaveLength(2);
      expect(parseEquality(groups[0]![0]!)).toEqual({ attribute, value });
      expect(parseEquality(groups[0]![1]!)).toEqual({ attribute, value: 'plain' });
    }
  });

  it('escapes only quotes and backslashes', () => {
    expect(quoteFilterValue('Acme')).toBe('"Acme"');
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\b')).toBe('"a\\\\b"');
    expect(quoteFilterValue("it's")).toBe('"it\'s"');
    expect(quoteFilterValue('名前')).toBe('"名前"');
  });
});

describe('Meilisearch sort and settings', () => {
  it('sorts by the cheapest variant or by creation, and by relevance with no sort', () => {
    expect(sortFor('relevance')).toBeUndefined();
    expect(sortFor('price')).toEqual(['price_min:asc']);
    expect(sortFor('-price')).toEqual(['price_min:desc']);
    expect(sortFor('newest')).toEqual(['created_at:desc']);
  });

  it('makes the filtered, sorted and searched attributes those the mapping uses', () => {
    const settings = indexSettings();
    expect(settings.searchableAttributes).toEqual(['name', 'brand', 'category_names', 'description']);
    expect(settings.filterableAttributes).toEqual(['category_slugs', 'brand', 'colors', 'sizes', 'price_ranges', 'in_stock', 'price_min', 'price_max']);
    expect(settings.sortableAttributes).toEqual(['price_min', 'created_at']);
    expect(settings.typoTolerance).toEqual({ enabled: true });
    expect(settings.faceting?.maxValuesPerFacet).toBe(100);
    expect(settings.pagination?.maxTotalHits).toBe(100_000);
    expect(settings.rankingRules?.[0]).toBe('sort');
    // Every attribute a filter or sort names must be filterable or sortable.
    const all = buildFilter({ category: ['c'], brand: ['b'], color: ['r'], size: ['s'], price: ['under-25'], inStock: true, priceMin: 1, priceMax: 2 });
    const filterAttributes = all.flat().map((expression) => expression.split(' ')[0]);
    expect(new Set(filterAttributes)).toEqual(new Set(settings.filterableAttributes as string[]));
    for (const sort of ['price', '-price', 'newest'] as const) expect(settings.sortableAttributes).toContain(sortFor(sort)![0]!.split(':')[0]);
  });
});

describe('Meilisearch hits', () => {
  const hit = hitOf(trailRunner);
  const chosen = (filters: SearchFilters) => {
    const h = toSearchHit(hit, filters);
    return { itemId: h.itemId, priceCents: h.priceCents, inStock: h.inStock };
  };

  it('maps the product fields, with the deepest category', () => {
    expect(toSearchHit(hit, {})).toEqual({
      productId: trailRunner.productId,
      itemId: 'v-blue-44',
      slug: 'trail-runner',
      name: 'Trail Runner',
      brand: 'Acme',
      category: 'running-shoes',
      priceCents: 2400,
      currency: 'EUR',
      inStock: true,
      imageUrl: '/images/trail-runner.png',
    });
  });

  it('picks the cheapest variant matching the colour and size filters', () => {
    expect(chosen({ color: ['Red'] })).toEqual({ itemId: 'v-red-42', priceCents: 5400, inStock: true });
    expect(chosen({ color: ['red'] })).toEqual({ itemId: 'v-red-42', priceCents: 5400, inStock: true });
    expect(chosen({ color: ['Red'], size: ['43'] })).toEqual({ itemId: 'v-red-43', priceCents: 5600, inStock: true });
    expect(chosen({ size: ['42'] })).toEqual({ itemId: 'v-blue-42', priceCents: 4900, inStock: true });
    expect(chosen({ size: ['42', '44'], color: ['Blue'] })).toEqual({ itemId: 'v-blue-44', priceCents: 2400, inStock: true });
  });

  it('applies the stock and price filters to the variant too', () => {
    expect(chosen({ color: ['Red'], inStock: true })).toEqual({ itemId: 'v-red-43', priceCents: 5600, inStock: true });
    expect(chosen({ color: ['Red'], size: ['42'] })).toEqual({ itemId: 'v-red-42', priceCents: 5400, inStock: false });
    expect(chosen({ price: ['50-100'] })).toEqual({ itemId: 'v-red-42', priceCents: 5400, inStock: true });
    expect(chosen({ priceMin: 5000 })).toEqual({ itemId: 'v-red-42', priceCents: 5400, inStock: true });
    expect(chosen({ priceMax: 5000, inStock: true })).toEqual({ itemId: 'v-blue-42', priceCents: 4900, inStock: true });
  });

  it('falls back to the cheapest variant when no single variant matches every filter', () => {
    expect(chosen({ color: ['Green'] })).toEqual({ itemId: 'v-blue-44', priceCents: 2400, inStock: true });
    expect(chosen({ color: ['Blue'], size: ['43'] })).toEqual({ itemId: 'v-blue-44', priceCents: 2400, inStock: true });
  });

  it('breaks price ties by variant id, and copes with a product without category', () => {
    const tied = hitOf({
      ...trailRunner,
      categorySlugs: [],
      variants: [
        { variantId: 'v-b', color: null, size: null, priceCents: 1000, currency: 'EUR', available: 1, imageUrl: null },
        { variantId: 'v-a', color: null, size: null, priceCents: 1000, currency: 'EUR', available: 0, imageUrl: null },
      ],
    });
    expect(toSearchHit(tied, {})).toMatchObject({ itemId: 'v-a', category: '', inStock: true });
  });
});

describe('Meilisearch facet counts', () => {
  it('takes filtered facets from their own query and the others from the main one', () => {
    const main = {
      category_slugs: { footwear: 3, 'running-shoes': 2 },
      brand: { Acme: 3 },
      sizes: { '42': 2 },
      price_ranges: { '25-50': 1 },
      in_stock: { true: 2, false: 1 },
      colors: { Red: 3 },
    };
    const counts = facetCountsFrom(main, { color: { colors: { Red: 3, Blue: 4, Green: 1 } }, brand: { brand: { Acme: 3, Borealis: 2 } } });
    expect(counts).toEqual({
      category: { footwear: 3, 'running-shoes': 2 },
      brand: { Acme: 3, Borealis: 2 },
      color: { Red: 3, Blue: 4, Green: 1 },
      size: { '42': 2 },
      price: { '25-50': 1 },
      in_stock: { true: 2, false: 1 },
    });
  });

  it('gives every facet, empty when Meilisearch returned nothing for it', () => {
    expect(facetCountsFrom(undefined, { size: undefined })).toEqual({ category: {}, brand: {}, color: {}, size: {}, price: {}, in_stock: {} });
  });
});

// ---------------------------------------------------------------------------
// The engine against a stand-in for the few Meilisearch endpoints it calls.

type Recorded = { method: string; path: string; query: URLSearchParams; authorization: string | undefined; body: unknown };
type Reply = { status: number; body: unknown };
type Query = Record<string, unknown> & { facets?: string[]; limit?: number };

const noHitsPerQuery = (queries: Query[]): Reply => ({ status: 200, body: { results: queries.map(() => emptyResult()) } });
const noHits = (_body: Query): Reply => ({ status: 200, body: emptyResult() });

class StandInMeilisearch {
  readonly requests: Recorded[] = [];
  /** Answers POST /multi-search; by default each query gets no hits. */
  onMultiSearch = noHitsPerQuery;
  onSearch = noHits;
  /** The final state of the next tasks (each reports "processing" once first). */
  taskOutcome: 'succeeded' | 'failed' = 'succeeded';
  #tasks = new Map<number, { polls: number; type: string; outcome: 'succeeded' | 'failed' }>();
  #server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.#server?.close((error) => (error ? reject(error) : resolve())));
  }

  reset(): void {
    this.requests.length = 0;
    this.taskOutcome = 'succeeded';
    this.onMultiSearch = noHitsPerQuery;
    this.onSearch = noHits;
  }

  /** Requests other than task polling. */
  calls(): Recorded[] {
    return this.requests.filter((r) => !r.path.startsWith('/tasks/'));
  }

  polls(): string[] {
    return this.requests.filter((r) => r.path.startsWith('/tasks/')).map((r) => r.path);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const body: unknown = text ? JSON.parse(text) : undefined;
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body });
    const reply = this.#route(req.method ?? '', url.pathname, body);
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }

  #route(method: string, path: string, body: unknown): Reply {
    const index = /^\/indexes\/([^/]+)\/(settings|documents|documents\/delete-batch|search)$/.exec(path);
    const task = /^\/tasks\/(\d+)$/.exec(path);
    if (method === 'PATCH' && index?.[2] === 'settings') return this.#enqueue(index[1]!, 'settingsUpdate');
    if (method === 'POST' && index?.[2] === 'documents') return this.#enqueue(index[1]!, 'documentAdditionOrUpdate');
    if (method === 'POST' && index?.[2] === 'documents/delete-batch') return this.#enqueue(index[1]!, 'documentDeletion');
    if (method === 'POST' && index?.[2] === 'search') return this.onSearch(body as Query);
    if (method === 'POST' && path === '/multi-search') return this.onMultiSearch((body as { queries: Query[] }).queries);
    if (method === 'GET' && task) return this.#poll(Number(task[1]));
    return { status: 404, body: { message: `no route ${method} ${path}`, code: 'not_found', type: 'invalid_request', link: '' } };
  }

  #enqueue(indexUid: string, type: string): Reply {
    const taskUid = this.#tasks.size + 1;
    this.#tasks.set(taskUid, { polls: 0, type, outcome: this.taskOutcome });
    return { status: 202, body: { taskUid, indexUid, status: 'enqueued', type, enqueuedAt: new Date().toISOString() } };
  }

  #poll(uid: number): Reply {
    const task = this.#tasks.get(uid);
    if (!task) return { status: 404, body: { message: `Task \`${uid}\` not found.`, code: 'task_not_found', type: 'invalid_request', link: '' } };
    task.polls++;
    const status = task.polls === 1 ? 'processing' : task.outcome;
    const error = status === 'failed' ? { message: 'Document identifier `bad id` is invalid.', code: 'invalid_document_id', type: 'invalid_request', link: '' } : null;
    return { status: 200, body: { uid, batchUid: null, indexUid: 'products_test', status, type: task.type, canceledBy: null, error, duration: null, enqueuedAt: new Date().toISOString(), startedAt: null, finishedAt: null } };
  }
}

function emptyResult(extra: Record<string, unknown> = {}) {
  return { indexUid: 'products_test', hits: [], query: '', processingTimeMs: 1, limit: 0, offset: 0, estimatedTotalHits: 0, ...extra };
}

const request = (overrides: Partial<SearchRequest> = {}): SearchRequest => ({ query: '', filters: {}, sort: 'relevance', page: 1, limit: 20, ...overrides });

describe('the Meilisearch engine, against a stand-in server', () => {
  const standIn = new StandInMeilisearch();
  let engine: MeilisearchEngine;

  beforeAll(async () => {
    await standIn.start();
    engine = new MeilisearchEngine({ host: standIn.url, apiKey: 'test-key', indexName: 'products_test', taskPollMs: 1, requestTimeoutMs: 5_000 });
  });
  afterAll(() => standIn.stop());

  it('applies the index settings and waits for the task', async () => {
    standIn.reset();
    await engine.applySettings();
    expect(standIn.calls()).toEqual([
      expect.objectContaining({ method: 'PATCH', path: '/indexes/products_test/settings', authorization: 'Bearer test-key', body: indexSettings() }),
    ]);
    expect(standIn.polls().length).toBeGreaterThanOrEqual(2); // "processing", then "succeeded"
    expect(standIn.requests.every((r) => r.authorization === 'Bearer test-key')).toBe(true);
  });

  it('searches in one multi-search: the page, and each filtered facet counted without its own filter', async () => {
    standIn.reset();
    const filters: SearchFilters = { brand: ['Acme'], color: ['Red'], inStock: true, priceMax: 9000 };
    standIn.onMultiSearch = (queries) => ({
      status: 200,
      body: {
        results: [
          emptyResult({
            hits: [hitOf(trailRunner)],
            hitsPerPage: 5,
            page: 2,
            totalPages: 2,
            totalHits: 7,
            facetDistribution: { category_slugs: { footwear: 7, 'running-shoes': 4 }, sizes: { '42': 5, '43': 2 }, price_ranges: { '50-100': 7 } },
          }),
          emptyResult({ facetDistribution: { brand: { Acme: 7, Borealis: 3 } } }),
          emptyResult({ facetDistribution: { colors: { Red: 7, Blue: 9 } } }),
          emptyResult({ facetDistribution: { in_stock: { true: 7, false: 2 } } }),
        ].slice(0, queries.length),
      },
    });

    const result = await engine.search(request({ query: 'runner', filters, sort: 'price', page: 2, limit: 5 }));

    const calls = standIn.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/multi-search', authorization: 'Bearer test-key' });
    const { queries } = calls[0]!.body as { queries: Query[] };
    expect(queries).toEqual([
      {
        indexUid: 'products_test',
        q: 'runner',
        matchingStrategy: 'all',
        filter: [['brand = "Acme"'], ['colors = "Red"'], ['in_stock = true'], ['price_min <= 9000']],
        sort: ['price_min:asc'],
        page: 2,
        hitsPerPage: 5,
        facets: ['category_slugs', 'sizes', 'price_ranges'],
        attributesToRetrieve: [...HIT_ATTRIBUTES],
      },
      { indexUid: 'products_test', q: 'runner', matchingStrategy: 'all', filter: [['colors = "Red"'], ['in_stock = true'], ['price_min <= 9000']], limit: 0, facets: ['brand'] },
      { indexUid: 'products_test', q: 'runner', matchingStrategy: 'all', filter: [['brand = "Acme"'], ['in_stock = true'], ['price_min <= 9000']], limit: 0, facets: ['colors'] },
      { indexUid: 'products_test', q: 'runner', matchingStrategy: 'all', filter: [['brand = "Acme"'], ['colors = "Red"'], ['price_min <= 9000']], limit: 0, facets: ['in_stock'] },
    ]);

    expect(result).toEqual({
      hits: [
        {
          productId: trailRunner.productId,
          itemId: 'v-red-43', // the cheapest red variant in stock under 90.00
          slug: 'trail-runner',
          name: 'Trail Runner',
          brand: 'Acme',
          category: 'running-shoes',
          priceCents: 5600,
          currency: 'EUR',
          inStock: true,
          imageUrl: '/images/trail-runner.png',
        },
      ],
      facets: {
        category: { footwear: 7, 'running-shoes': 4 },
        brand: { Acme: 7, Borealis: 3 },
        color: { Red: 7, Blue: 9 },
        size: { '42': 5, '43': 2 },
        price: { '50-100': 7 },
        in_stock: { true: 7, false: 2 },
      },
      total: 7,
      page: 2,
      limit: 5,
      didYouMean: null,
    });
  });

  it('sends no filter without filters, asks for every facet, and lists newest first when there are no words', async () => {
    standIn.reset();
    standIn.onMultiSearch = () => ({ status: 200, body: { results: [emptyResult({ totalHits: 0, hitsPerPage: 20, page: 1, totalPages: 0, facetDistribution: {} })] } });
    const result = await engine.search(request());
    const { queries } = standIn.calls()[0]!.body as { queries: Query[] };
    expect(queries).toHaveLength(1);
    expect(queries[0]).not.toHaveProperty('filter');
    expect(queries[0]).toMatchObject({ q: '', sort: ['created_at:desc'], page: 1, hitsPerPage: 20 });
    expect(queries[0]!.facets).toEqual(['category_slugs', 'brand', 'colors', 'sizes', 'price_ranges', 'in_stock']);
    expect(result).toMatchObject({ hits: [], total: 0, facets: { category: {}, brand: {}, color: {}, size: {}, price: {}, in_stock: {} } });

    standIn.reset();
    await engine.search(request({ query: 'runner' }));
    expect((standIn.calls()[0]!.body as { queries: Query[] }).queries[0]).not.toHaveProperty('sort');
  });

  it('sends hostile filter values escaped, as single values', async () => {
    standIn.reset();
    const value = '" OR in_stock = false OR brand = "\\';
    await engine.search(request({ filters: { brand: [value] } }));
    const { queries } = standIn.calls()[0]!.body as { queries: Query[] };
    const expression = (queries[0]!.filter as string[][])[0]![0]!;
    expect(parseEquality(expression)).toEqual({ attribute: 'brand', value });
  });

  it('suggests product names for a prefix, once each', async () => {
    standIn.reset();
    standIn.onSearch = () => ({ status: 200, body: emptyResult({ hits: [{ name: 'Trail Runner' }, { name: 'Trail Runner' }, { name: 'Trail Mix' }] }) });
    expect(await engine.suggest('tra', 5)).toEqual(['Trail Runner', 'Trail Mix']);
    expect(standIn.calls()).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/indexes/products_test/search',
        body: { q: 'tra', limit: 5, attributesToRetrieve: ['name'], matchingStrategy: 'all' },
      }),
    ]);

    standIn.reset();
    expect(await engine.suggest('   ', 5)).toEqual([]);
    expect(standIn.requests).toEqual([]);
  });

  it('indexes documents in batches of 1,000 under the id primary key, waiting for every task', async () => {
    standIn.reset();
    const documents = Array.from({ length: 2_500 }, (_, i) => ({ ...trailRunner, productId: `p-${i}`, slug: `product-${i}` }));
    await engine.upsert(documents);
    const posts = standIn.calls();
    expect(posts.map((r) => [r.method, r.path, r.query.get('primaryKey'), (r.body as unknown[]).length])).toEqual([
      ['POST', '/indexes/products_test/documents', 'id', 1000],
      ['POST', '/indexes/products_test/documents', 'id', 1000],
      ['POST', '/indexes/products_test/documents', 'id', 500],
    ]);
    expect((posts[0]!.body as unknown[])[0]).toEqual(toMeiliDocument(documents[0]!));
    expect((posts[2]!.body as { id: string }[]).at(-1)!.id).toBe('p-2499');
    // Each task polled until it finished ("processing" first, then "succeeded").
    const polled = standIn.polls();
    for (const path of new Set(polled)) expect(polled.filter((p) => p === path)).toHaveLength(2);
    expect(new Set(polled).size).toBe(3);

    standIn.reset();
    await engine.upsert([]);
    expect(standIn.requests).toEqual([]);
  });

  it('removes documents by id and waits', async () => {
    standIn.reset();
    await engine.remove(['p-1', 'p-2', 'p-1']);
    expect(standIn.calls()).toEqual([expect.objectContaining({ method: 'POST', path: '/indexes/products_test/documents/delete-batch', body: ['p-1', 'p-2'] })]);
    expect(standIn.polls().length).toBeGreaterThanOrEqual(2);

    standIn.reset();
    await engine.remove([]);
    expect(standIn.requests).toEqual([]);
  });

  it('fails with a message naming the host when Meilisearch refuses a search', async () => {
    standIn.reset();
    standIn.onMultiSearch = () => ({
      status: 400,
      body: { message: 'Attribute `colors` is not filterable.', code: 'invalid_search_filter', type: 'invalid_request', link: 'https://docs.meilisearch.com/errors#invalid_search_filter' },
    });
    const failure = engine.search(request({ filters: { color: ['Red'] } }));
    await expect(failure).rejects.toThrow(`Meilisearch at ${standIn.url} (index "products_test"): searching failed: Attribute \`colors\` is not filterable. (invalid_search_filter)`);
  });

  it('fails when an indexing task fails', async () => {
    standIn.reset();
    standIn.taskOutcome = 'failed';
    await expect(engine.upsert([trailRunner])).rejects.toThrow(
      new RegExp(`^Meilisearch at ${standIn.url.replaceAll('.', '\\.')} \\(index "products_test"\\): indexing documents failed: task \\d+ failed: Document identifier \`bad id\` is invalid\\. \\(invalid_document_id\\)$`),
    );
  });

  it('fails with a message naming the host when the server cannot be reached', async () => {
    const closed = new StandInMeilisearch();
    await closed.start();
    await closed.stop();
    const unreachable = new MeilisearchEngine({ host: closed.url, indexName: 'products_test' });
    const failure = unreachable.search(request());
    await expect(failure).rejects.toThrow(`Meilisearch at ${closed.url} (index "products_test"): searching failed: Request to ${closed.url}/multi-search has failed`);
    await expect(unreachable.suggest('x', 3)).rejects.toThrow(/ECONNREFUSED|fetch failed/);
  });

  it('fails clearly on a host that is not a URL', () => {
    expect(() => new MeilisearchEngine({ host: 'http://exa mple:7700' })).toThrow('Meilisearch at http://exa mple:7700 (index "products"): configuring the client failed: The provided host is not valid');
  });
});

// ---------------------------------------------------------------------------
// Against a real Meilisearch, when there is one.

describe.runIf(Boolean(INTEGRATION_HOST))('the Meilisearch engine, against a real server (MEILISEARCH_HOST)', () => {
  const indexName = `stockwise_test_${process.pid}_${Date.now().toString(36)}`;
  const host = INTEGRATION_HOST ?? '';
  const apiKey = process.env.MEILISEARCH_API_KEY;
  // Built in beforeAll: a describe body runs (to collect tests) even when skipped.
  let engine: MeilisearchEngine;

  const product = (n: number, fields: Omit<SearchDocument, 'productId' | 'slug' | 'imageUrl' | 'createdAt'>): SearchDocument => ({
    ...fields,
    productId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    slug: fields.name.toLowerCase().replaceAll(' ', '-'),
    imageUrl: null,
    createdAt: new Date(Date.UTC(2024, 0, n)),
  });
  const variant = (id: string, color: string | null, size: string | null, priceCents: number, available: number) => ({ variantId: id, color, size, priceCents, currency: 'EUR', available, imageUrl: null });
  const documents = [
    product(1, {
      name: 'Trail Running Shoes',
      brand: 'Acme',
      description: 'Grippy shoes for muddy trails',
      categorySlugs: ['footwear', 'running-shoes'],
      categoryNames: ['Footwear', 'Running shoes'],
      variants: [variant('v1-red-42', 'Red', '42', 5400, 0), variant('v1-blue-43', 'Blue', '43', 4900, 3)],
    }),
    product(2, {
      name: 'Leather Boots',
      brand: 'Borealis',
      description: 'Waterproof boots for winter walks',
      categorySlugs: ['footwear', 'boots'],
      categoryNames: ['Footwear', 'Boots'],
      variants: [variant('v2-brown-42', 'Brown', '42', 15000, 2)],
    }),
    product(3, {
      name: 'Wool Sweater',
      brand: 'Acme',
      description: 'A warm knit for cold days',
      categorySlugs: ['apparel', 'knitwear'],
      categoryNames: ['Apparel', 'Knitwear'],
      variants: [variant('v3-grey-m', 'Grey', 'M', 8000, 0), variant('v3-grey-l', 'Grey', 'L', 8200, 4)],
    }),
    product(4, {
      name: 'Rain Jacket',
      brand: 'Cirrus',
      description: 'Light shell for stormy weather',
      categorySlugs: ['apparel', 'outerwear'],
      categoryNames: ['Apparel', 'Outerwear'],
      variants: [variant('v4-yellow-m', 'Yellow', 'M', 22000, 0)],
    }),
    product(5, {
      name: 'Running Socks',
      brand: 'Acme "Pro"',
      description: 'Cushioned socks for long runs',
      categorySlugs: ['apparel', 'socks'],
      categoryNames: ['Apparel', 'Socks'],
      variants: [variant('v5-white-m', 'White', 'M', 1200, 10)],
    }),
  ];
  const names = (result: { hits: { name: string }[] }) => result.hits.map((h) => h.name);

  beforeAll(async () => {
    engine = new MeilisearchEngine({ host, apiKey, indexName, taskPollMs: 20 });
    await engine.applySettings();
    await engine.upsert(documents);
  });
  afterAll(async () => {
    await new Meilisearch({ host, apiKey }).deleteIndexIfExists(indexName);
  });

  it('finds products by words, through typos, and lists everything newest first without words', async () => {
    expect(names(await engine.search(request({ query: 'sweater' })))).toEqual(['Wool Sweater']);
    expect(names(await engine.search(request({ query: 'sweeter' })))).toEqual(['Wool Sweater']);
    expect(names(await engine.search(request({ query: 'jackat' })))).toEqual(['Rain Jacket']);
    const all = await engine.search(request());
    expect(all.total).toBe(5);
    expect(names(all)).toEqual(['Running Socks', 'Rain Jacket', 'Wool Sweater', 'Leather Boots', 'Trail Running Shoes']);
  });

  it('filters, and counts each facet without its own filter', async () => {
    const acme = await engine.search(request({ filters: { brand: ['Acme'] } }));
    expect(acme.total).toBe(2);
    expect(acme.facets.brand).toEqual({ Acme: 2, Borealis: 1, Cirrus: 1, 'Acme "Pro"': 1 });
    expect(acme.facets.category).toEqual({ footwear: 1, 'running-shoes': 1, apparel: 1, knitwear: 1 });

    const quoted = await engine.search(request({ filters: { brand: ['Acme "Pro"'] } }));
    expect(names(quoted)).toEqual(['Running Socks']);

    const footwearInStock = await engine.search(request({ filters: { category: ['footwear'], inStock: true } }));
    expect(footwearInStock.total).toBe(2);
    expect(footwearInStock.facets.in_stock).toEqual({ true: 2 });

    const inStock = await engine.search(request({ filters: { inStock: true }, sort: 'price' }));
    expect(names(inStock)).toEqual(['Running Socks', 'Trail Running Shoes', 'Wool Sweater', 'Leather Boots']);
    expect(inStock.facets.in_stock).toEqual({ true: 4, false: 1 });
    expect(inStock.hits[1]).toMatchObject({ itemId: 'v1-blue-43', priceCents: 4900, inStock: true });

    const grey = await engine.search(request({ filters: { color: ['grey'], size: ['L'] } }));
    expect(grey.hits).toEqual([expect.objectContaining({ name: 'Wool Sweater', itemId: 'v3-grey-l', priceCents: 8200 })]);

    const dear = await engine.search(request({ filters: { price: ['200-plus', '100-200'] }, sort: '-price' }));
    expect(names(dear)).toEqual(['Rain Jacket', 'Leather Boots']);
    expect(dear.facets.price).toMatchObject({ 'under-25': 1, '25-50': 1, '50-100': 2, '100-200': 1, '200-plus': 1 });

    expect((await engine.search(request({ filters: { priceMin: 5000, priceMax: 9000 } }))).total).toBe(2);
    expect((await engine.search(request({ filters: { brand: ['" OR brand = "Acme', '\\'] } }))).total).toBe(0);
  });

  it('pages through results', async () => {
    const second = await engine.search(request({ sort: 'price', page: 2, limit: 2 }));
    expect(second).toMatchObject({ total: 5, page: 2, limit: 2 });
    expect(names(second)).toEqual(['Wool Sweater', 'Leather Boots']);
  });

  it('suggests names, and forgets removed products', async () => {
    expect(await engine.suggest('wo', 5)).toEqual(['Wool Sweater']);
    await engine.remove([documents[2]!.productId]);
    expect(await engine.suggest('wo', 5)).toEqual([]);
    expect((await engine.search(request())).total).toBe(4);
  });
});
