import { z } from 'zod';
import { ApiError, parseInput } from '@/lib/api/errors';
import { route } from '@/lib/api/http';
import { idSchema } from '@/lib/api/ids';
import { track } from '@/lib/analytics/recorder';

const beacon = z.object({ type: z.literal('product_view'), productId: idSchema, variantId: idSchema.optional() }).strict();

/** Product views from cached pages, sent with navigator.sendBeacon. Answers 204 at once. */
export const POST = route(async (request) => {
  const text = await request.text();
  if (text.length > 2048) throw new ApiError(413, 'payload_too_large', 'Too large');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_request', 'The body is not valid JSON');
  }
  const event = parseInput(beacon, raw);
  track({ type: event.type, productId: event.productId, variantId: event.variantId ?? null });
  return new Response(null, { status: 204 });
});
