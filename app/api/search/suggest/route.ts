import { json, route } from '@/lib/api/http';
import { MAX_QUERY_LENGTH, withoutNul } from '@/lib/search/query-text';
import { searchEngine } from '@/lib/search/engine';

/** Product names for the search box as the shopper types: `?q=`. */
export const GET = route(async (request) => {
  const q = withoutNul(new URL(request.url).searchParams.get('q') ?? '').slice(0, MAX_QUERY_LENGTH);
  const suggestions = q.trim().length < 2 ? [] : await searchEngine().suggest(q, 6);
  return json({ suggestions }, 200, { 'cache-control': 'public, max-age=60' });
});
