/**
 * The search page's URL, built the same way everywhere (links, forms, the
 * search box): `query`, then each `filter=field:value`, then `sort`, `limit`
 * and `page`, leaving out what is the default. Safe on server and client.
 */
import { SEARCH_SORTS, type SearchSort } from '@/lib/search/types';

export type SearchUrlState = {
  query: string;
  /** `field:value` strings, as in the URL. */
  filters: readonly string[];
  sort: SearchSort;
  /** Only when the shopper's URL set one. */
  limit?: number;
};

export const SEARCH_PATH = '/search';

export function searchParamsOf(state: SearchUrlState, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  const query = state.query.trim();
  if (query) params.set('query', query);
  for (const filter of new Set(state.filters)) params.append('filter', filter);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (state.limit !== undefined) params.set('limit', String(state.limit));
  if (page > 1) params.set('page', String(page));
  return params;
}

export function searchHref(state: SearchUrlState, page = 1): string {
  const qs = searchParamsOf(state, page).toString();
  return qs ? `${SEARCH_PATH}?${qs}` : SEARCH_PATH;
}

/** A search for words alone (from the search box): a new query starts without filters. */
export function queryHref(query: string): string {
  return searchHref({ query, filters: [], sort: 'relevance' });
}

/** What a search form holds, as the canonical URL (page 1). */
export function hrefFromFormData(data: FormData): string {
  const text = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
  const sort = text('sort');
  const limit = Number(text('limit'));
  return searchHref({
    query: text('query'),
    filters: data.getAll('filter').filter((v): v is string => typeof v === 'string' && v !== ''),
    sort: (SEARCH_SORTS as readonly string[]).includes(sort) ? (sort as SearchSort) : 'relevance',
    limit: Number.isInteger(limit) && limit > 0 ? limit : undefined,
  });
}
