/** The REST shape of a notification (API.md field names). */
import type { NotificationItem } from './inbox';

export function notificationJson(item: NotificationItem) {
  return {
    notification_id: item.id,
    type: item.type,
    message: item.message,
    data: item.data,
    read: item.readAt !== null,
    read_at: item.readAt,
    created_at: item.createdAt,
  };
}
