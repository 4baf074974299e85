import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { GET as searchApi } from '@/app/api/v1/search/route';
import { getDb } from '@/db/client';
import { call } from '@/test/api';
import { flushAnalytics } from './recorder';
import { normaliseQuery, topSearches, trackSearch, zeroResultSearches } from './searches';

const db = getDb();
const stamp = Date.now().toString(36);

async function searchEvents(query: string) {
  return db.execute<{ data: Record<string, unknown> }>(sql`select data from analytics_events where type = 'search' and data->>'query' = ${query} order by id`);
}

describe('search analytics', () => {
  it('records REST searches with the query, the result count and a zero-result flag, without waiting for the database', async () => {
    const found = await call(searchApi, 'GET', '/api/v1/search', { query: 'query=Sneaker' });
    expect(found.status).toBe(200);
    const nothing = `zzqx${stamp}`;
    const empty = await call(searchApi, 'GET', '/api/v1/search', { query: `query=${nothing}` });
    expect(empty.body.total).toBe(0);
    // Buffered: nothing is written on the request's path.
    expect(await searchEvents(nothing)).toHaveLength(0);
    expect(await flushAnalytics(db)).toBeGreaterThanOrEqual(2);

    const [zero] = await searchEvents(nothing);
    expect(zero!.data).toMatchObject({ query: nothing, results: 0, zeroResults: true, source: 'api', filters: 0 });
    const sneaker = (await searchEvents('sneaker')).at(-1)!;
    expect(sneaker.data).toMatchObject({ results: found.body.total, zeroResults: false });
    expect(found.body.total).toBeGreaterThan(0);
  });

  it('skips browsing without words and later pages of the same search', async () => {
    await call(searchApi, 'GET', '/api/v1/search', { query: 'query=' });
    await call(searchApi, 'GET', '/api/v1/search', { query: `query=page${stamp}&page=2` });
    await flushAnalytics(db);
    expect(await searchEvents('')).toHaveLength(0);
    expect(await searchEvents(`page${stamp}`)).toHaveLength(0);
  });

  it('lists the top searches and the searches that found nothing for the overview', async () => {
    for (let i = 0; i < 30; i++) trackSearch({ query: `  Rain   JACKET${stamp} `, total: 12, source: 'page' });
    for (let i = 0; i < 25; i++) trackSearch({ query: `unicorn${stamp}`, total: 0, source: 'page' });
    trackSearch({ query: `filtered${stamp}`, total: 0, filters: 2, source: 'page' });
    await flushAnalytics(db);
    const top = await topSearches(db, 30, 3);
    expect(top[0]).toEqual({ query: `rain jacket${stamp}`, searches: 30, lastResults: 12 });
    expect(top[1]).toEqual({ query: `unicorn${stamp}`, searches: 25, lastResults: 0 });
    const zero = await zeroResultSearches(db, 30);
    expect(zero[0]).toEqual({ query: `unicorn${stamp}`, searches: 25, lastResults: 0 });
    // A search narrowed by filters to nothing is not a gap in the catalogue.
    expect(zero.map((z) => z.query)).not.toContain(`filtered${stamp}`);
    expect(await zeroResultSearches(db, 30, 5).then((rows) => rows.every((r) => r.lastResults === 0))).toBe(true);
  });

  it('normalises queries', () => {
    expect(normaliseQuery('  Rain \n Jacket ')).toBe('rain jacket');
    expect(normaliseQuery('x'.repeat(500))).toHaveLength(200);
  });
});
