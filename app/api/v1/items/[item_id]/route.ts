import { getDb } from '@/db/client';
import { requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { notFound } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { itemUpdateSchema, updateItem } from '@/lib/catalog/admin-products';
import { revalidateProductCaches } from '@/lib/catalog/cache-tags';
import { fetchItem } from '@/lib/catalog/queries';

type Context = { params: Promise<{ item_id: string }> };

export const GET = route<Context>(async (_request, { params }) => {
  const itemId = parseId((await params).item_id, 'item_id');
  const item = await fetchItem(getDb(), itemId);
  if (!item) throw notFound('Item');
  return json(item);
});

/**
 * PUT /items/{item_id} (merchant, admin): `{ price_cents?, name?, attributes?,
 * stock?: [{ warehouse_id?, quantity }] }`, quantity = new units on hand (the
 * default warehouse when warehouse_id is left out). Below what open orders
 * reserved → 409 and nothing changes. Answers the item.
 */
export const PUT = route<Context>(async (request, { params }) => {
  const actor = await requireActor(request, ['merchant', 'admin']);
  const itemId = parseId((await params).item_id, 'item_id');
  const { value } = await readJson(request, itemUpdateSchema);
  const { item, productId } = await getDb().transaction(async (tx) => {
    const updated = await updateItem(tx, actor, itemId, value);
    return { item: await fetchItem(tx, updated.itemId), productId: updated.productId };
  });
  if (!item) throw notFound('Item');
  try {
    revalidateProductCaches(productId);
  } catch {
    // Outside a Next request (route handlers called from tests) there is no cache to refresh.
  }
  return json(item);
});
