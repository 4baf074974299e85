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

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A shopper may cancel their own order until it ships. */
export function shopperMayCancel(status: OrderStatus): boolean {
  return canTransition(status, 'cancelled');
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}
