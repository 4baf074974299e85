import { getDb } from '@/db/client';
import { ownUserId, requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { json, route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { cartJson } from '@/lib/api/views';
import { setQuantitySchema } from '@/lib/cart/schemas';
import { getOrCreateUserCart, removeLine, setLineQuantity } from '@/lib/cart/store';
import { loadCart } from '@/lib/cart/view';

type Context = { params: Promise<{ user_id: string; item_id: string }> };

async function target(request: Request, context: Context) {
  const { user_id, item_id } = await context.params;
  const userId = ownUserId(await requireActor(request), user_id);
  return { itemId: parseId(item_id, 'item_id'), cartId: await getOrCreateUserCart(getDb(), userId) };
}

/** Sets the quantity of a line already in the cart. */
export const PATCH = route<Context>(async (request, context) => {
  const { itemId, cartId } = await target(request, context);
  const { value } = await readJson(request, setQuantitySchema);
  await setLineQuantity(getDb(), cartId, itemId, value.quantity);
  return json(cartJson(await loadCart(getDb(), cartId)));
});

export const DELETE = route<Context>(async (request, context) => {
  const { itemId, cartId } = await target(request, context);
  await removeLine(getDb(), cartId, itemId);
  return new Response(null, { status: 204 });
});
