import { requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { route } from '@/lib/api/http';
import { idempotent } from '@/lib/api/idempotency';
import { sendNotification } from '@/lib/notifications/inbox';
import { notificationJson } from '@/lib/notifications/json';
import { sendNotificationSchema } from '@/lib/notifications/schemas';

/** A merchant or admin writes to one user: 201 the notification (a customer also gets it by e-mail). */
export const POST = route(async (request) => {
  const actor = await requireActor(request, ['merchant', 'admin']);
  const { value, text } = await readJson(request, sendNotificationSchema);
  return idempotent(request, `user:${actor.id}`, text, async (tx) => {
    const item = await sendNotification(tx, actor, { userId: value.user_id, type: value.type, message: value.message });
    return { status: 201, body: notificationJson(item) };
  });
});
