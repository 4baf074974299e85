import { getDb } from '@/db/client';
import { ownUserId, requireActor } from '@/lib/api/actor';
import { json, route } from '@/lib/api/http';
import { paginated, parsePage } from '@/lib/api/pagination';
import { recommendationJson } from '@/lib/api/views';
import { recommendedForUser } from '@/lib/recommendations/queries';

type Context = { params: Promise<{ user_id: string }> };

/** Most suggestions one shopper gets: enough for a few pages of `limit`. */
const MAX_RECOMMENDATIONS = 48;

/** API.md `GET /users/{user_id}/recommendations`: bought together with their purchases and wishlist, else popular. */
export const GET = route<Context>(async (request, { params }) => {
  const userId = ownUserId(await requireActor(request), (await params).user_id);
  const pageRequest = parsePage(new URL(request.url));
  const all = await recommendedForUser(getDb(), userId, MAX_RECOMMENDATIONS);
  return json(paginated(all.slice(pageRequest.offset, pageRequest.offset + pageRequest.limit).map(recommendationJson), pageRequest, all.length));
});
