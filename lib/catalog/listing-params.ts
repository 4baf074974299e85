import { z } from 'zod';
import { LISTING_SORTS, type ListingSort } from './types';

export const LISTING_PAGE_SIZE = 24;
const MAX_PAGE = 10_000;

const schema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
  sort: z.enum(LISTING_SORTS).catch('featured'),
});

/** Reads ?page= and ?sort= leniently: a person who edits the URL gets the defaults, not an error page. */
export function parseListingParams(params: Record<string, string | string[] | undefined>): { page: number; sort: ListingSort } {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return schema.parse({ page: first(params.page) ?? 1, sort: first(params.sort) ?? 'featured' });
}
