import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

/** A digest of everything the seed writes except salted hashes and clock-stamped columns. */
export async function seedFingerprint(db: DbOrTx): Promise<string> {
  const queries = [
    sql`select id, parent_id, slug, name, description, position from categories order by id`,
    sql`select id, slug, name, brand, description, category_id, status, featured, attributes, created_at from products order by id`,
    sql`select id, product_id, sku, title, options, price_cents, currency, position, status from product_variants order by id`,
    sql`select id, product_id, variant_color, url, alt, position from product_images order by id`,
    sql`select variant_id, warehouse_id, bucket, on_hand, reserved from inventory_levels order by variant_id, warehouse_id, bucket`,
    sql`select id, code, name, supplier_id, is_default, priority from warehouses order by id`,
    sql`select id, name, email from suppliers order by id`,
    sql`select id, email, name, role from users order by id`,
    sql`select key_hash, user_id, prefix from api_keys order by key_hash`,
    sql`select code, kind, value, min_subtotal_cents, usage_limit, starts_at, ends_at from promotions order by code`,
    // The order history's times are relative to the seeding; everything else must match.
    sql`select id, number, user_id, email, status, subtotal_cents, shipping_cents, total_cents, shipping_address from orders order by number`,
    sql`select order_id, variant_id, sku, name, quantity, unit_price_cents from order_items order by order_id, variant_id`,
    sql`select order_id, from_status, to_status, reason, actor, actor_user_id, data from order_events order by order_id, id`,
    sql`select order_id, provider, status, amount_cents, idempotency_key, provider_payment_id from payments order by order_id`,
    sql`select kind, product_id, recommended_product_id, score from recommendations order by 1, 2, 3`,
  ];
  const hash = createHash('sha256');
  for (const query of queries) hash.update(JSON.stringify(await db.execute(query)));
  return hash.digest('hex');
}
