/** A signed-in shopper's wishlist: variants to buy later. Adding twice is harmless. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { productVariants, products, wishlistItems } from '@/db/schema';
import { ApiError, invalidField } from '@/lib/api/errors';
import { addToCart } from '@/lib/cart/store';
import { availableByVariant } from '@/lib/inventory/availability';

export type WishlistEntry = {
  variantId: string;
  productSlug: string;
  name: string;
  variantTitle: string;
  priceCents: number;
  currency: string;
  imageUrl: string | null;
  available: number;
  sellable: boolean;
  addedAt: Date;
};

export const MAX_WISHLIST_ITEMS = 200;

export async function addToWishlist(db: DbOrTx, userId: string, variantId: string): Promise<void> {
  const [variant] = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.id, variantId), eq(products.status, 'active')));
  if (!variant) throw invalidField('item_id', 'no such item is for sale');
  const [{ n } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(wishlistItems)
    .where(eq(wishlistItems.userId, userId));
  if (n >= MAX_WISHLIST_ITEMS) throw invalidField('item_id', `a wishlist holds at most ${MAX_WISHLIST_ITEMS} items`);
  await db.insert(wishlistItems).values({ userId, variantId }).onConflictDoNothing();
}

export async function removeFromWishlist(db: DbOrTx, userId: string, variantId: string): Promise<boolean> {
  const rows = await db
    .delete(wishlistItems)
    .where(and(eq(wishlistItems.userId, userId), eq(wishlistItems.variantId, variantId)))
    .returning({ variantId: wishlistItems.variantId });
  return rows.length > 0;
}

export async function listWishlist(db: DbOrTx, userId: string): Promise<WishlistEntry[]> {
  const rows = await db
    .select({
      variantId: wishlistItems.variantId,
      productSlug: products.slug,
      name: products.name,
      variantTitle: productVariants.title,
      priceCents: productVariants.priceCents,
      currency: productVariants.currency,
      sellable: sql<boolean>`${productVariants.status} = 'active' and ${products.status} = 'active'`,
      addedAt: wishlistItems.addedAt,
      imageUrl: sql<string | null>`(
        select i.url from product_images i where i.product_id = ${products.id}
        order by (i.variant_color is not distinct from ${productVariants.options}->>'color') desc, i.position limit 1)`,
    })
    .from(wishlistItems)
    .innerJoin(productVariants, eq(productVariants.id, wishlistItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(wishlistItems.userId, userId))
    .orderBy(desc(wishlistItems.addedAt), productVariants.sku);
  const available = await availableByVariant(db, rows.map((row) => row.variantId));
  return rows.map((row) => ({ ...row, available: Math.max(0, available.get(row.variantId) ?? 0) }));
}

/** Adds one unit to the cart and takes the item off the wishlist, together or not at all. */
export async function moveWishlistItemToCart(db: DbOrTx, userId: string, variantId: string, cartId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const removed = await removeFromWishlist(tx, userId, variantId);
    if (!removed) throw new ApiError(404, 'not_found', 'That item is not on your wishlist');
    await addToCart(tx, cartId, variantId, 1);
  });
}
