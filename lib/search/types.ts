/** One interface for search, whatever engine answers it (PostgreSQL by default, Meilisearch at scale). */

export const SEARCH_SORTS = ['relevance', 'price', '-price', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const FACETS = ['category', 'brand', 'color', 'size', 'price', 'in_stock'] as const;
export type Facet = (typeof FACETS)[number];

/** Price ranges offered as a facet, in minor units: [from, to). */
export const PRICE_RANGES = [
  { key: 'under-25', from: 0, to: 2500 },
  { key: '25-50', from: 2500, to: 5000 },
  { key: '50-100', from: 5000, to: 10000 },
  { key: '100-200', from: 10000, to: 20000 },
  { key: '200-plus', from: 20000, to: 2_147_483_647 },
] as const;
export type PriceRangeKey = (typeof PRICE_RANGES)[number]['key'];

export type SearchFilters = {
  /** Category slugs; a product matches a category or any category below it. */
  category?: string[];
  brand?: string[];
  color?: string[];
  size?: string[];
  price?: PriceRangeKey[];
  inStock?: boolean;
  priceMin?: number;
  priceMax?: number;
};

export type SearchRequest = { query: string; filters: SearchFilters; sort: SearchSort; page: number; limit: number };

export type SearchHit = {
  productId: string;
  /** The cheapest variant that matches the filters. */
  itemId: string;
  slug: string;
  name: string;
  brand: string;
  category: string;
  priceCents: number;
  currency: string;
  inStock: boolean;
  imageUrl: string | null;
};

export type FacetCounts = Record<Facet, Record<string, number>>;

export type SearchResult = {
  hits: SearchHit[];
  /** For each facet, how many products each value would leave, given every other filter. */
  facets: FacetCounts;
  total: number;
  page: number;
  limit: number;
  /** A corrected query when this one found nothing and a close spelling would. */
  didYouMean: string | null;
};

/** What is indexed for one product (the same for every engine). */
export type SearchDocument = {
  productId: string;
  slug: string;
  name: string;
  brand: string;
  description: string;
  /** From the top category down to the product's own. */
  categorySlugs: string[];
  categoryNames: string[];
  imageUrl: string | null;
  createdAt: Date;
  variants: { variantId: string; color: string | null; size: string | null; priceCents: number; currency: string; available: number; imageUrl: string | null }[];
};

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  /** Gets the engine ready (index settings); called at start-up and before a reindex. Idempotent. */
  prepare(): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Product names for the search box as the shopper types. */
  suggest(prefix: string, limit: number): Promise<string[]>;
  /** Adds or replaces documents; idempotent. */
  upsert(documents: readonly SearchDocument[]): Promise<void>;
  /** Removes products that are no longer for sale. */
  remove(productIds: readonly string[]): Promise<void>;
}
