/**
 * The catalogue of domain events others may react to. Each is added as a job
 * inside the transaction that caused it (lib/events/outbox.ts `emit`), so an
 * event exists if and only if its cause committed. Consumers are idempotent.
 */
import type { OrderStatus } from '@/lib/orders/status';

export type DomainEvent =
  /** A shopper placed an order (stock reserved, payment not yet taken). */
  | { type: 'order.created'; orderId: string; userId: string | null; totalCents: number; currency: string }
  /** An order moved to a new status (order.confirmed, order.shipped, order.cancelled, …). */
  | { type: `order.${OrderStatus}`; orderId: string; userId: string | null; from: OrderStatus | null; reason: string }
  /** The provider confirmed a payment for the order's amount. */
  | { type: 'payment.succeeded'; orderId: string; paymentId: string; amountCents: number; currency: string }
  /** The provider reported a failed or abandoned payment. */
  | { type: 'payment.failed'; orderId: string; paymentId: string; reason: string }
  /** A payment that needs a merchant's eye (amount or currency mismatch, paid after expiry). */
  | { type: 'payment.flagged'; orderId: string; paymentId: string; reason: string }
  /** Money went back to the shopper. `refundId` is the refunds row, or `provider:<id>` for a refund made at the provider. */
  | { type: 'payment.refunded'; orderId: string; refundId: string; amountCents: number; currency: string }
  /** Stock of these variants moved (receipts, counts, reservations, releases). */
  | { type: 'inventory.changed'; variantIds: string[] }
  /** A variant fell to the low-stock threshold or below (emitted on the crossing, not on every sale). */
  | { type: 'inventory.low'; variantId: string; sku: string; available: number; threshold: number }
  /** A variant has nothing left to sell. */
  | { type: 'inventory.sold_out'; variantId: string; sku: string }
  /** A merchant created or changed a product (fields, status, variants, images); `changes` names what, e.g. ["name"], ["variants.priceCents"], ["created"]. */
  | { type: 'product.updated'; productId: string; changes: string[] };

export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
