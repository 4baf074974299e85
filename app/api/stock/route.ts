import { z } from 'zod';
import { getDb } from '@/db/client';
import { parseInput } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { idSchema } from '@/lib/api/ids';
import { cachedAvailability } from '@/lib/catalog/stock-cache';
import { stockLabel } from '@/lib/catalog/stock-label';

const variantsSchema = z.array(idSchema).min(1, { error: 'name at least one variant' }).max(100, { error: 'at most 100 variants' });

/** Live stock labels for cached pages: `?variant=<id>` (repeatable), served from the key-value store. */
export const GET = route(async (request) => {
  const ids = parseInput(variantsSchema, new URL(request.url).searchParams.getAll('variant'), 'variant');
  const available = await cachedAvailability(getDb(), ids);
  return json(
    { stock: Object.fromEntries(ids.map((id) => [id, { available: available.get(id) ?? 0, ...stockLabel(available.get(id) ?? 0) }])) },
    200,
    { 'cache-control': 'no-store' },
  );
});
