import { pgEnum } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['customer', 'merchant', 'admin']);
export const productStatus = pgEnum('product_status', ['draft', 'active', 'archived']);
export const variantStatus = pgEnum('variant_status', ['active', 'archived']);
export const cartStatus = pgEnum('cart_status', ['open', 'merged', 'converted']);
export const promotionKind = pgEnum('promotion_kind', ['percent', 'fixed']);
export const orderStatus = pgEnum('order_status', [
  'pending_payment',
  'confirmed',
  'processing',
  'shipped',
  'delivered',
  'payment_failed',
  'cancelled',
  'refunded',
]);
export const reservationStatus = pgEnum('reservation_status', ['active', 'committed', 'released']);
export const paymentStatus = pgEnum('payment_status', [
  'pending',
  'succeeded',
  'failed',
  'canceled',
  'refunded',
]);
export const refundStatus = pgEnum('refund_status', ['pending', 'succeeded', 'failed']);
export const actorKind = pgEnum('actor_kind', ['shopper', 'merchant', 'system', 'provider']);
