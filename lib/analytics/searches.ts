/**
 * Search analytics: every search (the search page and GET /api/v1/search) is
 * recorded through the buffered `track` with its normalised query, result
 * count and a zero-result flag; the overview lists the top searches and the
 * searches that found nothing.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { track } from './recorder';

export type SearchSource = 'page' | 'api';

/** Lower case, single spaces, at most 200 characters: "Rain  Jacket" and "rain jacket" are one search. */
export function normaliseQuery(query: string): string {
  return query.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 200);
}

/**
 * Records one search. Empty queries (browsing) and pages after the first (the
 * same search, paged through) are not searches worth counting. Never throws,
 * never waits.
 */
export function trackSearch(search: {
  query: string; total: number; page?: number; filters?: number; source: SearchSource; userId?: string | null;
  /** The query actually searched when the typed one found nothing and was corrected ("did you mean"). */
  correctedTo?: string | null;
}): void {
  const query = normaliseQuery(search.query);
  if (!query || (search.page ?? 1) > 1) return;
  track({
    type: 'search',
    userId: search.userId ?? null,
    data: {
      query, results: search.total, zeroResults: search.total === 0, filters: search.filters ?? 0, source: search.source,
      ...(search.correctedTo ? { correctedTo: normaliseQuery(search.correctedTo) } : {}),
    },
  });
}

export type SearchTerm = { query: string; searches: number; lastResults: number };

/** The most frequent searches over the last `days` days. */
export async function topSearches(db: DbOrTx, days: number, limit = 10): Promise<SearchTerm[]> {
  return searchTerms(db, days, limit, false);
}

/** Searches that found nothing (with no filters narrowing them), most frequent first: what the shop lacks or misnames. */
export async function zeroResultSearches(db: DbOrTx, days: number, limit = 10): Promise<SearchTerm[]> {
  return searchTerms(db, days, limit, true);
}

async function searchTerms(db: DbOrTx, days: number, limit: number, zeroOnly: boolean): Promise<SearchTerm[]> {
  const rows = await db.execute<{ query: string; searches: number; last_results: number }>(sql`
    select data->>'query' as query, count(*)::int as searches,
           (array_agg((data->>'results')::int order by created_at desc))[1] as last_results
    from analytics_events
    where type = 'search' and created_at > now() - make_interval(days => ${days})
      ${zeroOnly ? sql`and (data->>'zeroResults')::boolean and coalesce((data->>'filters')::int, 0) = 0` : sql``}
    group by data->>'query'
    order by searches desc, query
    limit ${limit}`);
  return rows.map((r) => ({ query: r.query, searches: r.searches, lastResults: r.last_results }));
}
