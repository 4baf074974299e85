/**
 * The guest cart lives in a signed, httpOnly cookie holding the cart id; it
 * lasts 30 days. Signed-in shoppers use their account's cart instead.
 */
import { cookies } from 'next/headers';
import { getDb } from '@/db/client';
import { createGuestCart, findOpenGuestCart, findOpenUserCart, getOrCreateUserCart } from '@/lib/cart/store';
import { requestCookieOptions } from './cookie-options';
import { signValue, verifySignedValue } from './signed-value';
import { getCurrentUser } from './current-user';

export const CART_COOKIE = 'sw_cart';
const PURPOSE = 'guest-cart';
const THIRTY_DAYS = 30 * 24 * 60 * 60;

/** The guest cart id from the cookie, if the cookie is genuine and the cart still open. */
export async function readGuestCartId(): Promise<string | null> {
  const cartId = verifySignedValue(PURPOSE, (await cookies()).get(CART_COOKIE)?.value);
  return cartId ? findOpenGuestCart(getDb(), cartId) : null;
}

export async function clearGuestCartCookie(): Promise<void> {
  (await cookies()).delete(CART_COOKIE);
}

/** The cart of this request, or null when there is none yet (pages must not create one). */
export async function currentCartId(): Promise<string | null> {
  const user = await getCurrentUser();
  if (user) return findOpenUserCart(getDb(), user.id);
  return readGuestCartId();
}

/** The cart of this request, created (and the cookie set) when needed. Server actions and route handlers only. */
export async function currentCartIdForWrite(): Promise<string> {
  const user = await getCurrentUser();
  if (user) return getOrCreateUserCart(getDb(), user.id);
  const existing = await readGuestCartId();
  if (existing) return existing;
  const cartId = await createGuestCart(getDb());
  (await cookies()).set(CART_COOKIE, signValue(PURPOSE, cartId), await requestCookieOptions(THIRTY_DAYS));
  return cartId;
}
