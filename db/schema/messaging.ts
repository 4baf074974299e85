import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { users } from './users';

/**
 * Every e-mail the shop sends. Written in the transaction that decided to send
 * it (status `queued`), then handed to SMTP by a job (`sent`/`failed`); without
 * SMTP configured it stays `stored` and is read in the dev mailbox.
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    status: text('status').$type<'queued' | 'stored' | 'sent' | 'failed'>().notNull().default('queued'),
    /** One mail per source event and recipient, however often its job runs. */
    dedupeKey: text('dedupe_key').unique(),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_messages_created_idx').on(t.createdAt),
    check('mail_messages_status_check', sql`${t.status} in ('queued', 'stored', 'sent', 'failed')`),
  ],
);

/** Where a batch job got to (e.g. the last order the recommendations counted), so the next run is incremental. */
export const batchState = pgTable('batch_state', {
  name: text('name').primaryKey(),
  watermark: jsonb('watermark').$type<Record<string, unknown>>().notNull().default({}),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
});
