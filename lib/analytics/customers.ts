/**
 * Customers as the merchant sees them: how often they ordered, what they are
 * worth (lifetime value: the totals of their paid orders — confirmed,
 * processing, shipped or delivered; cancelled, refunded and unpaid orders do
 * not count) and when they last ordered. Archived orders count like live ones.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { parseInput } from '@/lib/api/errors';
import { listOrders, type OrderSummary } from '@/lib/orders/view';

const PAID = sql.raw(`('confirmed', 'processing', 'shipped', 'delivered')`);

export const CUSTOMER_SORTS = ['recent', 'value', 'orders', 'newest', 'name'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const customerListSchema = z.object({
  /** Any part of the email or the name. */
  search: z.preprocess(emptyToUndefined, z.string().trim().max(200, { error: 'must be at most 200 characters' }).optional()),
  sort: z.preprocess(emptyToUndefined, z.enum(CUSTOMER_SORTS, { error: `must be one of ${CUSTOMER_SORTS.join(', ')}` }).default('recent')),
  page: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100_000).default(1)),
  limit: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }).default(25)),
});

export type CustomerListFilter = z.infer<typeof customerListSchema>;

export type CustomerStats = {
  id: string;
  email: string;
  name: string | null;
  since: Date;
  /** Every order placed, whatever became of it. */
  orderCount: number;
  /** Orders that were paid (confirmed through delivered). */
  paidOrderCount: number;
  lifetimeValueCents: number;
  currency: string;
  lastOrderAt: Date | null;
};

type StatsRow = {
  id: string; email: string; name: string | null; created_at: Date | string; order_count: number; paid_count: number;
  ltv: string | number; currency: string | null; last_order_at: Date | string | null;
};

function toStats(row: StatsRow): CustomerStats {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    since: new Date(row.created_at),
    orderCount: row.order_count,
    paidOrderCount: row.paid_count,
    lifetimeValueCents: Number(row.ltv),
    currency: row.currency ?? 'USD',
    lastOrderAt: row.last_order_at ? new Date(row.last_order_at) : null,
  };
}

const ORDER_BY: Record<CustomerSort, SQL> = {
  recent: sql`last_order_at desc nulls last, u.created_at desc, u.id`,
  value: sql`ltv desc, last_order_at desc nulls last, u.id`,
  orders: sql`order_count desc, last_order_at desc nulls last, u.id`,
  newest: sql`u.created_at desc, u.id`,
  name: sql`lower(coalesce(nullif(u.name, ''), u.email)), u.id`,
};

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function statsQuery(where: SQL, orderBy: SQL, limit: number, offset: number): SQL {
  // The shop sells in one currency; the most used one is shown with the value.
  return sql`
    select u.id, u.email, u.name, u.created_at,
           count(o.id)::int as order_count,
           count(o.id) filter (where o.status in ${PAID})::int as paid_count,
           coalesce(sum(o.total_cents) filter (where o.status in ${PAID}), 0)::bigint as ltv,
           mode() within group (order by o.currency) as currency,
           max(o.created_at) as last_order_at
    from users u
    left join all_orders o on o.user_id = u.id
    where ${where}
    group by u.id
    order by ${orderBy}
    limit ${limit} offset ${offset}`;
}

export type CustomerList = { customers: CustomerStats[]; total: number; page: number; limit: number; pageCount: number; filter: CustomerListFilter };

/** Customers (the customer role), with their numbers; searchable by email or name. 400 naming the parameter on bad input. */
export async function listCustomers(db: DbOrTx, input: unknown): Promise<CustomerList> {
  const filter = parseInput(customerListSchema, input);
  const conditions: SQL[] = [sql`u.role = 'customer'`];
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search.toLowerCase())}%`;
    conditions.push(sql`(lower(u.email) like ${pattern} or lower(coalesce(u.name, '')) like ${pattern})`);
  }
  const where = sql.join(conditions, sql` and `);
  const offset = (filter.page - 1) * filter.limit;
  const [rows, [count]] = await Promise.all([
    db.execute<StatsRow>(statsQuery(where, ORDER_BY[filter.sort], filter.limit, offset)),
    db.execute<{ n: number }>(sql`select count(*)::int as n from users u where ${where}`),
  ]);
  const total = count?.n ?? 0;
  return { customers: rows.map(toStats), total, page: filter.page, limit: filter.limit, pageCount: Math.max(1, Math.ceil(total / filter.limit)), filter };
}

/** One customer's numbers (any account that can order), or null. */
export async function customerStats(db: DbOrTx, userId: string): Promise<CustomerStats | null> {
  const id = z.uuid().safeParse(userId);
  if (!id.success) return null;
  const [row] = await db.execute<StatsRow>(statsQuery(sql`u.id = ${id.data}`, sql`u.id`, 1, 0));
  return row ? toStats(row) : null;
}

/** A customer's orders, newest first, paginated. */
export async function customerOrders(
  db: DbOrTx,
  userId: string,
  page: { page: number; limit: number },
): Promise<{ orders: OrderSummary[]; total: number; page: number; limit: number; pageCount: number }> {
  const { orders, total } = await listOrders(db, { userId, offset: (page.page - 1) * page.limit, limit: page.limit });
  return { orders, total, page: page.page, limit: page.limit, pageCount: Math.max(1, Math.ceil(total / page.limit)) };
}
