/**
 * Reading a search from the outside world — REST (`filter=field:value`,
 * repeatable) and the search page's URL — into a SearchRequest, or a 400
 * naming the parameter.
 */
import { z } from 'zod';
import { ApiError, parseInput } from '@/lib/api/errors';
import { MAX_QUERY_LENGTH, withoutNul } from './query-text';
import { PRICE_RANGES, SEARCH_SORTS, type PriceRangeKey, type SearchFilters, type SearchRequest } from './types';

export const FILTER_FIELDS = ['category', 'brand', 'color', 'size', 'price', 'in_stock', 'price_min', 'price_max'] as const;
const MAX_FILTERS = 40;

/** `GET /search` query parameters besides the repeatable `filter` (also the OpenAPI description's). */
export const searchQuerySchema = z.object({
  query: z.string().max(MAX_QUERY_LENGTH, { error: `must be at most ${MAX_QUERY_LENGTH} characters` }).default(''),
  sort: z.enum(SEARCH_SORTS, { error: `must be one of ${SEARCH_SORTS.join(', ')}` }).default('relevance'),
  page: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(1000, { error: 'must be at most 1000' }).default(1),
  limit: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }).default(20),
});

function invalidFilter(message: string): ApiError {
  return new ApiError(400, 'invalid_request', `Invalid filter: ${message}`, { fields: { filter: message } });
}

/** `field:value` strings into filters. */
export function parseFilters(values: readonly string[]): SearchFilters {
  if (values.length > MAX_FILTERS) throw invalidFilter(`at most ${MAX_FILTERS} filters`);
  const filters: SearchFilters = {};
  const add = (key: 'category' | 'brand' | 'color' | 'size', value: string) => (filters[key] = [...(filters[key] ?? []), value]);
  for (const raw of values) {
    const colon = raw.indexOf(':');
    const field = colon > 0 ? raw.slice(0, colon) : '';
    const value = raw.slice(colon + 1).trim();
    if (!(FILTER_FIELDS as readonly string[]).includes(field)) throw invalidFilter(`"${raw.slice(0, 40)}" is not field:value with a field of ${FILTER_FIELDS.join(', ')}`);
    if (value.length === 0 || value.length > 100) throw invalidFilter(`${field} needs a value of 1–100 characters`);
    switch (field) {
      case 'category':
      case 'brand':
      case 'color':
      case 'size':
        add(field, value);
        break;
      case 'price':
        if (!PRICE_RANGES.some((r) => r.key === value)) throw invalidFilter(`price must be one of ${PRICE_RANGES.map((r) => r.key).join(', ')}`);
        filters.price = [...(filters.price ?? []), value as PriceRangeKey];
        break;
      case 'in_stock':
        if (value !== 'true' && value !== 'false') throw invalidFilter('in_stock must be true or false');
        filters.inStock = value === 'true';
        break;
      case 'price_min':
      case 'price_max': {
        if (!/^\d{1,9}$/.test(value)) throw invalidFilter(`${field} must be a whole number of cents`);
        if (field === 'price_min') filters.priceMin = Number(value);
        else filters.priceMax = Number(value);
        break;
      }
    }
  }
  return filters;
}

export function parseSearchParams(params: URLSearchParams): SearchRequest {
  const base = parseInput(searchQuerySchema, {
    query: params.get('query') ?? params.get('q') ?? undefined,
    sort: params.get('sort') ?? undefined,
    page: params.get('page') ?? undefined,
    limit: params.get('limit') ?? undefined,
  });
  return { ...base, query: withoutNul(base.query).trim(), filters: parseFilters(params.getAll('filter').map(withoutNul)) };
}

/** The filters back as `field:value` strings (for links). */
export function filterStrings(filters: SearchFilters): string[] {
  return [
    ...(filters.category ?? []).map((v) => `category:${v}`),
    ...(filters.brand ?? []).map((v) => `brand:${v}`),
    ...(filters.color ?? []).map((v) => `color:${v}`),
    ...(filters.size ?? []).map((v) => `size:${v}`),
    ...(filters.price ?? []).map((v) => `price:${v}`),
    ...(filters.inStock ? ['in_stock:true'] : []),
    ...(filters.priceMin !== undefined ? [`price_min:${filters.priceMin}`] : []),
    ...(filters.priceMax !== undefined ? [`price_max:${filters.priceMax}`] : []),
  ];
}
