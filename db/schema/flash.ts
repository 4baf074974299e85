import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { productVariants } from './catalog';
import { createdAt } from './columns';
import { users } from './users';

/** A flash sale: one variant sold hot in a time window, behind a waiting room and the stock gate (lib/flash). */
export const flashSales = pgTable(
  'flash_sales',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Visitors let out of the waiting room per second. */
    admitPerSecond: integer('admit_per_second').notNull(),
    /** Most units one order may take of the hot variant. */
    maxPerOrder: integer('max_per_order').notNull().default(1),
    buckets: smallint('buckets').notNull().default(8),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('flash_sales_variant_window_idx').on(t.variantId, t.startsAt, t.endsAt),
    check('flash_sales_window', sql`${t.endsAt} > ${t.startsAt}`),
    check('flash_sales_rate', sql`${t.admitPerSecond} between 1 and 100000`),
    check('flash_sales_max_per_order', sql`${t.maxPerOrder} between 1 and 100`),
    check('flash_sales_buckets', sql`${t.buckets} between 1 and 64`),
  ],
);
