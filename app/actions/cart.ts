'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { track } from '@/lib/analytics/recorder';
import { addToCart, applyPromoCode, cartItemCount, clearPromoCode, removeLine, setLineQuantity } from '@/lib/cart/store';
import { promoCodeSchema, quantitySchema } from '@/lib/cart/schemas';
import { loadCart } from '@/lib/cart/view';
import { failure, invalidInput, type ActionResult } from '@/lib/session/action-result';
import { currentCartIdForWrite } from '@/lib/session/cart-cookie';

const lineInput = z.object({ item_id: idSchema, quantity: quantitySchema });

/**
 * Re-render the cart page for the shopper who changed it. Only that page: the
 * catalog pages are cached for everyone, and the header fetches its count.
 */
function refreshShop() {
  revalidatePath('/cart');
  revalidatePath('/checkout');
}

export async function addToCartAction(input: { itemId: string; quantity?: number }): Promise<ActionResult<{ itemCount: number }>> {
  const parsed = lineInput.safeParse({ item_id: input.itemId, quantity: input.quantity ?? 1 });
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const cartId = await currentCartIdForWrite();
    await addToCart(getDb(), cartId, parsed.data.item_id, parsed.data.quantity);
    track({ type: 'add_to_cart', variantId: parsed.data.item_id, data: { quantity: parsed.data.quantity, cartId } });
    refreshShop();
    return { ok: true, message: 'Added to your cart', data: { itemCount: await cartItemCount(getDb(), cartId) } };
  } catch (error) {
    return failure(error);
  }
}

export async function updateCartLineAction(input: { itemId: string; quantity: number }): Promise<ActionResult> {
  const parsed = lineInput.safeParse({ item_id: input.itemId, quantity: input.quantity });
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await setLineQuantity(getDb(), await currentCartIdForWrite(), parsed.data.item_id, parsed.data.quantity);
    refreshShop();
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function removeCartLineAction(input: { itemId: string }): Promise<ActionResult> {
  const parsed = idSchema.safeParse(input.itemId);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await removeLine(getDb(), await currentCartIdForWrite(), parsed.data);
    refreshShop();
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}

export async function applyPromoCodeAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = z.object({ promo_code: promoCodeSchema }).safeParse({ promo_code: form.get('promo_code') });
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const cartId = await currentCartIdForWrite();
    const cart = await loadCart(getDb(), cartId);
    await applyPromoCode(getDb(), cartId, parsed.data.promo_code, cart.totals.subtotalCents, cart.totals.currency);
    refreshShop();
    return { ok: true, message: 'Code applied' };
  } catch (error) {
    return failure(error);
  }
}

export async function removePromoCodeAction(): Promise<ActionResult> {
  try {
    await clearPromoCode(getDb(), await currentCartIdForWrite());
    refreshShop();
    return { ok: true };
  } catch (error) {
    return failure(error);
  }
}
