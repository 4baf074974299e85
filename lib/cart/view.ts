/** The cart as a shopper sees it: today's prices, what changed, what is short, and the totals. */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { cartItems, carts, productVariants, products } from '@/db/schema';
import { computeTotals, type Totals } from '@/lib/checkout/totals';
import { ratesFromEnv } from '@/lib/checkout/rates';
import { availableByVariant } from '@/lib/inventory/availability';
import { findPromotionByCode } from '@/lib/promotions/store';

export type CartLineStatus = 'ok' | 'short' | 'sold_out' | 'unavailable';

export type CartLine = {
  variantId: string;
  productId: string;
  slug: string;
  name: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  quantity: number;
  unitPriceCents: number;
  priceAtAddCents: number;
  priceChanged: boolean;
  currency: string;
  available: number;
  status: CartLineStatus;
  lineTotalCents: number;
};

export type CartView = {
  id: string;
  promoCode: string | null;
  lines: CartLine[];
  itemCount: number;
  totals: Totals;
  /** Lines that cannot be bought as they are (sold out, short, or no longer sold). */
  problems: number;
};

export async function loadCart(db: DbOrTx, cartId: string, options: { country?: string | null } = {}): Promise<CartView> {
  const [cart] = await db.select({ id: carts.id, promoCode: carts.promoCode, currency: carts.currency }).from(carts).where(eq(carts.id, cartId));
  if (!cart) throw new Error(`cart ${cartId} does not exist`);

  const rows = await db
    .select({
      variantId: cartItems.variantId,
      quantity: cartItems.quantity,
      priceAtAddCents: cartItems.priceAtAddCents,
      productId: products.id,
      slug: products.slug,
      name: products.name,
      variantTitle: productVariants.title,
      sku: productVariants.sku,
      unitPriceCents: productVariants.priceCents,
      currency: productVariants.currency,
      sellable: sql<boolean>`${productVariants.status} = 'active' and ${products.status} = 'active'`,
      imageUrl: sql<string | null>`(
        select i.url from product_images i
        where i.product_id = ${products.id}
        order by (i.variant_color is not distinct from ${productVariants.options}->>'color') desc, i.position
        limit 1)`,
    })
    .from(cartItems)
    .innerJoin(productVariants, eq(productVariants.id, cartItems.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.variantId));

  const available = await availableByVariant(db, rows.map((row) => row.variantId));
  const lines: CartLine[] = rows.map(({ sellable, ...row }) => {
    const units = available.get(row.variantId) ?? 0;
    const status: CartLineStatus = !sellable ? 'unavailable' : units <= 0 ? 'sold_out' : units < row.quantity ? 'short' : 'ok';
    return {
      ...row,
      priceChanged: row.unitPriceCents !== row.priceAtAddCents,
      available: Math.max(0, units),
      status,
      lineTotalCents: row.unitPriceCents * row.quantity,
    };
  });

  const promotion = cart.promoCode ? await findPromotionByCode(db, cart.promoCode) : null;
  const totals = computeTotals({
    lines: lines.filter((line) => line.status !== 'unavailable'),
    currency: cart.currency,
    promotion,
    country: options.country,
    rates: ratesFromEnv(),
    now: new Date(),
  });

  return {
    id: cart.id,
    promoCode: cart.promoCode,
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    totals,
    problems: lines.filter((line) => line.status !== 'ok').length,
  };
}
