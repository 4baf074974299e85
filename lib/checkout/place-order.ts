/**
 * Placing an order: ONE transaction that re-prices the lines from the catalog,
 * applies and redeems the promotion, reserves the stock, and writes the order,
 * its items, reservations, the payment row (idempotency key `order-<id>`), the
 * first order event and the jobs (expiry at `expires_at`, `order.created`).
 * Any shortfall rolls all of it back with 409 `out_of_stock` naming the item.
 * The payment provider is called after the commit, never inside.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { transactionWithRetry } from '@/db/retry';
import { cartItems, carts, orderEvents, orderItems, orders, payments, productVariants, products, type ShippingAddress } from '@/db/schema';
import { ApiError, conflict, invalidField } from '@/lib/api/errors';
import { addJob, emit, TASKS } from '@/lib/events/outbox';
import { reserveStock, sumByVariant } from '@/lib/inventory/reserve';
import { evaluatePromotion } from '@/lib/promotions/rules';
import { findPromotionByCode, redeemPromotion } from '@/lib/promotions/store';
import { formatMoney } from '@/lib/money';
import { paymentProvider } from '@/lib/payments/config';
import { orderTtlMinutes } from './config';
import { ratesFromEnv } from './rates';
import type { ShippingMethod } from './schemas';
import { computeTotals } from './totals';

export type OrderLineInput = { variantId: string; quantity: number };

export type PlaceOrderInput = {
  userId: string;
  email: string;
  promoCode?: string | null;
  shippingAddress?: ShippingAddress | null;
  shippingMethod?: ShippingMethod | null;
} & ({ lines: OrderLineInput[]; cartId?: undefined } | { cartId: string; lines?: undefined });

export type PlacedOrder = { orderId: string; created: boolean };

export function placeOrder(db: DbOrTx, input: PlaceOrderInput): Promise<PlacedOrder> {
  return transactionWithRetry(db, (tx) => placeOrderInTransaction(tx, input));
}

async function placeOrderInTransaction(tx: DbOrTx, input: PlaceOrderInput): Promise<PlacedOrder> {
  let lines: OrderLineInput[];
  let promoCode = input.promoCode ?? null;

  if (input.cartId !== undefined) {
    // The cart row lock makes a double click, a retry or a second tab wait here, then find the order.
    const [cart] = await tx.select().from(carts).where(eq(carts.id, input.cartId)).for('update');
    if (!cart || cart.userId !== input.userId) throw new ApiError(404, 'not_found', 'Cart not found');
    if (cart.status === 'converted') {
      const [existing] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.cartId, cart.id));
      if (existing) return { orderId: existing.id, created: false };
    }
    if (cart.status !== 'open') throw conflict('This cart can no longer be checked out');
    lines = (await tx.select().from(cartItems).where(eq(cartItems.cartId, cart.id))).map((line) => ({
      variantId: line.variantId,
      quantity: line.quantity,
    }));
    if (lines.length === 0) throw invalidField('cart', 'is empty');
    promoCode ??= cart.promoCode;
  } else {
    lines = input.lines;
  }
  const merged = sumByVariant(lines);

  // Re-price from the catalog: the order charges today's prices, whatever the cart remembered.
  const catalog = await tx
    .select({
      id: productVariants.id,
      sku: productVariants.sku,
      title: productVariants.title,
      priceCents: productVariants.priceCents,
      currency: productVariants.currency,
      productName: products.name,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(
      and(
        inArray(productVariants.id, merged.map((l) => l.variantId)),
        eq(productVariants.status, 'active'),
        eq(products.status, 'active'),
      ),
    );
  const byId = new Map(catalog.map((v) => [v.id, v]));
  const missing = merged.find((line) => !byId.has(line.variantId));
  if (missing) throw invalidField('items', `item ${missing.variantId} is not for sale`);
  const currencies = new Set(catalog.map((v) => v.currency));
  if (currencies.size > 1) throw invalidField('items', 'all items must be in one currency');
  const currency = catalog[0]!.currency;
  const priced = merged.map((line) => ({ ...line, variant: byId.get(line.variantId)!, unitPriceCents: byId.get(line.variantId)!.priceCents }));

  let promotion = null;
  if (promoCode) {
    promotion = await findPromotionByCode(tx, promoCode);
    if (!promotion) throw invalidField('promo_code', `${promoCode.toUpperCase()} is not a valid code`);
    const subtotalCents = priced.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
    const outcome = evaluatePromotion(promotion, { subtotalCents, currency }, new Date(), formatMoney);
    if (!outcome.ok) throw invalidField('promo_code', outcome.message);
    if (!(await redeemPromotion(tx, promotion.id))) throw invalidField('promo_code', `The code ${promotion.code} has been fully redeemed.`);
  }

  const totals = computeTotals({
    lines: priced,
    currency,
    promotion,
    country: input.shippingAddress?.country,
    shippingMethod: input.shippingMethod,
    rates: ratesFromEnv(),
    now: new Date(),
  });

  const [order] = await tx
    .insert(orders)
    .values({
      userId: input.userId,
      email: input.email,
      currency,
      subtotalCents: totals.subtotalCents,
      discountCents: totals.discountCents,
      taxCents: totals.taxCents,
      shippingCents: totals.shippingCents,
      totalCents: totals.totalCents,
      promotionId: promotion?.id ?? null,
      promoCode: promotion?.code ?? null,
      shippingAddress: input.shippingAddress ?? null,
      shippingMethod: input.shippingMethod ?? 'standard',
      cartId: input.cartId ?? null,
      expiresAt: sql`now() + make_interval(secs => ${orderTtlMinutes() * 60})`,
    })
    .returning();
  const orderId = order!.id;

  await tx.insert(orderItems).values(
    priced.map((l) => ({
      orderId,
      variantId: l.variantId,
      sku: l.variant.sku,
      name: l.variant.title && l.variant.title !== 'Standard' ? `${l.variant.productName} (${l.variant.title})` : l.variant.productName,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
    })),
  );
  await reserveStock(tx, orderId, priced);
  await tx.insert(payments).values({
    orderId,
    provider: paymentProvider().name,
    amountCents: order!.totalCents,
    currency,
    idempotencyKey: `order-${orderId}`,
  });
  await tx.insert(orderEvents).values({
    orderId,
    fromStatus: null,
    toStatus: 'pending_payment',
    reason: 'order placed',
    actor: 'shopper',
    actorUserId: input.userId,
  });
  if (input.cartId !== undefined) {
    await tx.update(carts).set({ status: 'converted', updatedAt: sql`now()` }).where(eq(carts.id, input.cartId));
  }
  await addJob(tx, TASKS.expireOrder, { orderId }, { runAt: order!.expiresAt, jobKey: `expire-order:${orderId}` });
  await emit(tx, { type: 'order.created', orderId, userId: input.userId, totalCents: order!.totalCents, currency });
  await emit(tx, { type: 'inventory.changed', variantIds: priced.map((l) => l.variantId) });
  return { orderId, created: true };
}
