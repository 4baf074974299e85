/**
 * The `send-mail` job: hands one queued mail to SMTP and marks it sent. A
 * failure is recorded on the row and thrown, so graphile-worker retries with
 * backoff; the last attempt marks the mail failed. Sending happens outside any
 * transaction; a crash between sending and marking sends it once more (the
 * Message-ID stays the same, so receivers can tell).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { mailMessages } from '@/db/schema';
import { mailSettings, type MailSettings } from './config';
import type { Mailer } from './mailer';
import { smtpMailerFor } from './smtp-mailer';

export type SendOutcome = 'sent' | 'skipped' | 'stored';

export async function sendQueuedMail(
  db: DbOrTx,
  mailId: string,
  options: { mailer?: Mailer; settings?: MailSettings; attempt?: { attempts: number; maxAttempts: number } } = {},
): Promise<SendOutcome> {
  const settings = options.settings ?? mailSettings();
  const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.id, mailId));
  if (!mail || mail.status !== 'queued') return 'skipped';
  if (settings.kind !== 'smtp') {
    // SMTP was switched off after the mail was queued: keep it readable in the dev mailbox.
    await db.update(mailMessages).set({ status: 'stored' }).where(and(eq(mailMessages.id, mailId), eq(mailMessages.status, 'queued')));
    return 'stored';
  }
  const mailer = options.mailer ?? smtpMailerFor(settings.url);
  try {
    await mailer.send({
      from: settings.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@stockwise.mail>`,
    });
  } catch (error) {
    const last = options.attempt ? options.attempt.attempts >= options.attempt.maxAttempts : false;
    await db
      .update(mailMessages)
      .set({ error: String(error instanceof Error ? error.message : error).slice(0, 2000), status: last ? 'failed' : 'queued' })
      .where(and(eq(mailMessages.id, mailId), eq(mailMessages.status, 'queued')));
    throw error;
  }
  await db
    .update(mailMessages)
    .set({ status: 'sent', sentAt: sql`now()`, error: null })
    .where(and(eq(mailMessages.id, mailId), eq(mailMessages.status, 'queued')));
  return 'sent';
}

/** The job handler's body: `payload` is `{ mailId }`; `job` is graphile-worker's (attempts so far, most allowed). */
export async function runSendMailJob(db: DbOrTx, payload: unknown, job: { attempts: number; max_attempts: number }): Promise<SendOutcome> {
  const mailId = (payload as { mailId?: unknown } | null)?.mailId;
  if (typeof mailId !== 'string') throw new Error('send-mail job payload has no mailId');
  return sendQueuedMail(db, mailId, { attempt: { attempts: job.attempts, maxAttempts: job.max_attempts } });
}
