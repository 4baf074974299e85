/** Finders over the seeded demo shop for tests. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export type VariantFixture = { id: string; sku: string; productId: string; priceCents: number; available: number };

/** Active variants with at least `min` (and at most `max`) units available, in SKU order. */
export async function variantsWithStock(db: DbOrTx, min: number, max = 1_000_000, limit = 10): Promise<VariantFixture[]> {
  const rows = await db.execute<{ id: string; sku: string; product_id: string; price_cents: number; available: number }>(sql`
    select v.id, v.sku, v.product_id, v.price_cents, coalesce(sum(l.on_hand - l.reserved), 0)::int as available
    from product_variants v left join inventory_levels l on l.variant_id = v.id
    where v.status = 'active'
    group by v.id
    having coalesce(sum(l.on_hand - l.reserved), 0) between ${min} and ${max}
    order by v.sku limit ${limit}`);
  return rows.map((r) => ({ id: r.id, sku: r.sku, productId: r.product_id, priceCents: r.price_cents, available: r.available }));
}

export async function userIdByEmail(db: DbOrTx, email: string): Promise<string> {
  const [row] = await db.execute<{ id: string }>(sql`select id from users where email = ${email}`);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}
