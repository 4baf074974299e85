/**
 * Reading recommendations: "bought together" for one product or a cart,
 * "recommended for you" from a shopper's purchases and wishlist, and popular
 * products (most sold in the last 30 days, then featured) as the fallback.
 * Only active products with something to sell are suggested.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { ProductCard } from '@/lib/catalog/types';
import { BOUGHT_TOGETHER } from './bought-together';

export type RecommendedProduct = ProductCard & {
  /** The variant a "buy" would pick: the cheapest one in stock. */
  itemId: string;
  itemPriceCents: number;
  source: 'bought_together' | 'popular';
};

const PAID_STATUSES = sql`('confirmed', 'processing', 'shipped', 'delivered')`;
export const POPULAR_DAYS = 30;

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Cards for `ids`, in that order; products that are inactive or sold out are left out. */
async function cards(db: DbOrTx, ids: readonly string[], source: RecommendedProduct['source']): Promise<RecommendedProduct[]> {
  if (ids.length === 0) return [];
  const rows = await db.execute<{
    id: string; slug: string; name: string; brand: string; category_slug: string; price_min: number; price_max: number;
    currency: string; available: number; item_id: string; item_price: number; image_url: string | null; image_alt: string | null; image_color: string | null;
  }>(sql`
    select p.id, p.slug, p.name, p.brand, c.slug as category_slug, v.price_min, v.price_max, v.currency,
           s.available::int as available, item.id as item_id, item.price_cents as item_price,
           img.url as image_url, img.alt as image_alt, img.variant_color as image_color
    from unnest(${uuidArray(ids)}) with ordinality as wanted(id, position)
    join products p on p.id = wanted.id and p.status = 'active'
    join categories c on c.id = p.category_id
    join lateral (
      select min(pv.price_cents)::int as price_min, max(pv.price_cents)::int as price_max, min(pv.currency) as currency
      from product_variants pv where pv.product_id = p.id and pv.status = 'active'
    ) v on v.price_min is not null
    join lateral (
      select coalesce(sum(l.on_hand - l.reserved), 0) as available
      from product_variants pv join inventory_levels l on l.variant_id = pv.id
      where pv.product_id = p.id and pv.status = 'active'
    ) s on s.available > 0
    join lateral (
      select pv.id, pv.price_cents from product_variants pv
      where pv.product_id = p.id and pv.status = 'active'
        and exists (select 1 from inventory_levels l where l.variant_id = pv.id and l.on_hand > l.reserved)
      order by pv.price_cents, pv.position limit 1
    ) item on true
    left join lateral (
      select i.url, i.alt, i.variant_color from product_images i where i.product_id = p.id order by i.position limit 1
    ) img on true
    order by wanted.position`);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    brand: r.brand,
    categorySlug: r.category_slug,
    priceMinCents: r.price_min,
    priceMaxCents: r.price_max,
    currency: r.currency,
    available: r.available,
    image: r.image_url ? { url: r.image_url, alt: r.image_alt ?? '', color: r.image_color } : null,
    itemId: r.item_id,
    itemPriceCents: r.item_price,
    source,
  }));
}

/**
 * Products most often bought together with `productIds` (their scores summed),
 * best first, leaving out `productIds` and `exclude`. More candidates than
 * `limit` are ranked so that sold-out ones can be skipped.
 */
export async function boughtTogether(
  db: DbOrTx,
  productIds: readonly string[],
  options: { limit?: number; exclude?: readonly string[] } = {},
): Promise<RecommendedProduct[]> {
  const limit = options.limit ?? 4;
  if (productIds.length === 0) return [];
  const skip = [...productIds, ...(options.exclude ?? [])];
  const ranked = await db.execute<{ id: string }>(sql`
    select recommended_product_id as id from recommendations
    where kind = ${BOUGHT_TOGETHER} and product_id = any(${uuidArray(productIds)})
      and not (recommended_product_id = any(${uuidArray(skip)}))
    group by recommended_product_id
    order by sum(score) desc, recommended_product_id
    limit ${limit * 3}`);
  return (await cards(db, ranked.map((r) => r.id), 'bought_together')).slice(0, limit);
}

/** Most units sold in paid orders over the last 30 days, then featured products, then the newest. */
export async function popularProducts(db: DbOrTx, options: { limit?: number; exclude?: readonly string[]; days?: number } = {}): Promise<RecommendedProduct[]> {
  const limit = options.limit ?? 8;
  const exclude = options.exclude ?? [];
  const ranked = await db.execute<{ id: string }>(sql`
    with sold as (
      select v.product_id, sum(i.quantity)::int as units
      from orders o join order_items i on i.order_id = o.id join product_variants v on v.id = i.variant_id
      where o.status in ${PAID_STATUSES} and o.created_at > now() - make_interval(days => ${options.days ?? POPULAR_DAYS})
      group by v.product_id
    )
    select p.id from products p left join sold on sold.product_id = p.id
    where p.status = 'active' and not (p.id = any(${uuidArray(exclude)}))
      and (sold.units is not null or p.featured)
    order by sold.units desc nulls last, p.featured desc, p.created_at desc, p.id
    limit ${limit * 3}`);
  return (await cards(db, ranked.map((r) => r.id), 'popular')).slice(0, limit);
}

/**
 * "Recommended for you": products bought together with what the shopper bought
 * or wished for, leaving out what they already bought (and what is on their
 * wishlist already), topped up with popular products.
 */
export async function recommendedForUser(db: DbOrTx, userId: string, limit = 8): Promise<RecommendedProduct[]> {
  const [history] = await db.execute<{ bought: string[] | null; wished: string[] | null }>(sql`
    select
      (select array_agg(distinct v.product_id) from orders o join order_items i on i.order_id = o.id
         join product_variants v on v.id = i.variant_id
       where o.user_id = ${userId} and o.status in ${PAID_STATUSES}) as bought,
      (select array_agg(distinct v.product_id) from wishlist_items w join product_variants v on v.id = w.variant_id
       where w.user_id = ${userId}) as wished`);
  const bought = history?.bought ?? [];
  const wished = history?.wished ?? [];
  const seeds = [...new Set([...bought, ...wished])];
  const personal = await boughtTogether(db, seeds, { limit });
  if (personal.length >= limit) return personal;
  const popular = await popularProducts(db, { limit: limit - personal.length, exclude: [...seeds, ...personal.map((p) => p.id)] });
  return [...personal, ...popular];
}
