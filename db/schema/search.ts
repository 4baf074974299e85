import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, text, timestamp, uuid, char } from 'drizzle-orm/pg-core';
import { products, productVariants } from './catalog';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The PostgreSQL search index (lib/search owns it): one row per product for
 * the text and the product-level facets, one per variant for colour, size,
 * price and stock. Kept in sync from stock and product events by a job, like
 * an external engine's index would be.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    productId: uuid('product_id')
      .primaryKey()
      .references(() => products.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    brand: text('brand').notNull(),
    categorySlugs: text('category_slugs').array().notNull(),
    imageUrl: text('image_url'),
    searchVector: tsvector('search_vector').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('search_documents_vector_idx').using('gin', t.searchVector),
    index('search_documents_categories_idx').using('gin', t.categorySlugs),
    index('search_documents_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('search_documents_brand_idx').on(t.brand),
  ],
);

export const searchVariants = pgTable(
  'search_variants',
  {
    variantId: uuid('variant_id')
      .primaryKey()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => searchDocuments.productId, { onDelete: 'cascade' }),
    color: text('color'),
    size: text('size'),
    priceCents: integer('price_cents').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    inStock: boolean('in_stock').notNull(),
    /** The picture of this variant's colour, so a colour-filtered result shows that colour. */
    imageUrl: text('image_url'),
  },
  (t) => [
    index('search_variants_product_idx').on(t.productId),
    index('search_variants_color_idx').on(t.color),
    index('search_variants_size_idx').on(t.size),
    index('search_variants_price_idx').on(t.priceCents),
  ],
);

/** Every word the catalog uses, for "did you mean …" when a query finds nothing. */
export const searchWords = pgTable(
  'search_words',
  { word: text('word').primaryKey() },
  (t) => [index('search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`)],
);
