/** Builds search documents from the catalog: one per active product, with its variants and what is available. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { fetchCategoryTree, findCategoryPath } from '@/lib/catalog/queries';
import type { SearchDocument } from './types';

type Row = {
  product_id: string;
  slug: string;
  name: string;
  brand: string;
  description: string;
  category_id: string;
  created_at: Date;
  image_url: string | null;
  variants: { variantId: string; color: string | null; size: string | null; priceCents: number; currency: string; available: number; imageUrl: string | null }[];
};

/** Documents for these products (all active products when `productIds` is null), in product-id order. */
export async function loadSearchDocuments(
  db: DbOrTx,
  options: { productIds?: readonly string[] | null; after?: string | null; limit?: number } = {},
): Promise<SearchDocument[]> {
  const filters = [sql`p.status = 'active'`, sql`exists (select 1 from product_variants v where v.product_id = p.id and v.status = 'active')`];
  if (options.productIds) {
    if (options.productIds.length === 0) return [];
    filters.push(sql`p.id in (${sql.join(options.productIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  if (options.after) filters.push(sql`p.id > ${options.after}::uuid`);
  const rows = await db.execute<Row>(sql`
    select p.id as product_id, p.slug, p.name, p.brand, p.description, p.category_id, p.created_at,
      (select i.url from product_images i where i.product_id = p.id order by i.position limit 1) as image_url,
      coalesce((
        select jsonb_agg(jsonb_build_object(
          'variantId', v.id, 'color', v.options->>'color', 'size', v.options->>'size',
          'priceCents', v.price_cents, 'currency', v.currency,
          'available', coalesce((select sum(l.on_hand - l.reserved) from inventory_levels l where l.variant_id = v.id), 0),
          'imageUrl', (select i.url from product_images i where i.product_id = p.id
                       order by (i.variant_color is not distinct from v.options->>'color') desc, i.position limit 1)
        ) order by v.position, v.sku)
        from product_variants v where v.product_id = p.id and v.status = 'active'), '[]'::jsonb) as variants
    from products p
    where ${sql.join(filters, sql` and `)}
    order by p.id
    ${options.limit ? sql`limit ${options.limit}` : sql``}`);
  const tree = await fetchCategoryTree(db);
  return rows.map((row) => {
      const path = findCategoryPath(tree, (node) => node.id === row.category_id) ?? [];
      return {
        productId: row.product_id,
        slug: row.slug,
        name: row.name,
        brand: row.brand,
        description: row.description,
        categorySlugs: path.map((node) => node.slug),
        categoryNames: path.map((node) => node.name),
        imageUrl: row.image_url,
        createdAt: new Date(row.created_at),
        variants: row.variants.map((v) => ({ ...v, available: Math.max(0, Number(v.available)) })),
      };
  });
}

/** The products these variants belong to (for syncing after stock moves). */
export async function productIdsOfVariants(db: DbOrTx, variantIds: readonly string[]): Promise<string[]> {
  if (variantIds.length === 0) return [];
  const rows = await db.execute<{ product_id: string }>(sql`
    select distinct product_id from product_variants where id in (${sql.join(variantIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return rows.map((r) => r.product_id);
}
