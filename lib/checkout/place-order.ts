/**
 * Placing an order: ONE transaction that re-prices the lines from the catalog,
 * applies and redeems the promotion, reserves the stock, and writes the order,
 * its items, reservations, the payment row (idempotency key `order-<id>`), the
 * first order event and the jobs (expiry at `expires_at`, `order.created`).
 * Any shortfall rolls all of it back with 409 `out_of_stock` naming the item.
 * The payment provider is called after the commit, never inside.
 *
 * Every path that buys comes here, so the rules live here: the order's size
 * (order-size.ts) and a flash sale's admission and per-shopper cap
 * (lib/flash/admission-check.ts). Locks, in this order: the cart row, the
 * shopper's place in each flash sale (by variant), the promotion row, then
 * stock rows (variant, warehouse, bucket).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { transactionWithRetry } from '@/db/retry';
import { cartItems, carts, orders, productVariants, products, type ShippingAddress } from '@/db/schema';
import { ApiError, conflict, invalidField } from '@/lib/api/errors';
import { domainEventJob, outboxInsert, TASKS } from '@/lib/events/outbox';
import { enforceFlashSaleRules, requireFlashAdmission, type AdmissionProof } from '@/lib/flash/admission-check';
import { requireGatedLines, withHotItemGate } from '@/lib/flash/checkout-gate';
import { availableByVariant } from '@/lib/inventory/availability';
import { OutOfStockError } from '@/lib/inventory/errors';
import { reserveStock, sumByVariant } from '@/lib/inventory/reserve';
import { evaluatePromotion } from '@/lib/promotions/rules';
import { findPromotionWithClock, redeemPromotion } from '@/lib/promotions/store';
import { formatMoney } from '@/lib/money';
import { paymentProvider } from '@/lib/payments/config';
import { orderTtlMinutes } from './config';
import { assertOrderSize } from './order-size';
import { ratesFromEnv } from './rates';
import type { ShippingMethod } from './schemas';
import { computeTotals, type AppliedPromotion } from './totals';

export type OrderLineInput = { variantId: string; quantity: number };

export type PlaceOrderInput = {
  userId: string;
  email: string;
  promoCode?: string | null;
  shippingAddress?: ShippingAddress | null;
  shippingMethod?: ShippingMethod | null;
  /** The request's cookies, for a flash sale's admission (a browser's); without them only the user's own admission counts. */
  admission?: AdmissionProof;
} & ({ lines: OrderLineInput[]; cartId?: undefined } | { cartId: string; lines?: undefined });

export type PlacedOrder = { orderId: string; created: boolean };

export async function placeOrder(db: DbOrTx, input: PlaceOrderInput): Promise<PlacedOrder> {
  const lines = input.lines ?? (await cartLines(db, input.cartId));
  assertOrderSize(lines, input.lines ? 'items' : 'cart');
  await requireFlashAdmission(db, { userId: input.userId, lines, proof: input.admission });
  const placed = async () => {
    if (input.lines) await refuseIfPlainlyShort(db, input.lines);
    return transactionWithRetry(db, (tx) => placeOrderInTransaction(tx, input, lines));
  };
  return withHotItemGate(db, lines, placed, (order) => order.created);
}

/** The cart's lines as they are now (the transaction reads them again under the cart's lock and requires the same). */
async function cartLines(db: DbOrTx, cartId: string): Promise<OrderLineInput[]> {
  const rows = await db.select({ variantId: cartItems.variantId, quantity: cartItems.quantity }).from(cartItems).where(eq(cartItems.cartId, cartId));
  return rows;
}

/**
 * When the shelf is visibly empty — a sold-out hot item — say so without
 * opening a transaction or taking a lock. Reads committed stock only; the
 * transaction still decides for everyone who gets past this.
 */
async function refuseIfPlainlyShort(db: DbOrTx, lines: readonly OrderLineInput[]): Promise<void> {
  const wanted = sumByVariant(lines);
  const available = await availableByVariant(db, wanted.map((w) => w.variantId));
  const short = wanted.find((w) => (available.get(w.variantId) ?? 0) < w.quantity);
  if (short) {
    const [variant] = await db.select({ sku: productVariants.sku }).from(productVariants).where(eq(productVariants.id, short.variantId));
    if (variant) throw new OutOfStockError(short.variantId, variant.sku, Math.max(0, available.get(short.variantId) ?? 0), short.quantity);
  }
}

/** `gated`: the lines the hot-item gate took units for; the order is of exactly these. */
async function placeOrderInTransaction(tx: DbOrTx, input: PlaceOrderInput, gated: readonly OrderLineInput[]): Promise<PlacedOrder> {
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
    assertOrderSize(lines, 'cart');
    requireGatedLines(gated, lines);
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
  await enforceFlashSaleRules(tx, { userId: input.userId, lines: merged, proof: input.admission });

  const subtotalCents = priced.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
  const promotion = promoCode ? await redeemCode(tx, promoCode, { subtotalCents, currency }) : null;
  const totals = computeTotals({
    lines: priced,
    currency,
    promotion,
    country: input.shippingAddress?.country,
    shippingMethod: input.shippingMethod,
    rates: ratesFromEnv(),
  });

  // The order and everything that goes with it, in one statement (one round trip).
  const orderId = randomUUID();
  const items = priced.map((l) => ({
    variant_id: l.variantId,
    sku: l.variant.sku,
    name: l.variant.title && l.variant.title !== 'Standard' ? `${l.variant.productName} (${l.variant.title})` : l.variant.productName,
    quantity: l.quantity,
    unit_price_cents: l.unitPriceCents,
  }));
  const expiresAt = sql`now() + make_interval(secs => ${orderTtlMinutes() * 60})`;
  const jobs = outboxInsert([
    { task: TASKS.expireOrder, payload: { orderId }, runAt: expiresAt, jobKey: `expire-order:${orderId}` },
    domainEventJob({ type: 'order.created', orderId, userId: input.userId, totalCents: totals.totalCents, currency }),
    domainEventJob({ type: 'inventory.changed', variantIds: priced.map((l) => l.variantId) }),
  ]);
  await tx.execute(sql`
    with placed as (
      insert into orders (id, user_id, email, currency, subtotal_cents, discount_cents, tax_cents, shipping_cents, total_cents,
                          promotion_id, promo_code, shipping_address, shipping_method, cart_id, expires_at)
      values (${orderId}, ${input.userId}, ${input.email}, ${currency}, ${totals.subtotalCents}, ${totals.discountCents},
              ${totals.taxCents}, ${totals.shippingCents}, ${totals.totalCents}, ${promotion?.rule.id ?? null}, ${promotion?.rule.code ?? null},
              ${input.shippingAddress ? JSON.stringify(input.shippingAddress) : null}::jsonb, ${input.shippingMethod ?? 'standard'},
              ${input.cartId ?? null}, ${expiresAt})
      returning id
    ), lines as (
      insert into order_items (order_id, variant_id, sku, name, quantity, unit_price_cents)
      select placed.id, x.* from placed, jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        as x(variant_id uuid, sku text, name text, quantity int, unit_price_cents int)
    ), payment as (
      insert into payments (order_id, provider, amount_cents, currency, idempotency_key)
      select id, ${paymentProvider().name}, ${totals.totalCents}, ${currency}, ${`order-${orderId}`} from placed
    ), first_event as (
      insert into order_events (order_id, from_status, to_status, reason, actor, actor_user_id)
      select id, null, 'pending_payment', 'order placed', 'shopper', ${input.userId} from placed
    ), converted as (
      update carts set status = 'converted', updated_at = now() where id = ${input.cartId ?? null}
    ), queued as (
      ${jobs}
    )
    select id from placed`);
  await reserveStock(tx, orderId, priced);
  return { orderId, created: true };
}

/** Decides the code once, on the database's clock, and redeems it; the order applies exactly this discount. */
async function redeemCode(tx: DbOrTx, code: string, cart: { subtotalCents: number; currency: string }): Promise<AppliedPromotion> {
  const found = await findPromotionWithClock(tx, code);
  if (!found) throw invalidField('promo_code', `${code.toUpperCase()} is not a valid code`);
  const { rule, now } = found;
  const outcome = evaluatePromotion(rule, cart, now, formatMoney);
  if (!outcome.ok) throw invalidField('promo_code', outcome.message);
  if (!(await redeemPromotion(tx, rule.id))) throw invalidField('promo_code', `The code ${rule.code} has been fully redeemed.`);
  return { rule, discountCents: outcome.discountCents };
}
