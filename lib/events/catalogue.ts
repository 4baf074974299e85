/**
 * The domain events, in words: what each means, who emits it and who reacts to
 * it. Typed so that a new event type does not compile until it is described
 * here. `consumers` are subscriber names (lib/events/subscribers.ts, wired in
 * worker/subscribers.ts); a test checks them against the wired subscribers.
 */
import type { DomainEventType } from './types';

/** The subscribers, by name, as a merchant would understand them. */
export const CONSUMERS = {
  notifications: 'Notifications (shopper e-mails, the staff bell)',
  'stock-labels': 'Stock labels on cached pages (and the low / sold-out events)',
  'search-sync': 'Search index',
  'flash-gate-sync': 'Flash-sale gates',
  'analytics-paid': 'Sales analytics',
} as const;

export type ConsumerName = keyof typeof CONSUMERS;

export type CatalogueEntry = {
  /** One line: what happened. */
  description: string;
  /** Where it is emitted (always inside the transaction that caused it). */
  emittedBy: string;
  consumers: readonly ConsumerName[];
};

const orderStep = (description: string, emittedBy = 'the order state machine (lib/orders/transition.ts)'): CatalogueEntry => ({
  description,
  emittedBy,
  consumers: ['notifications'],
});

export const DOMAIN_EVENTS = {
  'order.created': {
    description: 'A shopper placed an order: stock is reserved, payment not yet taken.',
    emittedBy: 'checkout (lib/checkout/place-order.ts)',
    consumers: ['notifications'],
  },
  'order.pending_payment': {
    description: 'Not emitted: every order starts as pending payment, announced as order.created.',
    emittedBy: '—',
    consumers: [],
  },
  'order.confirmed': {
    description: 'The order is paid and its stock is committed.',
    emittedBy: 'the order state machine, on the payment webhook',
    consumers: ['notifications', 'analytics-paid'],
  },
  'order.payment_failed': orderStep('The payment failed; the reservation is released.'),
  'order.processing': orderStep('A merchant started preparing the order.'),
  'order.shipped': orderStep('The order left the warehouse (with its tracking number).'),
  'order.delivered': orderStep('The order arrived.'),
  'order.cancelled': orderStep('The order was cancelled by the shopper, a merchant or expiry; a paid one is refunded.'),
  'order.refunded': orderStep('The order was returned or paid too late, and refunded.'),
  'payment.succeeded': {
    description: 'The provider confirmed a payment for the order’s amount (once per payment).',
    emittedBy: 'the payment webhook (lib/payments/webhook.ts)',
    consumers: [],
  },
  'payment.failed': {
    description: 'The provider reported a failed, cancelled or expired payment (once per payment).',
    emittedBy: 'the payment webhook',
    consumers: [],
  },
  'payment.flagged': {
    description: 'A payment needs a merchant’s eye: amount or currency mismatch, payment already used, or paid after the order lapsed.',
    emittedBy: 'the payment webhook, when the flag is new',
    consumers: ['notifications'],
  },
  'payment.refunded': {
    description: 'Money went back to the shopper (refundId is the refund row, or provider:… for a refund made at the provider).',
    emittedBy: 'the refund job (lib/payments/jobs.ts) or the charge.refunded webhook, whichever records it first',
    consumers: [],
  },
  'inventory.changed': {
    description: 'Stock of these variants moved: receipts, counts, reservations, releases, catalog edits.',
    emittedBy: 'checkout, orders, inventory and catalog changes',
    consumers: ['stock-labels', 'search-sync', 'flash-gate-sync'],
  },
  'inventory.low': {
    description: 'A variant fell to the low-stock threshold (STOCKWISE_LOW_STOCK_THRESHOLD) or below: emitted on the crossing, not on every sale.',
    emittedBy: 'the stock-labels subscriber, when it records the new label',
    consumers: ['notifications'],
  },
  'inventory.sold_out': {
    description: 'A variant that was on sale has nothing left to sell.',
    emittedBy: 'the stock-labels subscriber, when it records the new label',
    consumers: ['notifications'],
  },
  'product.updated': {
    description: 'A merchant created or changed a product: fields, status, variants or images (its list of changes says which).',
    emittedBy: 'the dashboard’s product tools, image uploads, the CSV import and the items API (lib/catalog)',
    consumers: [],
  },
} as const satisfies Record<DomainEventType, CatalogueEntry>;

export type CatalogueRow = CatalogueEntry & { type: DomainEventType; consumerLabels: string[] };

/** The catalogue as rows, in the order above, for the admin page. */
export function catalogueRows(): CatalogueRow[] {
  return (Object.entries(DOMAIN_EVENTS) as [DomainEventType, CatalogueEntry][]).map(([type, entry]) => ({
    type,
    ...entry,
    consumerLabels: entry.consumers.map((name) => CONSUMERS[name]),
  }));
}
