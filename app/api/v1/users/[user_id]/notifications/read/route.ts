import { getDb } from '@/db/client';
import { ownUserId, requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { json, route } from '@/lib/api/http';
import { markRead, unreadCount } from '@/lib/notifications/inbox';
import { markReadSchema } from '@/lib/notifications/schemas';

type Context = { params: Promise<{ user_id: string }> };

/** Marks `notification_ids` (or, left out, all) read; answers how many changed and how many are still unread. Safe to repeat. */
export const POST = route<Context>(async (request, { params }) => {
  const userId = ownUserId(await requireActor(request), (await params).user_id);
  const { value } = await readJson(request, markReadSchema);
  const db = getDb();
  const updated = await markRead(db, userId, value.notification_ids);
  return json({ updated, unread: await unreadCount(db, userId) });
});
