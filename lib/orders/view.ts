/** Orders as pages and the REST API show them, live and archived alike (the `all_*` views). */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { ShippingAddress } from '@/db/schema';
import { allOrderEvents, allOrderItems, allOrders, allPayments, allShipments } from '@/db/schema/archive';
import { publicUrl } from '@/lib/app-url';
import type { OrderStatus } from './status';

export type OrderDetail = {
  id: string;
  number: number;
  userId: string | null;
  email: string;
  status: OrderStatus;
  currency: string;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  shippingCents: number;
  totalCents: number;
  promoCode: string | null;
  shippingAddress: ShippingAddress | null;
  shippingMethod: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  /** Moved to the order archive: read-only. */
  archived: boolean;
  items: { variantId: string; sku: string; name: string; quantity: number; unitPriceCents: number }[];
  /** The order's own payment; `refundedCents` is how much of it went back (a partial refund leaves the order as it is). */
  payment: { provider: string; status: string; providerPaymentId: string | null; checkoutUrl: string | null; flaggedReason: string | null; refundedCents: number } | null;
  events: { status: OrderStatus; from: OrderStatus | null; at: Date; reason: string; actor: string }[];
  shipments: { carrier: string; trackingNumber: string; shippedAt: Date; deliveredAt: Date | null }[];
};

export async function loadOrder(db: DbOrTx, orderId: string): Promise<OrderDetail | null> {
  const [order] = await db.select().from(allOrders).where(eq(allOrders.id, orderId));
  if (!order) return null;
  const [items, [payment], events, sent] = await Promise.all([
    db.select().from(allOrderItems).where(eq(allOrderItems.orderId, orderId)).orderBy(asc(allOrderItems.sku)),
    db.select().from(allPayments).where(eq(allPayments.idempotencyKey, `order-${orderId}`)),
    db.select().from(allOrderEvents).where(eq(allOrderEvents.orderId, orderId)).orderBy(asc(allOrderEvents.id)),
    db.select().from(allShipments).where(eq(allShipments.orderId, orderId)).orderBy(asc(allShipments.shippedAt)),
  ]);
  return {
    id: order.id,
    number: order.number,
    userId: order.userId,
    email: order.email,
    status: order.status,
    currency: order.currency,
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    taxCents: order.taxCents,
    shippingCents: order.shippingCents,
    totalCents: order.totalCents,
    promoCode: order.promoCode,
    shippingAddress: order.shippingAddress,
    shippingMethod: order.shippingMethod,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    archived: order.archived,
    items: items.map((i) => ({ variantId: i.variantId, sku: i.sku, name: i.name, quantity: i.quantity, unitPriceCents: i.unitPriceCents })),
    payment: payment
      ? { provider: payment.provider, status: payment.status, providerPaymentId: payment.providerPaymentId, checkoutUrl: payment.checkoutUrl, flaggedReason: payment.flaggedReason, refundedCents: payment.refundedCents }
      : null,
    events: events.map((e) => ({ status: e.toStatus, from: e.fromStatus, at: e.createdAt, reason: e.reason, actor: e.actor })),
    shipments: sent.map((s) => ({ carrier: s.carrier, trackingNumber: s.trackingNumber, shippedAt: s.shippedAt, deliveredAt: s.deliveredAt })),
  };
}

export type OrderSummary = {
  id: string; number: number; status: OrderStatus; totalCents: number; currency: string; createdAt: Date; itemCount: number; userId: string | null; email: string;
  archived: boolean;
};

export async function listOrders(
  db: DbOrTx,
  filter: { userId?: string; status?: OrderStatus; offset: number; limit: number },
): Promise<{ orders: OrderSummary[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.userId) conditions.push(eq(allOrders.userId, filter.userId));
  if (filter.status) conditions.push(eq(allOrders.status, filter.status));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db.select().from(allOrders).where(where).orderBy(desc(allOrders.createdAt), desc(allOrders.number)).limit(filter.limit).offset(filter.offset),
    db.select({ total: count() }).from(allOrders).where(where),
  ]);
  const counts = rows.length
    ? await db
        .select({ orderId: allOrderItems.orderId, units: sql<number>`sum(${allOrderItems.quantity})::int` })
        .from(allOrderItems)
        .where(inArray(allOrderItems.orderId, rows.map((r) => r.id)))
        .groupBy(allOrderItems.orderId)
    : [];
  const units = new Map(counts.map((c) => [c.orderId, c.units]));
  return {
    total,
    orders: rows.map((o) => ({
      id: o.id, number: o.number, status: o.status, totalCents: o.totalCents, currency: o.currency, createdAt: o.createdAt,
      itemCount: units.get(o.id) ?? 0, userId: o.userId, email: o.email, archived: o.archived,
    })),
  };
}

/** API.md's order shape. */
export function orderJson(order: OrderDetail) {
  return {
    order_id: order.id,
    number: order.number,
    user_id: order.userId,
    status: order.status,
    items: order.items.map((i) => ({ item_id: i.variantId, sku: i.sku, name: i.name, quantity: i.quantity, unit_price_cents: i.unitPriceCents })),
    subtotal_cents: order.subtotalCents,
    discount_cents: order.discountCents,
    tax_cents: order.taxCents,
    shipping_cents: order.shippingCents,
    total_cents: order.totalCents,
    currency: order.currency,
    promo_code: order.promoCode,
    shipping_address: order.shippingAddress,
    shipping_method: order.shippingMethod,
    created_at: order.createdAt,
    expires_at: order.expiresAt,
    payment: order.payment
      ? {
          provider: order.payment.provider,
          status: order.payment.status,
          provider_payment_id: order.payment.providerPaymentId,
          refunded_cents: order.payment.refundedCents,
          // The shop's own pay link: it shows the simulated card form or forwards to Stripe's hosted page.
          checkout_url: order.status === 'pending_payment' || order.status === 'payment_failed' ? `${publicUrl()}/pay/${order.id}` : null,
        }
      : null,
    events: order.events.map((e) => ({ status: e.status, at: e.at, reason: e.reason })),
    shipments: order.shipments.map((s) => ({ carrier: s.carrier, tracking_number: s.trackingNumber, shipped_at: s.shippedAt, delivered_at: s.deliveredAt })),
    archived: order.archived,
  };
}

export function orderSummaryJson(order: OrderSummary) {
  return { order_id: order.id, number: order.number, user_id: order.userId, status: order.status, total_cents: order.totalCents, currency: order.currency, created_at: order.createdAt, item_count: order.itemCount, archived: order.archived };
}
