/** The order's life (ARCHITECTURE.md §4). Every change of status goes through `transitionOrder`. */
import { orderStatus } from '@/db/schema';

export type OrderStatus = (typeof orderStatus.enumValues)[number];
export const ORDER_STATUSES = orderStatus.enumValues;

/** Which statuses each status may move to. Nothing else is allowed. */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_payment: ['confirmed', 'payment_failed', 'cancelled'],
  payment_failed: [],
  confirmed: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['refunded'],
  cancelled: [],
  refunded: [],
};

/**
 * A payment that lands after the order expired or its payment failed: the
 * payment provider (never a person) may confirm it, when the stock could be
 * reserved again, or refund it. Nothing else leaves those statuses.
 */
export const LATE_PAYMENT_TRANSITIONS: Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>> = {
  payment_failed: ['confirmed', 'refunded'],
  cancelled: ['confirmed', 'refunded'],
};

export function canTransition(from: OrderStatus, to: OrderStatus, actor: 'shopper' | 'merchant' | 'system' | 'provider' = 'merchant'): boolean {
  if (TRANSITIONS[from].includes(to)) return true;
  return actor === 'provider' && (LATE_PAYMENT_TRANSITIONS[from]?.includes(to) ?? false);
}

/** A shopper may cancel their own order until it ships. */
export function shopperMayCancel(status: OrderStatus): boolean {
  return canTransition(status, 'cancelled');
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}
