/**
 * Writes notifications: the in-app row and, for shoppers, the e-mail, in one
 * transaction. Rows carry a dedupe key and are inserted `on conflict do
 * nothing`, so writing the same delivery twice (a retried job) changes nothing;
 * the SMTP job is queued only by the insert that actually wrote the mail.
 */
import { sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { mailMessages, notifications } from '@/db/schema';
import { publicUrl } from '@/lib/app-url';
import { addJob } from '@/lib/events/outbox';
import { MAIL_MAX_ATTEMPTS, MAIL_TASK, mailSettings } from './config';
import { renderMail, type Notice, type ShopperNotice } from './templates';

/**
 * Who gets one notice. A user gets it in the inbox; a shopper's copy also goes
 * to `mailTo`. A guest order (no user) is told by e-mail alone.
 */
export type Delivery =
  | { audience: 'staff'; userId: string; notice: Notice; dedupeKey: string | null }
  | { audience: 'shopper'; userId: string | null; mailTo: { email: string; name: string | null } | null; notice: ShopperNotice; dedupeKey: string | null };

export type Delivered = { notificationIds: string[]; mailIds: string[] };

export function deliver(db: DbOrTx, deliveries: readonly Delivery[]): Promise<Delivered> {
  return inTransaction(db, async (tx) => {
    const result: Delivered = { notificationIds: [], mailIds: [] };
    const settings = mailSettings();
    for (const delivery of deliveries) {
      if (delivery.userId) {
        const [row] = await tx
          .insert(notifications)
          .values({
            userId: delivery.userId,
            type: delivery.notice.type,
            message: delivery.notice.message,
            data: delivery.notice.data,
            dedupeKey: delivery.dedupeKey,
          })
          .onConflictDoNothing({ target: notifications.dedupeKey })
          .returning({ id: notifications.id });
        if (row) result.notificationIds.push(row.id);
      }
      if (delivery.audience !== 'shopper' || !delivery.mailTo?.email) continue;
      const mail = renderMail(delivery.notice, delivery.mailTo, publicUrl());
      const [mailRow] = await tx
        .insert(mailMessages)
        .values({
          userId: delivery.userId,
          to: delivery.mailTo.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          status: settings.kind === 'smtp' ? 'queued' : 'stored',
          dedupeKey: delivery.dedupeKey,
        })
        .onConflictDoNothing({ target: mailMessages.dedupeKey })
        .returning({ id: mailMessages.id });
      if (!mailRow) continue;
      result.mailIds.push(mailRow.id);
      if (settings.kind === 'smtp') {
        await addJob(tx, MAIL_TASK, { mailId: mailRow.id }, { jobKey: `mail:${mailRow.id}`, maxAttempts: MAIL_MAX_ATTEMPTS });
      }
    }
    return result;
  });
}

/** Every merchant and admin: they share the shop's inbox of stock and payment alerts. */
export async function staffUserIds(db: DbOrTx): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`select id from users where role in ('merchant', 'admin') order by created_at, id`);
  return rows.map((r) => r.id);
}
