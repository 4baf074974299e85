/** The numbers on the dashboard's overview, for the last `days` days. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

const PAID = sql`('confirmed', 'processing', 'shipped', 'delivered')`;

export type DaySales = { day: string; orders: number; revenueCents: number };

/** Orders placed and revenue of paid orders, per day (UTC), every day present. */
export async function salesByDay(db: DbOrTx, days: number): Promise<DaySales[]> {
  const rows = await db.execute<{ day: string; orders: number; revenue: number }>(sql`
    with days as (select generate_series(current_date - ${days - 1}::int, current_date, interval '1 day')::date as day)
    select to_char(d.day, 'YYYY-MM-DD') as day,
           count(o.id)::int as orders,
           coalesce(sum(o.total_cents) filter (where o.status in ${PAID}), 0)::int as revenue
    from days d left join orders o on (o.created_at at time zone 'UTC')::date = d.day
    group by d.day order by d.day`);
  return rows.map((r) => ({ day: r.day, orders: r.orders, revenueCents: r.revenue }));
}

export type Funnel = { views: number; carts: number; checkouts: number; orders: number; paid: number };

export async function funnel(db: DbOrTx, days: number): Promise<Funnel> {
  const [row] = await db.execute<Funnel>(sql`
    select
      (select count(*)::int from analytics_events where type = 'product_view' and created_at > now() - make_interval(days => ${days})) as views,
      (select count(distinct data->>'cartId')::int from analytics_events where type = 'add_to_cart' and created_at > now() - make_interval(days => ${days})) as carts,
      (select count(*)::int from analytics_events where type = 'checkout_started' and created_at > now() - make_interval(days => ${days})) as checkouts,
      (select count(*)::int from orders where created_at > now() - make_interval(days => ${days})) as orders,
      (select count(*)::int from analytics_events where type = 'paid' and created_at > now() - make_interval(days => ${days})) as paid`);
  return row!;
}

export async function topProducts(db: DbOrTx, days: number, limit = 5) {
  return db.execute<{ product_id: string; name: string; units: number; revenue: number }>(sql`
    select p.id as product_id, p.name, sum(i.quantity)::int as units, sum(i.quantity * i.unit_price_cents)::int as revenue
    from order_items i join orders o on o.id = i.order_id join product_variants v on v.id = i.variant_id join products p on p.id = v.product_id
    where o.status in ${PAID} and o.created_at > now() - make_interval(days => ${days})
    group by p.id order by units desc, revenue desc limit ${limit}`);
}

export async function stockAlerts(db: DbOrTx, threshold: number, limit = 10) {
  return db.execute<{ variant_id: string; sku: string; name: string; available: number }>(sql`
    select v.id as variant_id, v.sku, p.name, coalesce(sum(l.on_hand - l.reserved), 0)::int as available
    from product_variants v join products p on p.id = v.product_id left join inventory_levels l on l.variant_id = v.id
    where v.status = 'active' and p.status = 'active'
    group by v.id, p.id having coalesce(sum(l.on_hand - l.reserved), 0) <= ${threshold}
    order by available asc, v.sku limit ${limit}`);
}

export async function awaitingFulfilment(db: DbOrTx, limit = 10) {
  return db.execute<{ id: string; number: number; status: string; email: string; total_cents: number; currency: string; created_at: Date }>(sql`
    select id, number, status, email, total_cents, currency, created_at from orders
    where status in ('confirmed', 'processing') order by created_at asc limit ${limit}`);
}

export async function flaggedPayments(db: DbOrTx, limit = 10) {
  return db.execute<{ order_id: string; number: number; reason: string; amount_cents: number; currency: string }>(sql`
    select o.id as order_id, o.number, p.flagged_reason as reason, p.amount_cents, p.currency
    from payments p join orders o on o.id = p.order_id
    where p.flagged_reason is not null order by p.updated_at desc limit ${limit}`);
}
