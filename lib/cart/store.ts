/**
 * Carts and their lines (PostgreSQL). A cart never reserves stock: it only
 * remembers what the shopper wants and at what price they first saw it.
 * Every write first locks the cart row (`update … where status = 'open'`), so
 * concurrent writes to one cart queue up and none is lost, and a cart that
 * checkout has converted cannot change under it.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { cartItems, carts, productVariants, products } from '@/db/schema';
import { ApiError, invalidField } from '@/lib/api/errors';
import { findPromotionByCode } from '@/lib/promotions/store';
import { evaluatePromotion } from '@/lib/promotions/rules';
import { formatMoney } from '@/lib/money';
import { MAX_CART_LINES, maxLineQuantity } from './limits';

export async function createGuestCart(db: DbOrTx): Promise<string> {
  const [row] = await db.insert(carts).values({}).returning({ id: carts.id });
  return row!.id;
}

/** The user's open cart, if they have one (read-only: for pages). */
export async function findOpenUserCart(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.userId, userId), eq(carts.status, 'open')));
  return row?.id ?? null;
}

/** The user's one open cart, created on first use. */
export async function getOrCreateUserCart(db: DbOrTx, userId: string): Promise<string> {
  const inserted = await db.execute<{ id: string }>(sql`
    insert into carts (user_id) values (${userId})
    on conflict (user_id) where status = 'open' and user_id is not null do nothing
    returning id`);
  if (inserted[0]) return inserted[0].id;
  const existing = await findOpenUserCart(db, userId);
  if (!existing) throw new Error('the open cart vanished while it was being fetched');
  return existing;
}

/** The cart if it is still open and belongs to a guest; a cookie may point at a cart that was merged or converted. */
export async function findOpenGuestCart(db: DbOrTx, cartId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: carts.id })
    .from(carts)
    .where(and(eq(carts.id, cartId), eq(carts.status, 'open'), sql`${carts.userId} is null`));
  return row?.id ?? null;
}

async function lockOpenCart(tx: DbOrTx, cartId: string): Promise<void> {
  const rows = await tx
    .update(carts)
    .set({ updatedAt: sql`now()` })
    .where(and(eq(carts.id, cartId), eq(carts.status, 'open')))
    .returning({ id: carts.id });
  if (rows.length === 0) throw new ApiError(409, 'conflict', 'This cart can no longer be changed (it was checked out or merged).');
}

/** The current price of an active variant of an active product; 400 naming item_id otherwise. */
async function sellableVariant(tx: DbOrTx, variantId: string): Promise<{ priceCents: number; currency: string }> {
  const [row] = await tx
    .select({ priceCents: productVariants.priceCents, currency: productVariants.currency })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.id, variantId), eq(productVariants.status, 'active'), eq(products.status, 'active')));
  if (!row) throw invalidField('item_id', 'no such item is for sale');
  return row;
}

/** Adds units of a variant, keeping the price the shopper first saw on the line. */
export async function addToCart(db: DbOrTx, cartId: string, variantId: string, quantity: number): Promise<number> {
  const cap = maxLineQuantity();
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > cap) throw invalidField('quantity', `must be a whole number from 1 to ${cap}`);
  return inTransaction(db, async (tx) => {
    await lockOpenCart(tx, cartId);
    const variant = await sellableVariant(tx, variantId);
    const [{ lines } = { lines: 0 }] = await tx.select({ lines: count() }).from(cartItems).where(eq(cartItems.cartId, cartId));
    const rows = await tx.execute<{ quantity: number }>(sql`
      insert into cart_items (cart_id, variant_id, quantity, price_at_add_cents)
      values (${cartId}, ${variantId}, ${quantity}, ${variant.priceCents})
      on conflict (cart_id, variant_id) do update
        set quantity = cart_items.quantity + excluded.quantity, updated_at = now()
        where cart_items.quantity + excluded.quantity <= ${cap}
      returning quantity, (xmax = 0) as inserted`);
    if (!rows[0]) throw invalidField('quantity', `at most ${cap} of one item per order`);
    if ((rows[0] as { inserted?: boolean }).inserted && lines >= MAX_CART_LINES) {
      throw invalidField('item_id', `a cart holds at most ${MAX_CART_LINES} different items`);
    }
    return rows[0].quantity;
  });
}

export async function setLineQuantity(db: DbOrTx, cartId: string, variantId: string, quantity: number): Promise<void> {
  const cap = maxLineQuantity();
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > cap) throw invalidField('quantity', `must be a whole number from 1 to ${cap}`);
  await inTransaction(db, async (tx) => {
    await lockOpenCart(tx, cartId);
    const rows = await tx
      .update(cartItems)
      .set({ quantity, updatedAt: sql`now()` })
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)))
      .returning({ quantity: cartItems.quantity });
    if (rows.length === 0) throw new ApiError(404, 'not_found', 'That item is not in the cart');
  });
}

export async function removeLine(db: DbOrTx, cartId: string, variantId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockOpenCart(tx, cartId);
    const rows = await tx
      .delete(cartItems)
      .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)))
      .returning({ variantId: cartItems.variantId });
    if (rows.length === 0) throw new ApiError(404, 'not_found', 'That item is not in the cart');
  });
}

/** Remembers a promotion code on the cart after checking it applies now; 400 naming promo_code with the reason if not. */
export async function applyPromoCode(db: DbOrTx, cartId: string, code: string, subtotalCents: number, currency: string): Promise<void> {
  const promotion = await findPromotionByCode(db, code);
  if (!promotion) throw invalidField('promo_code', `${code.trim().toUpperCase()} is not a valid code`);
  const outcome = evaluatePromotion(promotion, { subtotalCents, currency }, new Date(), formatMoney);
  if (!outcome.ok) throw invalidField('promo_code', outcome.message);
  await inTransaction(db, async (tx) => {
    await lockOpenCart(tx, cartId);
    await tx.update(carts).set({ promoCode: promotion.code }).where(eq(carts.id, cartId));
  });
}

export async function clearPromoCode(db: DbOrTx, cartId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    await lockOpenCart(tx, cartId);
    await tx.update(carts).set({ promoCode: null }).where(eq(carts.id, cartId));
  });
}

export async function cartItemCount(db: DbOrTx, cartId: string): Promise<number> {
  const [row] = await db
    .select({ units: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId));
  return row?.units ?? 0;
}
