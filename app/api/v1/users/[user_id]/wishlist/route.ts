import { getDb, type DbOrTx } from '@/db/client';
import { ownUserId, requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { json, route } from '@/lib/api/http';
import { idempotent } from '@/lib/api/idempotency';
import { paginated, parsePage, type Page } from '@/lib/api/pagination';
import { wishlistItemJson } from '@/lib/api/views';
import { wishlistAddSchema } from '@/lib/wishlist/schemas';
import { addToWishlist, listWishlist } from '@/lib/wishlist/wishlist';

type Context = { params: Promise<{ user_id: string }> };

async function page(db: DbOrTx, userId: string, pageRequest: Page) {
  const all = await listWishlist(db, userId);
  return paginated(all.slice(pageRequest.offset, pageRequest.offset + pageRequest.limit).map(wishlistItemJson), pageRequest, all.length);
}

export const GET = route<Context>(async (request, { params }) => {
  const userId = ownUserId(await requireActor(request), (await params).user_id);
  return json(await page(getDb(), userId, parsePage(new URL(request.url))));
});

/** Adds an item (adding one that is already there is fine) and answers the first page of the list. */
export const POST = route<Context>(async (request, { params }) => {
  const actor = await requireActor(request);
  const userId = ownUserId(actor, (await params).user_id);
  const { value, text } = await readJson(request, wishlistAddSchema);
  const pageRequest = parsePage(new URL(request.url));
  return idempotent(request, `user:${actor.id}`, text, async (tx) => {
    await addToWishlist(tx, userId, value.item_id);
    return { status: 200, body: await page(tx, userId, pageRequest) };
  });
});
