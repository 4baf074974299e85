'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { carts } from '@/db/schema';
import { notFound } from '@/lib/api/errors';
import { idSchema } from '@/lib/api/ids';
import { getOrCreateUserCart } from '@/lib/cart/store';
import { loadCart } from '@/lib/cart/view';
import { placeOrder } from '@/lib/checkout/place-order';
import { enforceRateLimit } from '@/lib/flash/rate-limit';
import { SHIPPING_METHODS, shippingAddressSchema } from '@/lib/checkout/schemas';
import { computeTotals, type Totals } from '@/lib/checkout/totals';
import { ratesFromEnv } from '@/lib/checkout/rates';
import { findPromotionByCode } from '@/lib/promotions/store';
import { failure, invalidInput, type ActionResult } from '@/lib/session/action-result';
import { getCurrentUser } from '@/lib/session/current-user';

const checkoutForm = z.object({
  shippingAddress: shippingAddressSchema,
  shippingMethod: z.enum(SHIPPING_METHODS, { error: 'choose a delivery option' }),
});

function addressFrom(form: FormData) {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  return {
    shippingAddress: {
      name: field('name') ?? '',
      line1: field('line1') ?? '',
      line2: field('line2'),
      city: field('city') ?? '',
      postalCode: field('postalCode') ?? '',
      country: field('country') ?? '',
      phone: field('phone'),
    },
    shippingMethod: field('shippingMethod'),
  };
}

/**
 * Places the order from the signed-in shopper's cart. Submitting twice (double
 * click, two tabs) yields the same order: the cart can be converted once.
 */
export async function placeOrderAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?callbackUrl=/checkout');
  const parsed = checkoutForm.safeParse(addressFrom(form));
  if (!parsed.success) {
    const result = invalidInput(parsed.error);
    // Field names in the form are flat: shippingAddress.city → city.
    result.fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^shippingAddress\./, ''), v]));
    return result;
  }
  // The cart the page showed: a second tab submitting it after the first lands on the same order.
  const formCart = idSchema.safeParse(form.get('cartId'));
  let orderId: string;
  try {
    const cartId = formCart.success ? await ownCart(user.id, formCart.data) : await getOrCreateUserCart(getDb(), user.id);
    const jar = await cookies();
    await enforceRateLimit('checkout', `user:${user.id}`);
    const admission = { cookie: (name: string) => jar.get(name)?.value };
    ({ orderId } = await placeOrder(getDb(), { userId: user.id, email: user.email, cartId, admission, ...parsed.data }));
  } catch (error) {
    return failure(error);
  }
  redirect(`/pay/${orderId}`);
}

/**
 * The form's cart, if it is the shopper's own (open, or already converted by another tab);
 * anyone else's id, or one that does not exist, is "not found" before anything in it is read.
 */
async function ownCart(userId: string, cartId: string): Promise<string> {
  const [cart] = await getDb().select({ id: carts.id }).from(carts).where(and(eq(carts.id, cartId), eq(carts.userId, userId)));
  if (!cart) throw notFound('Cart');
  return cart.id;
}

/** Totals for the chosen country and delivery option, before the order is placed. */
export async function previewTotalsAction(input: { country: string; shippingMethod: string }): Promise<Totals | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  const country = /^[A-Za-z]{2}$/.test(input.country) ? input.country.toUpperCase() : null;
  const method = input.shippingMethod === 'express' ? 'express' : 'standard';
  const cart = await loadCart(getDb(), await getOrCreateUserCart(getDb(), user.id));
  const promotion = cart.promoCode ? await findPromotionByCode(getDb(), cart.promoCode) : null;
  return computeTotals({
    lines: cart.lines.filter((l) => l.status !== 'unavailable'),
    currency: cart.totals.currency,
    promotion,
    country,
    shippingMethod: method,
    rates: ratesFromEnv(),
    now: new Date(),
  });
}
