/** The order's life (ARCHITECTURE.md §4). Every change of status goes through `transitionOrder`. */
import { orderStatus } from '@/db/schema';

export type OrderStatus = (typeof orderStatus.enumValues)[number];
export const ORDER_STATUSES = orderStatus.enumValues;

export type OrderActorKind = 'shopper' | 'merchant' | 'system' | 'provider';
/** What the stock does: commit the reservations (`recommit`: after a late payment reserved them again), release them, or put sold units back. */
export type StockEffect = 'none' | 'commit' | 'recommit' | 'release' | 'restock';
/** A promotion's use belongs to an order that is paid or may still be paid. */
export type PromotionEffect = 'none' | 'return' | 'retake';
/** What the payment does (lib/payments/after-transition.ts): stop a pending one, or give a taken one back. */
export type MoneyEffect = 'none' | 'cancel_pending' | 'refund';

export type TransitionRule = {
  from: OrderStatus;
  to: OrderStatus;
  /** Who may ask for it here; which shopper (only their own order, only to cancel) is checked by the caller. */
  who: readonly OrderActorKind[];
  stock: StockEffect;
  promotion: PromotionEffect;
  money: MoneyEffect;
};

const ANYONE: readonly OrderActorKind[] = ['shopper', 'merchant', 'system', 'provider'];
const PROVIDER: readonly OrderActorKind[] = ['provider'];
const rule = (from: OrderStatus, to: OrderStatus, who: readonly OrderActorKind[], effects: Partial<Pick<TransitionRule, 'stock' | 'promotion' | 'money'>> = {}): TransitionRule => ({
  from, to, who, stock: 'none', promotion: 'none', money: 'none', ...effects,
});

/** The order's whole life: every allowed change of status and what it does. Nothing else is allowed. */
export const ORDER_LIFE: readonly TransitionRule[] = [
  rule('pending_payment', 'confirmed', ANYONE, { stock: 'commit' }),
  rule('pending_payment', 'payment_failed', ANYONE, { stock: 'release', promotion: 'return', money: 'cancel_pending' }),
  rule('pending_payment', 'cancelled', ANYONE, { stock: 'release', promotion: 'return', money: 'cancel_pending' }),
  rule('confirmed', 'processing', ANYONE),
  rule('confirmed', 'cancelled', ANYONE, { stock: 'restock', money: 'refund' }),
  rule('processing', 'shipped', ANYONE),
  rule('processing', 'cancelled', ANYONE, { stock: 'restock', money: 'refund' }),
  rule('shipped', 'delivered', ANYONE),
  rule('delivered', 'refunded', ANYONE, { money: 'refund' }),
  // A payment that lands after the order expired or its payment failed (lib/payments/webhook.ts latePayment):
  // the provider, never a person, confirms it once the stock is reserved again, or refunds it.
  rule('payment_failed', 'confirmed', PROVIDER, { stock: 'recommit', promotion: 'retake' }),
  rule('payment_failed', 'refunded', PROVIDER, { money: 'refund' }),
  rule('cancelled', 'confirmed', PROVIDER, { stock: 'recommit', promotion: 'retake' }),
  rule('cancelled', 'refunded', PROVIDER, { money: 'refund' }),
];

export function transitionRule(from: OrderStatus, to: OrderStatus, actor: OrderActorKind = 'merchant'): TransitionRule | undefined {
  return ORDER_LIFE.find((r) => r.from === from && r.to === to && r.who.includes(actor));
}

/** Which statuses each status may move to when anyone may ask (the merchant's actions). */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = (() => {
  const map = Object.fromEntries(ORDER_STATUSES.map((from) => [from, [] as OrderStatus[]])) as unknown as Record<OrderStatus, OrderStatus[]>;
  for (const r of ORDER_LIFE) if (r.who === ANYONE) map[r.from].push(r.to);
  return map;
})();

export function canTransition(from: OrderStatus, to: OrderStatus, actor: OrderActorKind = 'merchant'): boolean {
  return transitionRule(from, to, actor) !== undefined;
}

/** A shopper may cancel their own order until it ships. */
export function shopperMayCancel(status: OrderStatus): boolean {
  return canTransition(status, 'cancelled');
}

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}
