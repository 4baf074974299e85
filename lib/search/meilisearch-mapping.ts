/**
 * Pure translation between the search module's types and Meilisearch's:
 * documents, filter expressions, sorts, index settings, hits and facet counts.
 * No I/O here; the engine (meilisearch-engine.ts) does the talking.
 */
import type { FacetDistribution, Settings } from 'meilisearch';
import {
  FACETS,
  PRICE_RANGES,
  type Facet,
  type FacetCounts,
  type PriceRangeKey,
  type SearchDocument,
  type SearchFilters,
  type SearchHit,
  type SearchSort,
} from './types';

export type MeiliVariant = {
  id: string;
  color: string | null;
  size: string | null;
  price_cents: number;
  currency: string;
  available: number;
  image_url: string | null;
};

export type MeiliDocument = {
  id: string;
  slug: string;
  name: string;
  brand: string;
  description: string;
  category_slugs: string[];
  category_names: string[];
  image_url: string | null;
  /** Unix seconds. */
  created_at: number;
  colors: string[];
  sizes: string[];
  /** Null only for a product without variants (documents.ts leaves those out). */
  price_min: number | null;
  price_max: number | null;
  currency: string;
  price_ranges: PriceRangeKey[];
  in_stock: boolean;
  variants: MeiliVariant[];
};

/** What a search retrieves per hit: everything `toSearchHit` needs, not the description. */
export const HIT_ATTRIBUTES = ['id', 'slug', 'name', 'brand', 'category_slugs', 'image_url', 'currency', 'variants'] as const satisfies readonly (keyof MeiliDocument)[];
export type MeiliHitDocument = Pick<MeiliDocument, (typeof HIT_ATTRIBUTES)[number]>;

/** The indexed attribute each facet is filtered and counted on. */
export const FACET_ATTRIBUTES = {
  category: 'category_slugs',
  brand: 'brand',
  color: 'colors',
  size: 'sizes',
  price: 'price_ranges',
  in_stock: 'in_stock',
} as const satisfies Record<Facet, keyof MeiliDocument>;

export const PRIMARY_KEY = 'id' satisfies keyof MeiliDocument;

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

function nonNull<T>(value: T | null): value is T {
  return value !== null;
}

function priceRangesOf(prices: readonly number[]): PriceRangeKey[] {
  return PRICE_RANGES.filter((range) => prices.some((price) => price >= range.from && price < range.to)).map((range) => range.key);
}

export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  const prices = doc.variants.map((v) => v.priceCents);
  return {
    id: doc.productId,
    slug: doc.slug,
    name: doc.name,
    brand: doc.brand,
    description: doc.description,
    category_slugs: [...doc.categorySlugs],
    category_names: [...doc.categoryNames],
    image_url: doc.imageUrl,
    created_at: Math.floor(doc.createdAt.getTime() / 1000),
    colors: distinct(doc.variants.map((v) => v.color).filter(nonNull)),
    sizes: distinct(doc.variants.map((v) => v.size).filter(nonNull)),
    price_min: prices.length > 0 ? Math.min(...prices) : null,
    price_max: prices.length > 0 ? Math.max(...prices) : null,
    currency: doc.variants[0]?.currency ?? '',
    price_ranges: priceRangesOf(prices),
    in_stock: doc.variants.some((v) => v.available > 0),
    variants: doc.variants.map((v) => ({
      id: v.variantId,
      color: v.color,
      size: v.size,
      price_cents: v.priceCents,
      currency: v.currency,
      image_url: v.imageUrl,
      available: v.available,
    })),
  };
}

/**
 * A string as a double-quoted Meilisearch filter value. Inside quotes the
 * filter parser reads `\"` as a quote and `\\` as a backslash (and rejects
 * other escapes), so escaping exactly those two keeps any input — quotes,
 * `OR`, parentheses, unicode — a single literal value.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

function equalsAny(attribute: string, values: readonly string[]): string[] {
  return distinct(values).map((value) => `${attribute} = ${quoteFilterValue(value)}`);
}

/** Whole cents for a bound, or null when it is not a usable number. */
function centsBound(value: number | undefined, round: (n: number) => number): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  return Math.min(Math.max(round(value), -Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
}

/** The facets these filters narrow (their counts come from a query without their own filter). */
export function filteredFacets(filters: SearchFilters): Facet[] {
  const valuesOf: Record<Facet, boolean> = {
    category: Boolean(filters.category?.length),
    brand: Boolean(filters.brand?.length),
    color: Boolean(filters.color?.length),
    size: Boolean(filters.size?.length),
    price: Boolean(filters.price?.length),
    in_stock: filters.inStock === true,
  };
  return FACETS.filter((facet) => valuesOf[facet]);
}

/**
 * Meilisearch's array filter form: an AND of groups, each an OR of
 * expressions. `exclude` leaves that facet's own filter out, for its counts.
 * The price bounds approximate "some variant costs between min and max" at
 * product level: the dearest variant reaches min and the cheapest stays under max.
 */
export function buildFilter(filters: SearchFilters, exclude?: Facet): string[][] {
  const groups: string[][] = [];
  const lists: [Facet, readonly string[] | undefined][] = [
    ['category', filters.category],
    ['brand', filters.brand],
    ['color', filters.color],
    ['size', filters.size],
    ['price', filters.price],
  ];
  for (const [facet, values] of lists) {
    if (facet !== exclude && values && values.length > 0) groups.push(equalsAny(FACET_ATTRIBUTES[facet], values));
  }
  if (filters.inStock === true && exclude !== 'in_stock') groups.push([`${FACET_ATTRIBUTES.in_stock} = true`]);
  // Prices are whole cents, so "≥ 2.5" is "≥ 3" and "≤ 2.5" is "≤ 2".
  const min = centsBound(filters.priceMin, Math.ceil);
  const max = centsBound(filters.priceMax, Math.floor);
  if (min !== null) groups.push([`price_max >= ${min}`]);
  if (max !== null) groups.push([`price_min <= ${max}`]);
  return groups;
}

export function sortFor(sort: SearchSort): string[] | undefined {
  switch (sort) {
    case 'relevance':
      return undefined;
    case 'price':
      return ['price_min:asc'];
    case '-price':
      return ['price_min:desc'];
    case 'newest':
      return ['created_at:desc'];
  }
}

const STOP_WORDS = ['a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'with'] as const;

export function indexSettings(): Settings {
  return {
    searchableAttributes: ['name', 'brand', 'category_names', 'description'],
    filterableAttributes: [...Object.values(FACET_ATTRIBUTES), 'price_min', 'price_max'],
    sortableAttributes: ['price_min', 'created_at'],
    // "sort" first: a chosen sort orders all the matches (Meilisearch's default
    // puts it after relevance, which makes "price low to high" look random).
    // Without a sort it is skipped, so relevance is unchanged.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    typoTolerance: { enabled: true },
    // Searches need every word (as the PostgreSQL engine does), so words no
    // product is described by must not count; PostgreSQL drops them too.
    stopWords: [...STOP_WORDS],
    // Count order, so the 100 values kept per facet are the biggest (the default is alphabetical).
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: 100_000 },
  };
}

const normalized = (value: string): string => value.trim().toLowerCase();

/** Meilisearch compares facet strings case-insensitively; so does this. */
function oneOf(value: string | null, wanted: readonly string[] | undefined): boolean {
  if (!wanted || wanted.length === 0) return true;
  return value !== null && wanted.some((w) => normalized(w) === normalized(value));
}

function variantMatches(variant: MeiliVariant, filters: SearchFilters): boolean {
  const price = variant.price_cents;
  const ranges = PRICE_RANGES.filter((r) => filters.price?.includes(r.key));
  return (
    oneOf(variant.color, filters.color) &&
    oneOf(variant.size, filters.size) &&
    (ranges.length === 0 || ranges.some((r) => price >= r.from && price < r.to)) &&
    (filters.inStock !== true || variant.available > 0) &&
    (filters.priceMin === undefined || !(price < filters.priceMin)) &&
    (filters.priceMax === undefined || !(price > filters.priceMax))
  );
}

/** Cheapest first; ties by variant id, as the PostgreSQL engine breaks them. */
function byPrice(a: MeiliVariant, b: MeiliVariant): number {
  return a.price_cents - b.price_cents || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A hit as the app shows it: priced at the cheapest variant matching the
 * variant-level filters (the index matches them per product, so a product can
 * match with no single variant matching all of them; then the cheapest variant).
 */
export function toSearchHit(hit: MeiliHitDocument, filters: SearchFilters): SearchHit {
  const matching = hit.variants.filter((v) => variantMatches(v, filters));
  const candidates = [...(matching.length > 0 ? matching : hit.variants)].sort(byPrice);
  const chosen = candidates[0];
  return {
    productId: hit.id,
    itemId: chosen?.id ?? '',
    slug: hit.slug,
    name: hit.name,
    brand: hit.brand,
    category: hit.category_slugs.at(-1) ?? '',
    priceCents: chosen?.price_cents ?? 0,
    currency: chosen?.currency ?? hit.currency,
    inStock: candidates.some((v) => v.available > 0),
    imageUrl: chosen?.image_url ?? hit.image_url,
  };
}

/**
 * Facet counts from the main query's distribution, except for filtered facets,
 * whose counts come from their own query without their filter (`perFacet`),
 * so choosing another value of a chosen facet says what it would add.
 */
export function facetCountsFrom(
  main: FacetDistribution | undefined,
  perFacet: Partial<Record<Facet, FacetDistribution | undefined>> = {},
): FacetCounts {
  const counts = {} as FacetCounts;
  for (const facet of FACETS) {
    const attribute = FACET_ATTRIBUTES[facet];
    const source = facet in perFacet ? perFacet[facet] : main;
    counts[facet] = { ...(source?.[attribute] ?? {}) };
  }
  return counts;
}
