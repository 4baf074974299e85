/** Orders as pages and the REST API show them. */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { orderEvents, orderItems, orders, payments, shipments, type ShippingAddress } from '@/db/schema';
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
  items: { variantId: string; sku: string; name: string; quantity: number; unitPriceCents: number }[];
  payment: { provider: string; status: string; providerPaymentId: string | null; checkoutUrl: string | null; flaggedReason: string | null } | null;
  events: { status: OrderStatus; from: OrderStatus | null; at: Date; reason: string; actor: string }[];
  shipments: { carrier: string; trackingNumber: string; shippedAt: Date; deliveredAt: Date | null }[];
};

export async function loadOrder(db: DbOrTx, orderId: string): Promise<OrderDetail | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const [items, [payment], events, sent] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.sku)),
    db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(desc(payments.createdAt)).limit(1),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)),
    db.select().from(shipments).where(eq(shipments.orderId, orderId)).orderBy(asc(shipments.shippedAt)),
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
    items: items.map((i) => ({ variantId: i.variantId, sku: i.sku, name: i.name, quantity: i.quantity, unitPriceCents: i.unitPriceCents })),
    payment: payment
      ? { provider: payment.provider, status: payment.status, providerPaymentId: payment.providerPaymentId, checkoutUrl: payment.checkoutUrl, flaggedReason: payment.flaggedReason }
      : null,
    events: events.map((e) => ({ status: e.toStatus, from: e.fromStatus, at: e.createdAt, reason: e.reason, actor: e.actor })),
    shipments: sent.map((s) => ({ carrier: s.carrier, trackingNumber: s.trackingNumber, shippedAt: s.shippedAt, deliveredAt: s.deliveredAt })),
  };
}

export type OrderSummary = { id: string; number: number; status: OrderStatus; totalCents: number; currency: string; createdAt: Date; itemCount: number; userId: string | null; email: string };

export async function listOrders(
  db: DbOrTx,
  filter: { userId?: string; status?: OrderStatus; offset: number; limit: number },
): Promise<{ orders: OrderSummary[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.userId) conditions.push(eq(orders.userId, filter.userId));
  if (filter.status) conditions.push(eq(orders.status, filter.status));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db.select().from(orders).where(where).orderBy(desc(orders.createdAt), desc(orders.number)).limit(filter.limit).offset(filter.offset),
    db.select({ total: count() }).from(orders).where(where),
  ]);
  const counts = rows.length
    ? await db
        .select({ orderId: orderItems.orderId, units: sql<number>`sum(${orderItems.quantity})::int` })
        .from(orderItems)
        .where(inArray(orderItems.orderId, rows.map((r) => r.id)))
        .groupBy(orderItems.orderId)
    : [];
  const units = new Map(counts.map((c) => [c.orderId, c.units]));
  return {
    total,
    orders: rows.map((o) => ({
      id: o.id, number: o.number, status: o.status, totalCents: o.totalCents, currency: o.currency, createdAt: o.createdAt,
      itemCount: units.get(o.id) ?? 0, userId: o.userId, email: o.email,
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
          // The shop's own pay link: it shows the simulated card form or forwards to Stripe's hosted page.
          checkout_url: order.status === 'pending_payment' || order.status === 'payment_failed' ? `${publicUrl()}/pay/${order.id}` : null,
        }
      : null,
    events: order.events.map((e) => ({ status: e.status, at: e.at, reason: e.reason })),
    shipments: order.shipments.map((s) => ({ carrier: s.carrier, tracking_number: s.trackingNumber, shipped_at: s.shippedAt, delivered_at: s.deliveredAt })),
  };
}

export function orderSummaryJson(order: OrderSummary) {
  return { order_id: order.id, number: order.number, user_id: order.userId, status: order.status, total_cents: order.totalCents, currency: order.currency, created_at: order.createdAt, item_count: order.itemCount };
}
