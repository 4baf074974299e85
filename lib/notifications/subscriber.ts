/**
 * The notifications consumer of domain events: the order's shopper hears about
 * every step of their order; merchants and admins hear about new paid orders,
 * flagged payments, low and sold-out stock. Idempotent: each recipient's rows
 * are keyed by `${eventId}:${userId}`, so a job that runs twice writes once.
 */
import { desc, eq } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { orders, shipments, users } from '@/db/schema';
import type { EventMeta, Subscriber } from '@/lib/events/subscribers';
import type { DomainEvent } from '@/lib/events/types';
import { deliver, staffUserIds, type Delivery } from './deliver';
import {
  shopperOrderNotice,
  staffInventoryNotice,
  staffPaidOrderNotice,
  staffPaymentFlaggedNotice,
  type Notice,
  type OrderFacts,
} from './templates';

type OrderRecipient = OrderFacts & { userId: string | null; userEmail: string | null; userName: string | null };

async function orderFacts(db: DbOrTx, orderId: string): Promise<OrderRecipient | null> {
  const [row] = await db
    .select({
      id: orders.id,
      number: orders.number,
      email: orders.email,
      totalCents: orders.totalCents,
      currency: orders.currency,
      userId: orders.userId,
      userEmail: users.email,
      userName: users.name,
    })
    .from(orders)
    .leftJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const [shipment] = await db
    .select({ carrier: shipments.carrier, trackingNumber: shipments.trackingNumber })
    .from(shipments)
    .where(eq(shipments.orderId, orderId))
    .orderBy(desc(shipments.shippedAt))
    .limit(1);
  return { ...row, shipment: shipment ?? null };
}

function toStaff(staff: readonly string[], notice: Notice, meta: EventMeta): Delivery[] {
  return staff.map((userId) => ({ audience: 'staff', userId, notice, dedupeKey: `${meta.eventId}:${userId}` }));
}

/** Who is told what about this event; empty when nobody is. */
export async function deliveriesFor(db: DbOrTx, event: DomainEvent, meta: EventMeta): Promise<Delivery[]> {
  if (event.type === 'inventory.low' || event.type === 'inventory.sold_out') {
    return toStaff(await staffUserIds(db), staffInventoryNotice(event), meta);
  }
  if (event.type === 'payment.flagged') {
    const [order] = await db.select({ number: orders.number }).from(orders).where(eq(orders.id, event.orderId));
    return toStaff(await staffUserIds(db), staffPaymentFlaggedNotice(event, order?.number ?? null), meta);
  }
  if (!isOrderEvent(event)) return [];

  const order = await orderFacts(db, event.orderId);
  if (!order) return [];
  const deliveries: Delivery[] = [];
  const notice = shopperOrderNotice(event, order);
  // The order's own e-mail is the address the shopper gave at checkout; the account's is the fallback.
  const email = order.email || order.userEmail;
  if (notice && (order.userId || email)) {
    deliveries.push({
      audience: 'shopper',
      userId: order.userId,
      mailTo: email ? { email, name: order.userName } : null,
      notice,
      dedupeKey: `${meta.eventId}:${order.userId ?? email}`,
    });
  }
  if (event.type === 'order.confirmed') {
    // A merchant who buys from their own shop is told once, as the shopper.
    const staff = (await staffUserIds(db)).filter((id) => id !== order.userId);
    deliveries.push(...toStaff(staff, staffPaidOrderNotice(order), meta));
  }
  return deliveries;
}

type OrderEvent = Extract<DomainEvent, { type: 'order.created' } | { type: `order.${string}`; from: unknown }>;

function isOrderEvent(event: DomainEvent): event is OrderEvent {
  return event.type.startsWith('order.');
}

const HANDLED = new Set<string>(['inventory.low', 'inventory.sold_out', 'payment.flagged']);

export const notificationsSubscriber: Subscriber = {
  name: 'notifications',
  handles: (event) => HANDLED.has(event.type) || (event.type.startsWith('order.') && event.type !== 'order.pending_payment'),
  run: (db, event, meta) =>
    inTransaction(db, async (tx) => {
      await deliver(tx, await deliveriesFor(tx, event, meta));
    }),
};
