'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { failure, invalidInput, type ActionResult } from '@/lib/session/action-result';
import { currentCartIdForWrite } from '@/lib/session/cart-cookie';
import { getCurrentUser } from '@/lib/session/current-user';
import { addToWishlist, moveWishlistItemToCart, removeFromWishlist } from '@/lib/wishlist/wishlist';

const SIGN_IN_FIRST = { ok: false as const, message: 'Sign in to keep a wishlist.', fieldErrors: { auth: 'sign_in_required' } };

async function withWishlistItem(itemId: string, work: (userId: string, variantId: string) => Promise<void>, message?: string): Promise<ActionResult> {
  const parsed = idSchema.safeParse(itemId);
  if (!parsed.success) return invalidInput(parsed.error);
  const user = await getCurrentUser();
  if (!user) return SIGN_IN_FIRST;
  try {
    await work(user.id, parsed.data);
    revalidatePath('/wishlist');
    revalidatePath('/cart');
    return { ok: true, message };
  } catch (error) {
    return failure(error);
  }
}

export async function addToWishlistAction(input: { itemId: string }): Promise<ActionResult> {
  return withWishlistItem(input.itemId, (userId, variantId) => addToWishlist(getDb(), userId, variantId), 'Saved to your wishlist');
}

export async function removeFromWishlistAction(input: { itemId: string }): Promise<ActionResult> {
  return withWishlistItem(input.itemId, async (userId, variantId) => {
    await removeFromWishlist(getDb(), userId, variantId);
  });
}

export async function moveWishlistItemToCartAction(input: { itemId: string }): Promise<ActionResult> {
  return withWishlistItem(
    input.itemId,
    async (userId, variantId) => moveWishlistItemToCart(getDb(), userId, variantId, await currentCartIdForWrite()),
    'Moved to your cart',
  );
}
