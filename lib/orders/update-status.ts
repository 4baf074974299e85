/**
 * What a merchant or a shopper may ask of an order, in one place for the REST
 * API, the shop and the dashboard: merchants move orders through fulfilment
 * (shipping needs a carrier and a tracking number); shoppers may only cancel
 * their own order, and only before it ships.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { transactionWithRetry } from '@/db/retry';
import { shipments } from '@/db/schema';
import { forbidden, invalidField, notFound } from '@/lib/api/errors';
import { isStaff, type Role } from '@/lib/auth/users';
import type { OrderStatus } from './status';
import { lockOrder, transitionOrder, type TransitionResult } from './transition';

export type StatusRequest = { status: OrderStatus; carrier?: string; trackingNumber?: string; reason?: string };
export type Requester = { userId: string; role: Role };

export async function updateOrderStatus(db: DbOrTx, orderId: string, request: StatusRequest, requester: Requester): Promise<TransitionResult> {
  return transactionWithRetry(db, async (tx) => {
    const staff = isStaff(requester.role);
    const order = await lockOrder(tx, orderId, staff ? {} : { visibleTo: requester.userId });
    if (!staff && order.userId !== requester.userId) throw notFound('Order');
    if (!staff && request.status !== 'cancelled') throw forbidden('You can cancel your order; the shop does the rest');

    const actor = { kind: staff ? ('merchant' as const) : ('shopper' as const), userId: requester.userId };
    const reason = request.reason?.trim() || defaultReason(request.status, staff);

    if (request.status === 'shipped') {
      if (!request.carrier) throw invalidField('carrier', 'is required to ship an order');
      if (!request.trackingNumber) throw invalidField('tracking_number', 'is required to ship an order');
      const result = await transitionOrder(tx, orderId, 'shipped', {
        actor, reason, data: { carrier: request.carrier, tracking_number: request.trackingNumber },
      });
      if (result.changed) await tx.insert(shipments).values({ orderId, carrier: request.carrier, trackingNumber: request.trackingNumber });
      return result;
    }
    const result = await transitionOrder(tx, orderId, request.status, { actor, reason });
    if (result.changed && request.status === 'delivered') {
      await tx.update(shipments).set({ deliveredAt: sql`now()` }).where(and(eq(shipments.orderId, orderId), isNull(shipments.deliveredAt)));
    }
    return result;
  });
}

function defaultReason(status: OrderStatus, staff: boolean): string {
  switch (status) {
    case 'cancelled':
      return staff ? 'cancelled by the shop' : 'cancelled by the shopper';
    case 'confirmed':
      return 'payment confirmed by the shop';
    case 'processing':
      return 'being packed';
    case 'shipped':
      return 'handed to the carrier';
    case 'delivered':
      return 'delivered';
    case 'refunded':
      return 'returned and refunded';
    default:
      return `marked ${status.replace('_', ' ')}`;
  }
}

