import { getDb } from '@/db/client';
import { ownUserId, requireActor } from '@/lib/api/actor';
import { json, route } from '@/lib/api/http';
import { paginated, parsePage } from '@/lib/api/pagination';
import { listNotifications } from '@/lib/notifications/inbox';
import { notificationJson } from '@/lib/notifications/json';

type Context = { params: Promise<{ user_id: string }> };

/** The user's own notifications, newest first, paginated; `unread` counts the unread ones. */
export const GET = route<Context>(async (request, { params }) => {
  const userId = ownUserId(await requireActor(request), (await params).user_id);
  const page = parsePage(new URL(request.url));
  const { items, total, unread } = await listNotifications(getDb(), userId, page);
  return json({ ...paginated(items.map(notificationJson), page, total), unread });
});
