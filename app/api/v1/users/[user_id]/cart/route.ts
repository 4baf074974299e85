import { getDb } from '@/db/client';
import { ownUserId, requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { json, route } from '@/lib/api/http';
import { idempotent } from '@/lib/api/idempotency';
import { cartJson } from '@/lib/api/views';
import { addLineSchema } from '@/lib/cart/schemas';
import { addToCart, getOrCreateUserCart } from '@/lib/cart/store';
import { loadCart } from '@/lib/cart/view';

type Context = { params: Promise<{ user_id: string }> };

export const GET = route<Context>(async (request, { params }) => {
  const userId = ownUserId(await requireActor(request), (await params).user_id);
  const cartId = await getOrCreateUserCart(getDb(), userId);
  return json(cartJson(await loadCart(getDb(), cartId)));
});

/** Adds `quantity` units of `item_id` to the cart. */
export const POST = route<Context>(async (request, { params }) => {
  const actor = await requireActor(request);
  const userId = ownUserId(actor, (await params).user_id);
  const { value, text } = await readJson(request, addLineSchema);
  return idempotent(request, `user:${actor.id}`, text, async (tx) => {
    const cartId = await getOrCreateUserCart(tx, userId);
    await addToCart(tx, cartId, value.item_id, value.quantity);
    return { status: 200, body: cartJson(await loadCart(tx, cartId)) };
  });
});
