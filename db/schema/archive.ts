/**
 * Live and archived order rows read together: the `all_*` views of migration
 * 0009_order_archive (each `select * from public.x union all select * from archive.x`;
 * `all_orders` adds `archived`). They are created by hand in that migration and
 * declared here `.existing()`, so drizzle-kit never tries to manage them; this
 * file is deliberately not exported from ./index (drizzle-kit's schema entry).
 * Moving rows into the archive is lib/orders/archive.ts.
 */
import { bigint, boolean, char, integer, jsonb, pgView, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ShippingAddress } from './commerce';
import { actorKind, orderStatus, paymentStatus, refundStatus, reservationStatus } from './enums';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const allOrders = pgView('all_orders', {
  id: uuid('id').notNull(),
  number: bigint('number', { mode: 'number' }).notNull(),
  userId: uuid('user_id'),
  email: text('email').notNull(),
  status: orderStatus('status').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  subtotalCents: integer('subtotal_cents').notNull(),
  discountCents: integer('discount_cents').notNull(),
  taxCents: integer('tax_cents').notNull(),
  shippingCents: integer('shipping_cents').notNull(),
  totalCents: integer('total_cents').notNull(),
  promotionId: uuid('promotion_id'),
  promoCode: text('promo_code'),
  shippingAddress: jsonb('shipping_address').$type<ShippingAddress>(),
  shippingMethod: text('shipping_method'),
  cartId: uuid('cart_id'),
  expiresAt: at('expires_at'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
  /** True when the row lives in archive.orders: read-only from then on. */
  archived: boolean('archived').notNull(),
}).existing();

export const allOrderItems = pgView('all_order_items', {
  id: uuid('id').notNull(),
  orderId: uuid('order_id').notNull(),
  variantId: uuid('variant_id').notNull(),
  sku: text('sku').notNull(),
  name: text('name').notNull(),
  quantity: integer('quantity').notNull(),
  unitPriceCents: integer('unit_price_cents').notNull(),
}).existing();

export const allReservations = pgView('all_reservations', {
  id: uuid('id').notNull(),
  orderId: uuid('order_id').notNull(),
  variantId: uuid('variant_id').notNull(),
  warehouseId: uuid('warehouse_id').notNull(),
  bucket: smallint('bucket').notNull(),
  quantity: integer('quantity').notNull(),
  status: reservationStatus('status').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
}).existing();

export const allPayments = pgView('all_payments', {
  id: uuid('id').notNull(),
  orderId: uuid('order_id').notNull(),
  provider: text('provider').notNull(),
  status: paymentStatus('status').notNull(),
  amountCents: integer('amount_cents').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  providerPaymentId: text('provider_payment_id'),
  checkoutUrl: text('checkout_url'),
  flaggedReason: text('flagged_reason'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
  lastError: text('last_error'),
  checkoutSessionId: text('checkout_session_id'),
  paymentIntentId: text('payment_intent_id'),
  capturedCents: integer('captured_cents').notNull(),
  refundedCents: integer('refunded_cents').notNull(),
}).existing();

export const allRefunds = pgView('all_refunds', {
  id: uuid('id').notNull(),
  paymentId: uuid('payment_id').notNull(),
  orderId: uuid('order_id').notNull(),
  amountCents: integer('amount_cents').notNull(),
  currency: char('currency', { length: 3 }).notNull(),
  reason: text('reason').notNull(),
  status: refundStatus('status').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  providerRefundId: text('provider_refund_id'),
  createdAt: at('created_at').notNull(),
}).existing();

export const allOrderEvents = pgView('all_order_events', {
  id: bigint('id', { mode: 'number' }).notNull(),
  orderId: uuid('order_id').notNull(),
  fromStatus: orderStatus('from_status'),
  toStatus: orderStatus('to_status').notNull(),
  reason: text('reason').notNull(),
  actor: actorKind('actor').notNull(),
  actorUserId: uuid('actor_user_id'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  createdAt: at('created_at').notNull(),
}).existing();

export const allShipments = pgView('all_shipments', {
  id: uuid('id').notNull(),
  orderId: uuid('order_id').notNull(),
  carrier: text('carrier').notNull(),
  trackingNumber: text('tracking_number').notNull(),
  shippedAt: at('shipped_at').notNull(),
  deliveredAt: at('delivered_at'),
}).existing();
