import { z } from 'zod';
import { parseInput } from './errors';

export type Page = { page: number; limit: number; offset: number };

/** `?page=&limit=` of every paginated list (also documents them in the OpenAPI description). */
export const pageQuerySchema = z.object({
  page: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100_000).default(1),
  limit: z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }).default(20),
});

/** `?page=&limit=` (limit ≤ 100); 400 naming the parameter when malformed. */
export function parsePage(url: URL): Page {
  const { page, limit } = parseInput(pageQuerySchema, {
    page: url.searchParams.get('page') ?? undefined,
    limit: url.searchParams.get('limit') ?? undefined,
  });
  return { page, limit, offset: (page - 1) * limit };
}

export function paginated<T>(data: T[], page: Page, total: number) {
  return { data, page: page.page, limit: page.limit, total };
}
