/**
 * Catalog reads straight from PostgreSQL. Pages use the cached wrappers in
 * ./cached.ts; tests and the REST API call these directly.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { categories, productImages, productVariants, products } from '@/db/schema';
import { availableByVariant } from '@/lib/inventory/availability';
import type { CategoryNode, ItemView, Listing, ListingQuery, ProductDetail } from './types';

export async function fetchCategoryTree(db: DbOrTx): Promise<CategoryNode[]> {
  const rows = await db
    .select({
      id: categories.id,
      parentId: categories.parentId,
      slug: categories.slug,
      name: categories.name,
      description: categories.description,
    })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.name));
  const nodes = new Map<string, CategoryNode>(rows.map((row) => [row.id, { ...row, children: [] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** A category and every category below it. */
export function descendantIds(node: CategoryNode): string[] {
  return [node.id, ...node.children.flatMap(descendantIds)];
}

/** The path from a root down to the first category matching `match`, or null. */
export function findCategoryPath(tree: CategoryNode[], match: (node: CategoryNode) => boolean): CategoryNode[] | null {
  for (const node of tree) {
    if (match(node)) return [node];
    const below = findCategoryPath(node.children, match);
    if (below) return [node, ...below];
  }
  return null;
}

const ORDER_BY: Record<ListingQuery['sort'], SQL> = {
  featured: sql`p.featured desc, p.created_at desc, p.id`,
  newest: sql`p.created_at desc, p.id`,
  price_asc: sql`v.price_min asc, p.id`,
  price_desc: sql`v.price_min desc, p.id`,
};

export async function fetchListing(db: DbOrTx, query: ListingQuery): Promise<Listing> {
  const filters: SQL[] = [sql`p.status = 'active'`];
  if (query.categoryIds) {
    if (query.categoryIds.length === 0) return { items: [], total: 0, page: query.page, limit: query.limit };
    filters.push(sql`p.category_id in (${sql.join(query.categoryIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  if (query.featuredOnly) filters.push(sql`p.featured`);

  const rows = await db.execute<{
    id: string; slug: string; name: string; brand: string; category_slug: string;
    price_min: number; price_max: number; currency: string; available: number;
    image_url: string | null; image_alt: string | null; image_color: string | null; total: number;
  }>(sql`
    select p.id, p.slug, p.name, p.brand, c.slug as category_slug,
           v.price_min, v.price_max, v.currency,
           coalesce(s.available, 0)::int as available,
           img.url as image_url, img.alt as image_alt, img.variant_color as image_color,
           count(*) over ()::int as total
    from products p
    join categories c on c.id = p.category_id
    join lateral (
      select min(pv.price_cents)::int as price_min, max(pv.price_cents)::int as price_max, min(pv.currency) as currency
      from product_variants pv where pv.product_id = p.id and pv.status = 'active'
    ) v on v.price_min is not null
    left join lateral (
      select sum(l.on_hand - l.reserved) as available
      from product_variants pv join inventory_levels l on l.variant_id = pv.id
      where pv.product_id = p.id and pv.status = 'active'
    ) s on true
    left join lateral (
      select i.url, i.alt, i.variant_color from product_images i where i.product_id = p.id order by i.position limit 1
    ) img on true
    where ${sql.join(filters, sql` and `)}
    order by ${ORDER_BY[query.sort]}
    limit ${query.limit} offset ${(query.page - 1) * query.limit}`);

  return {
    items: rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      brand: row.brand,
      categorySlug: row.category_slug,
      priceMinCents: row.price_min,
      priceMaxCents: row.price_max,
      currency: row.currency,
      available: row.available,
      image: row.image_url ? { url: row.image_url, alt: row.image_alt ?? '', color: row.image_color } : null,
    })),
    total: rows[0]?.total ?? (query.page > 1 ? await countListing(db, filters) : 0),
    page: query.page,
    limit: query.limit,
  };
}

/** The total when the requested page is past the end (no row carries the window count). */
async function countListing(db: DbOrTx, filters: SQL[]): Promise<number> {
  const [row] = await db.execute<{ total: number }>(
    sql`select count(*)::int as total from products p where ${sql.join(filters, sql` and `)}
        and exists (select 1 from product_variants pv where pv.product_id = p.id and pv.status = 'active')`,
  );
  return row?.total ?? 0;
}

export async function fetchProductIdBySlug(db: DbOrTx, slug: string): Promise<string | null> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.status, 'active')));
  return row?.id ?? null;
}

export async function fetchProduct(db: DbOrTx, productId: string): Promise<ProductDetail | null> {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.status, 'active')));
  if (!product) return null;

  const [variants, images, tree] = await Promise.all([
    db
      .select()
      .from(productVariants)
      .where(and(eq(productVariants.productId, productId), eq(productVariants.status, 'active')))
      .orderBy(asc(productVariants.position), asc(productVariants.sku)),
    db.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(asc(productImages.position)),
    fetchCategoryTree(db),
  ]);
  const available = await availableByVariant(db, variants.map((v) => v.id));
  const categoryPath = findCategoryPath(tree, (node) => node.id === product.categoryId) ?? [];

  return {
    id: product.id,
    slug: product.slug,
    name: product.name,
    brand: product.brand,
    description: product.description,
    attributes: product.attributes,
    breadcrumb: categoryPath.map((node) => ({ slug: node.slug, name: node.name })),
    images: images.map((image) => ({ url: image.url, alt: image.alt, color: image.variantColor })),
    variants: variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      title: variant.title,
      options: variant.options as Record<string, string>,
      priceCents: variant.priceCents,
      currency: variant.currency,
      available: available.get(variant.id) ?? 0,
    })),
  };
}

/** One active variant of an active product, in the REST API's shape; null when there is none. */
export async function fetchItem(db: DbOrTx, variantId: string): Promise<ItemView | null> {
  const [row] = await db
    .select({
      variant: productVariants,
      productName: products.name,
      productAttributes: products.attributes,
      categorySlug: categories.slug,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(and(eq(productVariants.id, variantId), eq(productVariants.status, 'active'), eq(products.status, 'active')));
  if (!row) return null;
  const stock = (await availableByVariant(db, [variantId])).get(variantId) ?? 0;
  const { variant } = row;
  return {
    item_id: variant.id,
    product_id: variant.productId,
    sku: variant.sku,
    name: variant.title && variant.title !== 'Standard' ? `${row.productName} (${variant.title})` : row.productName,
    category: row.categorySlug,
    attributes: { ...row.productAttributes, ...(variant.options as Record<string, string>) },
    price_cents: variant.priceCents,
    currency: variant.currency,
    stock,
  };
}
