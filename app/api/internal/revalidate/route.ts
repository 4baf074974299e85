import { revalidateTag } from 'next/cache';
import { z } from 'zod';
import { ApiError, parseInput } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { verifyRevalidation } from '@/lib/catalog/remote-revalidate';

const bodySchema = z.object({ tags: z.array(z.string().min(1).max(256)).min(1).max(200) }).strict();

/** Called by the job runner (signed with AUTH_SECRET) to mark cached pages stale. */
export const POST = route(async (request) => {
  const text = await request.text();
  if (text.length > 64 * 1024) throw new ApiError(413, 'payload_too_large', 'Too many tags');
  if (!verifyRevalidation(text, request.headers.get('x-stockwise-signature'))) {
    throw new ApiError(401, 'unauthenticated', 'Missing or bad signature');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'The body is not valid JSON');
  }
  const { tags } = parseInput(bodySchema, raw);
  // Expire at once: a shopper who reloads must see "Sold out" now, not after one more stale view.
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  return json({ revalidated: tags.length });
});
