import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { cents, createdAt, currency, updatedAt } from './columns';
import { productStatus, variantStatus } from './enums';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type ProductAttributes = Record<string, string>;
export type VariantOptions = { color?: string; size?: string } & Record<string, string>;

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id, { onDelete: 'restrict' }),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('categories_parent_idx').on(t.parentId)],
);

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    brand: text('brand').notNull().default(''),
    description: text('description').notNull().default(''),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    status: productStatus('status').notNull().default('draft'),
    featured: boolean('featured').notNull().default(false),
    attributes: jsonb('attributes').$type<ProductAttributes>().notNull().default({}),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('english'::regconfig, coalesce(${products.name}, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(${products.brand}, '')), 'B') || setweight(to_tsvector('english'::regconfig, coalesce(${products.description}, '')), 'C')`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('products_category_idx').on(t.categoryId),
    index('products_status_created_idx').on(t.status, t.createdAt),
    index('products_search_idx').using('gin', t.searchVector),
  ],
);

export const productVariants = pgTable(
  'product_variants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull().unique(),
    title: text('title').notNull().default(''),
    options: jsonb('options').$type<VariantOptions>().notNull().default({}),
    priceCents: cents('price_cents').notNull(),
    currency: currency(),
    position: integer('position').notNull().default(0),
    status: variantStatus('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('product_variants_product_idx').on(t.productId),
    check('product_variants_price_nonnegative', sql`${t.priceCents} >= 0`),
  ],
);

export const productImages = pgTable(
  'product_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** Set when the image shows one colour of the product. */
    variantColor: text('variant_color'),
    url: text('url').notNull(),
    alt: text('alt').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);

/**
 * The stock label each variant's cached pages were last revalidated with, so
 * pages are refreshed when a label changes (in stock → low → sold out), not on
 * every sale.
 */
export const publishedStockStates = pgTable('published_stock_states', {
  variantId: uuid('variant_id')
    .primaryKey()
    .references(() => productVariants.id, { onDelete: 'cascade' }),
  state: text('state').notNull(),
  updatedAt: updatedAt(),
});
