import { getDb } from '@/db/client';
import { notFound } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { fetchItem } from '@/lib/catalog/queries';

type Context = { params: Promise<{ item_id: string }> };

export const GET = route<Context>(async (_request, { params }) => {
  const itemId = parseId((await params).item_id, 'item_id');
  const item = await fetchItem(getDb(), itemId);
  if (!item) throw notFound('Item');
  return json(item);
});
