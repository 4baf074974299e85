import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { carts, productVariants } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { variantsWithStock } from '@/test/fixtures';
import { mergeGuestCart, mergedQuantity } from './merge';
import { addToCart, applyPromoCode, createGuestCart, getOrCreateUserCart, removeLine, setLineQuantity } from './store';
import { loadCart } from './view';

const db = getDb();
let userCounter = 0;
const newUser = () => createUser(db, { email: `cart-${userCounter++}-${Date.now()}@example.com`, password: 'long-enough-password' });

async function errorOf(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    return error as { status?: number; code?: string; details?: { fields?: Record<string, string> } };
  }
  throw new Error('expected an error');
}

describe('guest carts', () => {
  it('keeps lines with the price at add time and shows current prices and totals', async () => {
    const [a, b] = await variantsWithStock(db, 10);
    const cartId = await createGuestCart(db);
    await addToCart(db, cartId, a!.id, 2);
    await addToCart(db, cartId, b!.id, 1);
    await addToCart(db, cartId, a!.id, 1);
    const cart = await loadCart(db, cartId);
    expect(cart.lines.map((l) => [l.variantId, l.quantity])).toEqual([[a!.id, 3], [b!.id, 1]]);
    expect(cart.itemCount).toBe(4);
    expect(cart.totals.subtotalCents).toBe(a!.priceCents * 3 + b!.priceCents);
    expect(cart.lines.every((l) => l.status === 'ok' && !l.priceChanged)).toBe(true);
  });

  it('flags a line whose price changed since it was added, and charges the new price', async () => {
    const [a] = await variantsWithStock(db, 10, 1_000_000, 1);
    const cartId = await createGuestCart(db);
    await addToCart(db, cartId, a!.id, 1);
    await db.update(productVariants).set({ priceCents: a!.priceCents + 500 }).where(eq(productVariants.id, a!.id));
    try {
      const [line] = (await loadCart(db, cartId)).lines;
      expect(line).toMatchObject({ priceChanged: true, priceAtAddCents: a!.priceCents, unitPriceCents: a!.priceCents + 500 });
    } finally {
      await db.update(productVariants).set({ priceCents: a!.priceCents }).where(eq(productVariants.id, a!.id));
    }
  });

  it('flags sold-out and short lines', async () => {
    const [soldOut] = await variantsWithStock(db, 0, 0, 1);
    const [low] = await variantsWithStock(db, 1, 3, 1);
    const cartId = await createGuestCart(db);
    await addToCart(db, cartId, soldOut!.id, 1);
    await addToCart(db, cartId, low!.id, 5);
    const cart = await loadCart(db, cartId);
    expect(cart.lines.find((l) => l.variantId === soldOut!.id)?.status).toBe('sold_out');
    expect(cart.lines.find((l) => l.variantId === low!.id)?.status).toBe('short');
    expect(cart.problems).toBe(2);
  });

  it('rejects bad quantities and unknown or archived items, naming the field, and changes nothing', async () => {
    const [a] = await variantsWithStock(db, 10, 1_000_000, 1);
    const cartId = await createGuestCart(db);
    for (const quantity of [0, -1, 1.5, 21, Number.NaN]) {
      expect((await errorOf(() => addToCart(db, cartId, a!.id, quantity))).details?.fields).toHaveProperty('quantity');
    }
    expect((await errorOf(() => addToCart(db, cartId, '00000000-0000-4000-8000-000000000000', 1))).details?.fields).toHaveProperty('item_id');
    await db.update(productVariants).set({ status: 'archived' }).where(eq(productVariants.id, a!.id));
    try {
      expect((await errorOf(() => addToCart(db, cartId, a!.id, 1))).status).toBe(400);
    } finally {
      await db.update(productVariants).set({ status: 'active' }).where(eq(productVariants.id, a!.id));
    }
    await addToCart(db, cartId, a!.id, 20);
    expect((await errorOf(() => addToCart(db, cartId, a!.id, 1))).details?.fields?.quantity).toMatch(/at most 20/);
    expect((await loadCart(db, cartId)).lines[0]?.quantity).toBe(20);
  });

  it('changes and removes lines; 404 for lines not in the cart', async () => {
    const [a] = await variantsWithStock(db, 10, 1_000_000, 1);
    const cartId = await createGuestCart(db);
    await addToCart(db, cartId, a!.id, 1);
    await setLineQuantity(db, cartId, a!.id, 4);
    expect((await loadCart(db, cartId)).itemCount).toBe(4);
    await removeLine(db, cartId, a!.id);
    expect((await loadCart(db, cartId)).lines).toEqual([]);
    expect((await errorOf(() => removeLine(db, cartId, a!.id))).status).toBe(404);
    expect((await errorOf(() => setLineQuantity(db, cartId, a!.id, 2))).status).toBe(404);
  });

  it('loses no update when many requests add to the same cart at once', async () => {
    const [a, b] = await variantsWithStock(db, 10, 1_000_000, 2);
    const cartId = await createGuestCart(db);
    await Promise.all([
      ...Array.from({ length: 15 }, () => addToCart(db, cartId, a!.id, 1)),
      ...Array.from({ length: 7 }, () => addToCart(db, cartId, b!.id, 2)),
    ]);
    const cart = await loadCart(db, cartId);
    expect(cart.lines.find((l) => l.variantId === a!.id)?.quantity).toBe(15);
    expect(cart.lines.find((l) => l.variantId === b!.id)?.quantity).toBe(14);
  });
});

describe('merging a guest cart on sign-in', () => {
  it('adds quantities: guest 2×A + user 1×A → 3×A, and brings over new lines', async () => {
    const [a, b] = await variantsWithStock(db, 10, 1_000_000, 2);
    const user = await newUser();
    const userCart = await getOrCreateUserCart(db, user.id);
    await addToCart(db, userCart, a!.id, 1);
    const guestCart = await createGuestCart(db);
    await addToCart(db, guestCart, a!.id, 2);
    await addToCart(db, guestCart, b!.id, 1);

    const result = await mergeGuestCart(db, guestCart, user.id);
    expect(result.userCartId).toBe(userCart);
    const cart = await loadCart(db, userCart);
    expect(cart.lines.find((l) => l.variantId === a!.id)?.quantity).toBe(3);
    expect(cart.lines.find((l) => l.variantId === b!.id)?.quantity).toBe(1);
    const [guest] = await db.select().from(carts).where(eq(carts.id, guestCart));
    expect(guest?.status).toBe('merged');

    // Merging again (a retried sign-in) changes nothing.
    await mergeGuestCart(db, guestCart, user.id);
    expect((await loadCart(db, userCart)).itemCount).toBe(4);
  });

  it('caps the merged quantity by what is available, without dropping lines', async () => {
    const [low] = await variantsWithStock(db, 2, 2, 1);
    const [soldOut] = await variantsWithStock(db, 0, 0, 1);
    const user = await newUser();
    const userCart = await getOrCreateUserCart(db, user.id);
    await addToCart(db, userCart, low!.id, 1);
    const guestCart = await createGuestCart(db);
    await addToCart(db, guestCart, low!.id, 2);
    await addToCart(db, guestCart, soldOut!.id, 3);
    await mergeGuestCart(db, guestCart, user.id);
    const cart = await loadCart(db, userCart);
    expect(cart.lines.find((l) => l.variantId === low!.id)?.quantity).toBe(2);
    expect(cart.lines.find((l) => l.variantId === soldOut!.id)).toMatchObject({ quantity: 1, status: 'sold_out' });
  });

  it('never lowers what the user already had, and respects the per-line limit', () => {
    expect(mergedQuantity(1, 2, 100)).toBe(3);
    expect(mergedQuantity(1, 2, 2)).toBe(2);
    expect(mergedQuantity(5, 2, 3)).toBe(5);
    expect(mergedQuantity(0, 4, 0)).toBe(1);
    expect(mergedQuantity(15, 10, 100, 20)).toBe(20);
  });

  it('gives one open cart per user, even when created concurrently', async () => {
    const user = await newUser();
    const ids = await Promise.all(Array.from({ length: 10 }, () => getOrCreateUserCart(db, user.id)));
    expect(new Set(ids).size).toBe(1);
  });
});

describe('promotion codes on the cart', () => {
  it('applies a valid code and explains why others do not apply', async () => {
    const [a] = await variantsWithStock(db, 10, 1_000_000, 1);
    const cartId = await createGuestCart(db);
    await addToCart(db, cartId, a!.id, 1);
    const { totals } = await loadCart(db, cartId);

    await applyPromoCode(db, cartId, ' welcome10 ', totals.subtotalCents, 'USD');
    const cart = await loadCart(db, cartId);
    expect(cart.promoCode).toBe('WELCOME10');
    expect(cart.totals.discountCents).toBe(Math.round(totals.subtotalCents / 10));

    expect((await errorOf(() => applyPromoCode(db, cartId, 'NOPE', 100, 'USD'))).details?.fields?.promo_code).toMatch(/not a valid code/);
    expect((await errorOf(() => applyPromoCode(db, cartId, 'SUMMER25', 100, 'USD'))).details?.fields?.promo_code).toMatch(/expired/);
    expect((await errorOf(() => applyPromoCode(db, cartId, 'SAVE15', 5000, 'USD'))).details?.fields?.promo_code).toMatch(/at least \$100\.00/);
  });

  it('keeps an applied code that later stops applying, and says why in the totals', async () => {
    const [a] = (await variantsWithStock(db, 10, 1_000_000, 3000)).filter((v) => v.priceCents >= 1000 && v.priceCents < 5000);
    const cartId = await createGuestCart(db);
    await addToCart(db, cartId, a!.id, 20);
    const { totals } = await loadCart(db, cartId);
    await applyPromoCode(db, cartId, 'SAVE15', totals.subtotalCents, 'USD');
    expect((await loadCart(db, cartId)).totals.discountCents).toBe(1500);
    await setLineQuantity(db, cartId, a!.id, 1);
    const cart = await loadCart(db, cartId);
    expect(cart.totals.discountCents).toBe(0);
    expect(cart.totals.promotion).toMatchObject({ code: 'SAVE15', applied: false });
  });
});
