import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export type StoreOverview = {
  activeProducts: number;
  variants: number;
  lowStockVariants: number;
  soldOutVariants: number;
  unitsAvailable: number;
  unitsReserved: number;
  ordersByStatus: Record<string, number>;
  customers: number;
};

/** The numbers at the top of the dashboard. */
export async function storeOverview(db: DbOrTx, lowStockThreshold: number): Promise<StoreOverview> {
  const [row] = await db.execute<{
    active_products: number; variants: number; low: number; sold_out: number; available: number; reserved: number; customers: number;
  }>(sql`
    with stock as (
      select v.id, coalesce(sum(l.on_hand - l.reserved), 0) as available, coalesce(sum(l.reserved), 0) as reserved
      from product_variants v left join inventory_levels l on l.variant_id = v.id
      where v.status = 'active' group by v.id)
    select (select count(*)::int from products where status = 'active') as active_products,
           (select count(*)::int from stock) as variants,
           (select count(*)::int from stock where available between 1 and ${lowStockThreshold}) as low,
           (select count(*)::int from stock where available <= 0) as sold_out,
           (select coalesce(sum(available), 0)::int from stock) as available,
           (select coalesce(sum(reserved), 0)::int from stock) as reserved,
           (select count(*)::int from users where role = 'customer') as customers`);
  const statuses = await db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from all_orders group by status`);
  return {
    activeProducts: row!.active_products,
    variants: row!.variants,
    lowStockVariants: row!.low,
    soldOutVariants: row!.sold_out,
    unitsAvailable: row!.available,
    unitsReserved: row!.reserved,
    customers: row!.customers,
    ordersByStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
  };
}
