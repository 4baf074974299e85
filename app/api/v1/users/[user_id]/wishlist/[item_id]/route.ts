import { getDb } from '@/db/client';
import { ownUserId, requireActor } from '@/lib/api/actor';
import { notFound } from '@/lib/api/errors';
import { route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { removeFromWishlist } from '@/lib/wishlist/wishlist';

type Context = { params: Promise<{ user_id: string; item_id: string }> };

export const DELETE = route<Context>(async (request, { params }) => {
  const { user_id, item_id } = await params;
  const userId = ownUserId(await requireActor(request), user_id);
  const removed = await removeFromWishlist(getDb(), userId, parseId(item_id, 'item_id'));
  if (!removed) throw notFound('Wishlist item');
  return new Response(null, { status: 204 });
});
