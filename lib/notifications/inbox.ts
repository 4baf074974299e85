/** A user's inbox: list, unread count, mark read, and the notes merchants send by hand. */
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { notifications, users } from '@/db/schema';
import { invalidField } from '@/lib/api/errors';
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';
import { deliver } from './deliver';
import { manualNotice } from './templates';

export type NotificationItem = {
  id: string;
  type: string;
  message: string;
  data: Record<string, unknown>;
  /** Where following it leads (a path in the shop or dashboard), when it is about something. */
  href: string | null;
  readAt: Date | null;
  createdAt: Date;
};

const columns = {
  id: notifications.id,
  type: notifications.type,
  message: notifications.message,
  data: notifications.data,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

function toItem(row: Omit<NotificationItem, 'href'>): NotificationItem {
  const href = typeof row.data.href === 'string' && row.data.href.startsWith('/') ? row.data.href : null;
  return { ...row, href };
}

export async function listNotifications(
  db: DbOrTx,
  userId: string,
  page: { offset: number; limit: number },
): Promise<{ items: NotificationItem[]; total: number; unread: number }> {
  const [rows, [totals]] = await Promise.all([
    db
      .select(columns)
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count(), unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)::int` })
      .from(notifications)
      .where(eq(notifications.userId, userId)),
  ]);
  return { items: rows.map(toItem), total: totals?.total ?? 0, unread: totals?.unread ?? 0 };
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks the user's notifications read: these ids (others' ids are ignored), or all. Answers how many changed. */
export async function markRead(db: DbOrTx, userId: string, ids?: readonly string[]): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, [...ids]) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * A merchant or admin writes to one user. A customer with an e-mail also gets
 * it by mail, in the same transaction.
 */
export async function sendNotification(
  db: DbOrTx,
  sender: Pick<AuthUser, 'role'> | null,
  input: { userId: string; type: string; message: string },
): Promise<NotificationItem> {
  assertStaff(sender);
  return inTransaction(db, async (tx) => {
    const [recipient] = await tx.select({ id: users.id, email: users.email, name: users.name, role: users.role }).from(users).where(eq(users.id, input.userId));
    if (!recipient) throw invalidField('user_id', 'no user has this id');
    const notice = manualNotice(input.type, input.message);
    const mailTo = recipient.role === 'customer' && recipient.email ? { email: recipient.email, name: recipient.name } : null;
    const { notificationIds } = await deliver(tx, [{ audience: 'shopper', userId: recipient.id, mailTo, notice, dedupeKey: null }]);
    const [row] = await tx.select(columns).from(notifications).where(eq(notifications.id, notificationIds[0]!));
    return toItem(row!);
  });
}
