import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { productVariants } from './catalog';
import { cents, createdAt, currency, updatedAt } from './columns';
import {
  actorKind,
  cartStatus,
  orderStatus,
  paymentStatus,
  promotionKind,
  refundStatus,
  reservationStatus,
} from './enums';
import { warehouses } from './inventory';
import { users } from './users';

export type ShippingAddress = {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
  phone?: string;
};

export const carts = pgTable(
  'carts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    status: cartStatus('status').notNull().default('open'),
    currency: currency(),
    promoCode: text('promo_code'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One open cart per signed-in user; guests' carts have no user.
    uniqueIndex('carts_open_user_key').on(t.userId).where(sql`${t.status} = 'open' and ${t.userId} is not null`),
  ],
);

export const cartItems = pgTable(
  'cart_items',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    priceAtAddCents: cents('price_at_add_cents').notNull(),
    addedAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.variantId] }),
    check('cart_items_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const promotions = pgTable(
  'promotions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    description: text('description').notNull().default(''),
    kind: promotionKind('kind').notNull(),
    /** Percent: whole percent 1–100. Fixed: minor units. */
    value: integer('value').notNull(),
    currency: currency(),
    minSubtotalCents: cents('min_subtotal_cents').notNull().default(0),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    usageLimit: integer('usage_limit'),
    usedCount: integer('used_count').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check('promotions_value_positive', sql`${t.value} > 0`),
    check('promotions_percent_range', sql`${t.kind} <> 'percent' or ${t.value} <= 100`),
    check('promotions_usage_within_limit', sql`${t.usageLimit} is null or ${t.usedCount} <= ${t.usageLimit}`),
  ],
);

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Human-facing order number ("Order #1042"). */
    number: bigint('number', { mode: 'number' }).generatedAlwaysAsIdentity({ startWith: 1001 }).notNull().unique(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email').notNull().default(''),
    status: orderStatus('status').notNull().default('pending_payment'),
    currency: currency(),
    subtotalCents: cents('subtotal_cents').notNull(),
    discountCents: cents('discount_cents').notNull().default(0),
    taxCents: cents('tax_cents').notNull().default(0),
    shippingCents: cents('shipping_cents').notNull().default(0),
    totalCents: cents('total_cents').notNull(),
    promotionId: uuid('promotion_id').references(() => promotions.id, { onDelete: 'set null' }),
    promoCode: text('promo_code'),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>(),
    shippingMethod: text('shipping_method'),
    /** The cart this order was placed from: placing the same cart twice yields one order. */
    cartId: uuid('cart_id').unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orders_user_created_idx').on(t.userId, t.createdAt),
    index('orders_status_created_idx').on(t.status, t.createdAt),
    index('orders_pending_expiry_idx').on(t.expiresAt).where(sql`${t.status} = 'pending_payment'`),
    check(
      'orders_amounts_nonnegative',
      sql`${t.subtotalCents} >= 0 and ${t.discountCents} >= 0 and ${t.taxCents} >= 0 and ${t.shippingCents} >= 0 and ${t.totalCents} >= 0`,
    ),
    check(
      'orders_total_adds_up',
      sql`${t.totalCents} = ${t.subtotalCents} - ${t.discountCents} + ${t.taxCents} + ${t.shippingCents}`,
    ),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'restrict' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: cents('unit_price_cents').notNull(),
  },
  (t) => [
    index('order_items_order_idx').on(t.orderId),
    index('order_items_variant_idx').on(t.variantId),
    check('order_items_quantity_positive', sql`${t.quantity} > 0`),
    check('order_items_price_nonnegative', sql`${t.unitPriceCents} >= 0`),
  ],
);

/** Units an order holds on one inventory row, from checkout until paid (committed) or given back (released). */
export const reservations = pgTable(
  'reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'restrict' }),
    warehouseId: uuid('warehouse_id')
      .notNull()
      .references(() => warehouses.id, { onDelete: 'restrict' }),
    bucket: smallint('bucket').notNull(),
    quantity: integer('quantity').notNull(),
    status: reservationStatus('status').notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('reservations_order_idx').on(t.orderId),
    index('reservations_active_level_idx')
      .on(t.variantId, t.warehouseId, t.bucket)
      .where(sql`${t.status} = 'active'`),
    check('reservations_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    status: paymentStatus('status').notNull().default('pending'),
    amountCents: cents('amount_cents').notNull(),
    currency: currency(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** The id the payment was started with (a Checkout Session's, or the simulated PaymentIntent's): where the shopper pays. */
    providerPaymentId: text('provider_payment_id').unique(),
    checkoutUrl: text('checkout_url'),
    /** The provider's reason for the last failed attempt ("insufficient_funds", …), shown to the shopper. */
    lastError: text('last_error'),
    /** Why a merchant should look at this payment (amount mismatch, paid after expiry, …). */
    flaggedReason: text('flagged_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** The provider objects this attempt is about, each in its own column (set when the provider reports them). */
    checkoutSessionId: text('checkout_session_id').unique(),
    paymentIntentId: text('payment_intent_id').unique(),
    /** Money actually taken, and how much of it went back (the provider's cumulative amount_refunded). */
    capturedCents: cents('captured_cents').notNull().default(0),
    refundedCents: cents('refunded_cents').notNull().default(0),
  },
  (t) => [
    index('payments_order_idx').on(t.orderId),
    check('payments_amount_nonnegative', sql`${t.amountCents} >= 0`),
    check('payments_refunded_within_captured', sql`${t.refundedCents} >= 0 and ${t.refundedCents} <= ${t.capturedCents}`),
    // One charge per order is kept; any other successful charge is refunded (lib/payments/webhook.ts).
    uniqueIndex('payments_one_succeeded_per_order').on(t.orderId).where(sql`${t.status} = 'succeeded'`),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    amountCents: cents('amount_cents').notNull(),
    currency: currency(),
    reason: text('reason').notNull().default(''),
    status: refundStatus('status').notNull().default('pending'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    providerRefundId: text('provider_refund_id').unique(),
    createdAt: createdAt(),
  },
  (t) => [check('refunds_amount_positive', sql`${t.amountCents} > 0`)],
);

/** The order timeline and audit trail: one row per transition. */
export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: orderStatus('from_status'),
    toStatus: orderStatus('to_status').notNull(),
    reason: text('reason').notNull().default(''),
    actor: actorKind('actor').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.id)],
);

export const webhookEvents = pgTable(
  'webhook_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    result: text('result'),
    receivedAt: createdAt(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

/** REST `Idempotency-Key` replay: the first response is stored and returned to every retry. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const shipments = pgTable(
  'shipments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    shippedAt: timestamp('shipped_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('shipments_order_idx').on(t.orderId)],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    message: text('message').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Consumers use it to stay idempotent: one notification per source event. */
    dedupeKey: text('dedupe_key').unique(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_created_idx').on(t.userId, t.createdAt)],
);

export const wishlistItems = pgTable(
  'wishlist_items',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    variantId: uuid('variant_id')
      .notNull()
      .references(() => productVariants.id, { onDelete: 'cascade' }),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.variantId] })],
);

/** Precomputed suggestions, e.g. "bought together" from order co-occurrence. */
export const recommendations = pgTable(
  'recommendations',
  {
    kind: text('kind').notNull(),
    productId: uuid('product_id').notNull(),
    recommendedProductId: uuid('recommended_product_id').notNull(),
    score: integer('score').notNull(),
    computedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.productId, t.recommendedProductId] }),
    index('recommendations_lookup_idx').on(t.kind, t.productId, t.score),
  ],
);

export const analyticsEvents = pgTable(
  'analytics_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    userId: uuid('user_id'),
    sessionId: text('session_id'),
    productId: uuid('product_id'),
    variantId: uuid('variant_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('analytics_events_type_created_idx').on(t.type, t.createdAt)],
);

/**
 * The transactional outbox: jobs written by business transactions (a cheap
 * insert, committed or rolled back with the work) and moved in batches to the
 * job queue by a relay in the worker. Writing to the queue directly would make
 * every checkout send a NOTIFY, and PostgreSQL serialises the commits of
 * notifying transactions.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    task: text('task').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    runAt: timestamp('run_at', { withTimezone: true }),
    jobKey: text('job_key'),
    maxAttempts: smallint('max_attempts').notNull().default(25),
    createdAt: createdAt(),
  },
);

/** Who changed what in the shop, and when: every merchant action writes one row (lib/audit). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId, t.createdAt), index('audit_log_created_idx').on(t.createdAt)],
);
