import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { cartItems, carts } from '@/db/schema';
import { availableByVariant } from '@/lib/inventory/availability';
import { MAX_CART_LINES, maxLineQuantity } from './limits';
import { getOrCreateUserCart } from './store';

/**
 * The quantity of a line after merging a guest's units into a user's cart:
 * the sum, capped by what is available and the per-line limit — but never
 * below what the user already had, and never dropping a line (a sold-out
 * line stays, at one unit, flagged in the cart).
 */
export function mergedQuantity(userQuantity: number, guestQuantity: number, available: number, cap = maxLineQuantity()): number {
  const wanted = Math.min(userQuantity + guestQuantity, cap, Math.max(available, 1));
  return Math.max(userQuantity, wanted);
}

/**
 * Moves a guest cart's lines into the user's cart on sign-in. Idempotent: a
 * guest cart that is not open (already merged) changes nothing. A line of an
 * item the user already has adds to it (up to the per-line cap); new items
 * stop at MAX_CART_LINES, so the cart can always be checked out.
 */
export async function mergeGuestCart(db: Db, guestCartId: string, userId: string): Promise<{ userCartId: string; mergedLines: number }> {
  return db.transaction(async (tx) => {
    const userCartId = await getOrCreateUserCart(tx, userId);
    // Lock both carts in id order, the order every cart writer uses.
    const ids = [guestCartId, userCartId].sort();
    const locked = await tx.execute<{ id: string; status: string; user_id: string | null; promo_code: string | null }>(sql`
      select id, status, user_id, promo_code from carts where id in (${ids[0]}, ${ids[1]}) order by id for update`);
    const guest = locked.find((row) => row.id === guestCartId);
    const userCart = locked.find((row) => row.id === userCartId);
    if (!guest || guest.status !== 'open' || guest.user_id !== null || guestCartId === userCartId) {
      return { userCartId, mergedLines: 0 };
    }

    const guestLines = await tx.select().from(cartItems).where(eq(cartItems.cartId, guestCartId));
    const userLines = new Map(
      (await tx.select().from(cartItems).where(eq(cartItems.cartId, userCartId))).map((line) => [line.variantId, line]),
    );
    const available = await availableByVariant(tx, guestLines.map((line) => line.variantId));

    let lineCount = userLines.size;
    let merged = 0;
    for (const line of guestLines) {
      const existing = userLines.get(line.variantId);
      if (!existing && lineCount >= MAX_CART_LINES) continue;
      merged++;
      const quantity = mergedQuantity(existing?.quantity ?? 0, line.quantity, available.get(line.variantId) ?? 0);
      if (existing) {
        await tx
          .update(cartItems)
          .set({ quantity, updatedAt: sql`now()` })
          .where(and(eq(cartItems.cartId, userCartId), eq(cartItems.variantId, line.variantId)));
      } else {
        await tx.insert(cartItems).values({ cartId: userCartId, variantId: line.variantId, quantity, priceAtAddCents: line.priceAtAddCents });
        lineCount++;
      }
    }
    await tx.update(carts).set({ status: 'merged', updatedAt: sql`now()` }).where(eq(carts.id, guestCartId));
    await tx
      .update(carts)
      .set({ updatedAt: sql`now()`, ...(userCart?.promo_code ? {} : { promoCode: guest.promo_code }) })
      .where(eq(carts.id, userCartId));
    return { userCartId, mergedLines: merged };
  });
}
