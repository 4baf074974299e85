/** The dev mailbox: every mail the shop wrote, newest first, for when no SMTP server is configured. */
import { count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { mailMessages } from '@/db/schema';
import { isStaff, type AuthUser } from '@/lib/auth/users';

export type MailRow = typeof mailMessages.$inferSelect;

/** Staff always; anyone else only outside production. */
export function mayReadMailbox(user: Pick<AuthUser, 'role'> | null, env: NodeJS.ProcessEnv = process.env): boolean {
  if (user && isStaff(user.role)) return true;
  return env.NODE_ENV !== 'production';
}

export async function listMail(db: DbOrTx, page: { offset: number; limit: number }): Promise<{ mails: Omit<MailRow, 'html' | 'text'>[]; total: number }> {
  const [mails, [totals]] = await Promise.all([
    db
      .select({
        id: mailMessages.id,
        userId: mailMessages.userId,
        to: mailMessages.to,
        subject: mailMessages.subject,
        status: mailMessages.status,
        dedupeKey: mailMessages.dedupeKey,
        error: mailMessages.error,
        createdAt: mailMessages.createdAt,
        sentAt: mailMessages.sentAt,
      })
      .from(mailMessages)
      .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(mailMessages),
  ]);
  return { mails, total: totals?.total ?? 0 };
}

export async function loadMail(db: DbOrTx, id: string): Promise<MailRow | null> {
  const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  return mail ?? null;
}
