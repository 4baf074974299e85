/**
 * Orders as the merchant dashboard sees them: a filtered, paginated list; the
 * whole story of one order (payment, refunds, reservations, shipments,
 * timeline, customer); and the fulfilment actions. Every change goes through
 * `updateOrderStatus` (the state machine) inside a transaction that also
 * records who did it in the audit log.
 */
import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { transactionWithRetry } from '@/db/retry';
import { auditLog, productVariants, refunds, users, warehouses } from '@/db/schema';
import { allOrderEvents, allOrders, allPayments, allRefunds, allReservations } from '@/db/schema/archive';
import { ApiError, parseInput } from '@/lib/api/errors';
import { idSchema, parseId } from '@/lib/api/ids';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';
import { ORDER_STATUSES, TRANSITIONS, type OrderStatus } from './status';
import { updateOrderStatus } from './update-status';
import { loadOrder, type OrderDetail } from './view';

export type StaffActor = Pick<AuthUser, 'id' | 'role'> & Partial<AuthUser>;

/** Orders whose money the shop has: they count for revenue and lifetime value. */
export const PAID_ORDER_STATUSES = ['confirmed', 'processing', 'shipped', 'delivered'] as const satisfies readonly OrderStatus[];

// ---------------------------------------------------------------------------
// The list

const isoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date like 2026-11-22' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'must be a real date' });

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const adminOrderFilterSchema = z
  .object({
    status: z.preprocess(emptyToUndefined, z.enum(ORDER_STATUSES, { error: 'is not an order status' }).optional()),
    from: z.preprocess(emptyToUndefined, isoDay.optional()),
    to: z.preprocess(emptyToUndefined, isoDay.optional()),
    /** A customer's email or name (any part of it), or an order number ("1042" or "#1042"). */
    customer: z.preprocess(emptyToUndefined, z.string().trim().max(200, { error: 'must be at most 200 characters' }).optional()),
    page: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100_000).default(1)),
    limit: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }).default(25)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], error: 'must be on or after the start date' });

export type AdminOrderFilter = z.infer<typeof adminOrderFilterSchema>;

export type AdminOrderRow = {
  id: string;
  number: number;
  status: OrderStatus;
  totalCents: number;
  currency: string;
  createdAt: Date;
  email: string;
  userId: string | null;
  customerName: string | null;
  itemCount: number;
  paymentStatus: string | null;
  /** Why a merchant should look at the payment (amount mismatch, paid after expiry, …). */
  flaggedReason: string | null;
  /** In the order archive: read-only. */
  archived: boolean;
};

export type AdminOrderList = { orders: AdminOrderRow[]; total: number; page: number; limit: number; pageCount: number; filter: AdminOrderFilter };

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);
const nextDay = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

function filterConditions(filter: AdminOrderFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(allOrders.status, filter.status));
  if (filter.from) conditions.push(gte(allOrders.createdAt, dayStart(filter.from)));
  if (filter.to) conditions.push(lt(allOrders.createdAt, nextDay(filter.to)));
  if (filter.customer) {
    const term = filter.customer.trim();
    const pattern = `%${escapeLike(term.toLowerCase())}%`;
    const matches: SQL[] = [
      sql`lower(${allOrders.email}) like ${pattern}`,
      sql`lower(coalesce(${users.email}, '')) like ${pattern}`,
      sql`lower(coalesce(${users.name}, '')) like ${pattern}`,
    ];
    const number = /^#?\s*(\d{1,15})$/.exec(term);
    if (number) matches.push(eq(allOrders.number, Number(number[1])));
    conditions.push(or(...matches)!);
  }
  return conditions.length ? and(...conditions) : undefined;
}

/**
 * The dashboard's order list, newest first, live and archived orders alike: by
 * status, placed between two days (UTC, both included), by customer (email or
 * name) or order number. Bad filters are a 400 naming the parameter.
 */
export async function listAdminOrders(db: DbOrTx, input: unknown): Promise<AdminOrderList> {
  const filter = parseInput(adminOrderFilterSchema, input);
  const where = filterConditions(filter);
  const offset = (filter.page - 1) * filter.limit;
  const latestPayment = (column: string) =>
    sql.raw(`(select p.${column} from all_payments p where p.order_id = "all_orders"."id" order by p.created_at desc limit 1)`);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: allOrders.id,
        number: allOrders.number,
        status: allOrders.status,
        totalCents: allOrders.totalCents,
        currency: allOrders.currency,
        createdAt: allOrders.createdAt,
        email: allOrders.email,
        userId: allOrders.userId,
        customerName: users.name,
        userEmail: users.email,
        itemCount: sql<number>`(select coalesce(sum(oi.quantity), 0)::int from all_order_items oi where oi.order_id = "all_orders"."id")`,
        paymentStatus: sql<string | null>`${latestPayment('status')}`,
        flaggedReason: sql<string | null>`${latestPayment('flagged_reason')}`,
        archived: allOrders.archived,
      })
      .from(allOrders)
      .leftJoin(users, eq(users.id, allOrders.userId))
      .where(where)
      .orderBy(desc(allOrders.createdAt), desc(allOrders.number))
      .limit(filter.limit)
      .offset(offset),
    db.select({ total: count() }).from(allOrders).leftJoin(users, eq(users.id, allOrders.userId)).where(where),
  ]);
  return {
    orders: rows.map(({ userEmail, ...row }) => ({ ...row, email: row.email || userEmail || '' })),
    total,
    page: filter.page,
    limit: filter.limit,
    pageCount: Math.max(1, Math.ceil(total / filter.limit)),
    filter,
  };
}

/** How many orders are in each status, archived ones included (for the filter tabs). */
export async function orderStatusCounts(db: DbOrTx): Promise<Record<OrderStatus, number>> {
  const rows = await db.select({ status: allOrders.status, n: count() }).from(allOrders).groupBy(allOrders.status);
  const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

// ---------------------------------------------------------------------------
// One order, for staff

export type AdminOrderDetail = OrderDetail & {
  customer: { id: string; email: string; name: string | null; role: string; since: Date; orderCount: number } | null;
  paymentDetail: {
    provider: string;
    status: string;
    amountCents: number;
    currency: string;
    providerPaymentId: string | null;
    lastError: string | null;
    flaggedReason: string | null;
    refundedCents: number;
    createdAt: Date;
    updatedAt: Date;
  } | null;
  refunds: { id: string; amountCents: number; currency: string; status: string; reason: string; providerRefundId: string | null; createdAt: Date }[];
  reservations: {
    id: string;
    variantId: string;
    sku: string;
    warehouseId: string;
    warehouseCode: string;
    warehouseName: string;
    bucket: number;
    quantity: number;
    status: string;
    createdAt: Date;
    updatedAt: Date;
  }[];
  /** The timeline with who did each step (the staff member's email when a person did it). */
  timeline: { id: number; status: OrderStatus; from: OrderStatus | null; at: Date; reason: string; actor: string; actorEmail: string | null; data: Record<string, unknown> }[];
  /** What the dashboard recorded about this order (merchant actions). */
  audit: { id: number; action: string; actorEmail: string | null; at: Date; data: Record<string, unknown> }[];
  /** The fulfilment actions the state machine allows from the current status. */
  allowedActions: OrderActionType[];
};

export async function loadAdminOrder(db: DbOrTx, orderId: string): Promise<AdminOrderDetail | null> {
  const parsed = idSchema.safeParse(orderId);
  if (!parsed.success) return null;
  const id = parsed.data.toLowerCase();
  const order = await loadOrder(db, id);
  if (!order) return null;
  const [customerRows, paymentRows, refundRows, reservationRows, eventRows, auditRows] = await Promise.all([
    order.userId
      ? db
          .select({
            id: users.id,
            email: users.email,
            name: users.name,
            role: users.role,
            since: users.createdAt,
            // Spelled out: drizzle renders ${users.id} as a bare "id", which the subquery would read as o.id.
            orderCount: sql<number>`(select count(*)::int from all_orders o where o.user_id = "users"."id")`,
          })
          .from(users)
          .where(eq(users.id, order.userId))
      : Promise.resolve([]),
    db.select().from(allPayments).where(eq(allPayments.idempotencyKey, `order-${id}`)),
    db.select().from(allRefunds).where(eq(allRefunds.orderId, id)).orderBy(asc(allRefunds.createdAt)),
    db
      .select({
        id: allReservations.id,
        variantId: allReservations.variantId,
        sku: productVariants.sku,
        warehouseId: allReservations.warehouseId,
        warehouseCode: warehouses.code,
        warehouseName: warehouses.name,
        bucket: allReservations.bucket,
        quantity: allReservations.quantity,
        status: allReservations.status,
        createdAt: allReservations.createdAt,
        updatedAt: allReservations.updatedAt,
      })
      .from(allReservations)
      .innerJoin(warehouses, eq(warehouses.id, allReservations.warehouseId))
      .innerJoin(productVariants, eq(productVariants.id, allReservations.variantId))
      .where(eq(allReservations.orderId, id))
      .orderBy(asc(productVariants.sku), asc(warehouses.priority), asc(warehouses.code), asc(allReservations.bucket)),
    db
      .select({
        id: allOrderEvents.id,
        status: allOrderEvents.toStatus,
        from: allOrderEvents.fromStatus,
        at: allOrderEvents.createdAt,
        reason: allOrderEvents.reason,
        actor: allOrderEvents.actor,
        actorEmail: users.email,
        data: allOrderEvents.data,
      })
      .from(allOrderEvents)
      .leftJoin(users, eq(users.id, allOrderEvents.actorUserId))
      .where(eq(allOrderEvents.orderId, id))
      .orderBy(asc(allOrderEvents.id)),
    db
      .select({ id: auditLog.id, action: auditLog.action, actorEmail: users.email, at: auditLog.createdAt, data: auditLog.data })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(eq(auditLog.entityType, 'order'), eq(auditLog.entityId, id)))
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(50),
  ]);
  const payment = paymentRows[0];
  return {
    ...order,
    customer: customerRows[0] ?? null,
    paymentDetail: payment
      ? {
          provider: payment.provider,
          status: payment.status,
          amountCents: payment.amountCents,
          currency: payment.currency,
          providerPaymentId: payment.providerPaymentId,
          lastError: payment.lastError,
          flaggedReason: payment.flaggedReason,
          refundedCents: payment.refundedCents,
          createdAt: payment.createdAt,
          updatedAt: payment.updatedAt,
        }
      : null,
    refunds: refundRows.map((r) => ({
      id: r.id, amountCents: r.amountCents, currency: r.currency, status: r.status, reason: r.reason, providerRefundId: r.providerRefundId, createdAt: r.createdAt,
    })),
    reservations: reservationRows,
    timeline: eventRows,
    audit: auditRows,
    allowedActions: order.archived ? [] : allowedOrderActions(order.status),
  };
}

// ---------------------------------------------------------------------------
// Actions

/** What a merchant can do to an order, and the status each leads to. */
export const ORDER_ACTIONS = {
  process: 'processing',
  ship: 'shipped',
  deliver: 'delivered',
  cancel: 'cancelled',
  refund: 'refunded',
} as const satisfies Record<string, OrderStatus>;

export type OrderActionType = keyof typeof ORDER_ACTIONS;
export const ORDER_ACTION_TYPES = Object.keys(ORDER_ACTIONS) as OrderActionType[];

/** The actions the state machine (`TRANSITIONS`) allows from `status`, in the order of fulfilment. */
export function allowedOrderActions(status: OrderStatus): OrderActionType[] {
  return ORDER_ACTION_TYPES.filter((type) => TRANSITIONS[status].includes(ORDER_ACTIONS[type]));
}

const reasonSchema = z.preprocess(emptyToUndefined, z.string().trim().max(500, { error: 'must be at most 500 characters' }).optional());

export const orderActionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('process') }),
    z.object({
      type: z.literal('ship'),
      carrier: z.string({ error: 'is required to ship an order' }).trim().min(1, { error: 'is required to ship an order' }).max(60, { error: 'must be at most 60 characters' }),
      trackingNumber: z
        .string({ error: 'is required to ship an order' })
        .trim()
        .min(1, { error: 'is required to ship an order' })
        .max(100, { error: 'must be at most 100 characters' }),
    }),
    z.object({ type: z.literal('deliver') }),
    z.object({ type: z.literal('cancel'), reason: reasonSchema }),
    z.object({ type: z.literal('refund'), reason: reasonSchema }),
  ],
  { error: `must be one of ${ORDER_ACTION_TYPES.join(', ')}` },
);

export type OrderAction = z.infer<typeof orderActionSchema>;

export type OrderActionResult = {
  orderId: string;
  number: number;
  from: OrderStatus;
  status: OrderStatus;
  /** False when the order already had that status (a retried click): nothing was done again. */
  changed: boolean;
  /** What is being given back to the shopper when a paid order was cancelled or returned. */
  refundCents: number | null;
  currency: string;
};

/**
 * Moves one order along: mark processing, ship (carrier + tracking number),
 * deliver, cancel (a paid order is refunded by the payments module) or take a
 * return. The state machine decides what is allowed (409 `invalid_transition`
 * otherwise); the audit entry is written in the same transaction.
 */
export async function applyOrderAction(db: DbOrTx, actor: StaffActor | null | undefined, orderId: string, action: unknown): Promise<OrderActionResult> {
  assertStaff(actor);
  const id = parseId(orderId, 'order_id');
  const parsed = parseInput(orderActionSchema, action);
  const status = ORDER_ACTIONS[parsed.type];
  const carrier = parsed.type === 'ship' ? parsed.carrier : undefined;
  const trackingNumber = parsed.type === 'ship' ? parsed.trackingNumber : undefined;
  const reason = parsed.type === 'cancel' || parsed.type === 'refund' ? parsed.reason : undefined;

  return transactionWithRetry(db, async (tx) => {
    const result = await updateOrderStatus(tx, id, { status, carrier, trackingNumber, reason }, { userId: actor.id, role: actor.role });
    let refundCents: number | null = null;
    if (status === 'cancelled' || status === 'refunded') {
      const [refund] = await tx
        .select({ amountCents: refunds.amountCents })
        .from(refunds)
        .where(eq(refunds.orderId, id))
        .orderBy(desc(refunds.createdAt))
        .limit(1);
      refundCents = refund?.amountCents ?? null;
    }
    if (result.changed) {
      await recordAudit(tx, {
        actorUserId: actor.id,
        action: `order.${status}`,
        entityType: 'order',
        entityId: id,
        data: {
          number: result.order.number,
          from: result.from,
          to: status,
          ...(carrier ? { carrier, tracking_number: trackingNumber } : {}),
          ...(reason ? { reason } : {}),
          ...(refundCents !== null ? { refund_cents: refundCents } : {}),
        },
      });
    }
    return {
      orderId: id,
      number: result.order.number,
      from: result.from,
      status: result.order.status,
      changed: result.changed,
      refundCents,
      currency: result.order.currency,
    };
  });
}

/** Actions that make sense for many orders at once (shipping needs a tracking number per order). */
export const BULK_ORDER_ACTIONS = ['process', 'deliver', 'cancel'] as const satisfies readonly OrderActionType[];

export const bulkOrderActionSchema = z.object({
  orderIds: z
    .array(idSchema, { error: 'must be a list of order ids' })
    .min(1, { error: 'select at least one order' })
    .max(100, { error: 'select at most 100 orders at a time' }),
  action: z.enum(BULK_ORDER_ACTIONS, { error: `must be one of ${BULK_ORDER_ACTIONS.join(', ')} (ship orders one by one)` }),
  reason: reasonSchema,
});

export type BulkOrderOutcome =
  | { orderId: string; number: number | null; ok: true; status: OrderStatus; changed: boolean; refundCents: number | null }
  | { orderId: string; number: number | null; ok: false; code: string; message: string };

export type BulkOrderResult = { action: (typeof BULK_ORDER_ACTIONS)[number]; succeeded: number; failed: number; results: BulkOrderOutcome[] };

/**
 * The same action on several orders, each in its own transaction: one order
 * that cannot move (e.g. `invalid_transition`) does not stop the others. Says
 * for each order whether it worked and, if not, why.
 */
export async function applyBulkOrderAction(db: DbOrTx, actor: StaffActor | null | undefined, input: unknown): Promise<BulkOrderResult> {
  assertStaff(actor);
  const { orderIds, action, reason } = parseInput(bulkOrderActionSchema, input);
  const ids = [...new Set(orderIds.map((id) => id.toLowerCase()))];
  const numbers = new Map(
    (await db.select({ id: allOrders.id, number: allOrders.number }).from(allOrders).where(inArray(allOrders.id, ids))).map((o) => [o.id, o.number]),
  );
  const results: BulkOrderOutcome[] = [];
  for (const orderId of ids) {
    const number = numbers.get(orderId) ?? null;
    if (number === null) {
      results.push({ orderId, number, ok: false, code: 'not_found', message: 'Order not found' });
      continue;
    }
    try {
      const step: OrderAction = action === 'cancel' ? { type: 'cancel', reason } : { type: action };
      const done = await applyOrderAction(db, actor, orderId, step);
      results.push({ orderId, number, ok: true, status: done.status, changed: done.changed, refundCents: done.refundCents });
    } catch (error) {
      if (error instanceof ApiError) {
        results.push({ orderId, number, ok: false, code: error.code, message: error.message });
      } else {
        console.error(`[admin] bulk ${action} of order ${orderId} failed`, error);
        results.push({ orderId, number, ok: false, code: 'internal_error', message: 'Something went wrong on our side with this order. Please try again.' });
      }
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { action, succeeded, failed: results.length - succeeded, results };
}
