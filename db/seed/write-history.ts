/**
 * Writes the demo order history in bulk: customers, orders, items, payments,
 * the order timeline, shipments and the "paid" analytics events — everything a
 * real checkout would have left behind except stock movements. The history
 * happened before the opening stock count, so it changes no inventory level
 * and holds no reservation.
 */
import type { DbOrTx } from '@/db/client';
import { analyticsEvents, orderEvents, orderItems, orders, payments, shipments, users } from '@/db/schema';
import type { OrderHistory } from './history';

const CHUNK = 1000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function writeOrderHistory(
  tx: DbOrTx,
  history: OrderHistory,
  options: { now: Date; merchantId: string; passwordHash: string },
): Promise<void> {
  const at = (secondsAgo: number) => new Date(options.now.getTime() - secondsAgo * 1000);

  await tx.insert(users).values(
    history.customers.map((c) => ({ id: c.id, email: c.email, name: c.name, role: 'customer' as const, passwordHash: options.passwordHash, createdAt: at(c.secondsAgo), updatedAt: at(c.secondsAgo) })),
  );

  // Oldest first, so order numbers follow the dates.
  await insertChunked(history.orders, (chunk) =>
    tx.insert(orders).values(
      chunk.map((o) => ({
        id: o.id,
        userId: o.customerId,
        email: o.email,
        status: o.status,
        currency: 'USD',
        subtotalCents: o.subtotalCents,
        shippingCents: o.shippingCents,
        totalCents: o.totalCents,
        shippingAddress: o.address,
        shippingMethod: 'standard',
        expiresAt: at(o.steps[0]!.secondsAgo - 15 * 60),
        createdAt: at(o.steps[0]!.secondsAgo),
        updatedAt: at(o.steps.at(-1)!.secondsAgo),
      })),
    ),
  );
  await insertChunked(
    history.orders.flatMap((o) => o.lines.map((l) => ({ orderId: o.id, variantId: l.variantId, sku: l.sku, name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents }))),
    (chunk) => tx.insert(orderItems).values(chunk),
  );
  await insertChunked(history.orders, (chunk) =>
    tx.insert(payments).values(
      chunk.map((o) => ({
        orderId: o.id,
        provider: 'simulated',
        status: 'succeeded' as const,
        amountCents: o.totalCents,
        currency: 'USD',
        idempotencyKey: `order-${o.id}`,
        providerPaymentId: `pi_sim_history_${o.id.replace(/-/g, '').slice(0, 24)}`,
        paymentIntentId: `pi_sim_history_${o.id.replace(/-/g, '').slice(0, 24)}`,
        capturedCents: o.totalCents,
        createdAt: at(o.steps[0]!.secondsAgo),
        updatedAt: at(o.steps[1]!.secondsAgo),
      })),
    ),
  );

  const merchant = { actor: 'merchant' as const, actorUserId: options.merchantId };
  await insertChunked(
    history.orders.flatMap((o) =>
      o.steps.map((step, i) => ({
        orderId: o.id,
        fromStatus: i === 0 ? null : o.steps[i - 1]!.status,
        toStatus: step.status,
        createdAt: at(step.secondsAgo),
        ...(step.status === 'pending_payment'
          ? { reason: 'order placed', actor: 'shopper' as const, actorUserId: o.customerId }
          : step.status === 'confirmed'
            ? { reason: 'payment succeeded', actor: 'provider' as const, actorUserId: null }
            : step.status === 'shipped'
              ? { reason: '', ...merchant, data: { carrier: o.carrier, trackingNumber: o.trackingNumber } }
              : { reason: '', ...merchant }),
      })),
    ),
    (chunk) => tx.insert(orderEvents).values(chunk),
  );

  const shipped = history.orders.filter((o) => o.status === 'shipped' || o.status === 'delivered');
  if (shipped.length > 0) {
    await insertChunked(shipped, (chunk) =>
      tx.insert(shipments).values(
        chunk.map((o) => {
          const delivered = o.steps.find((s) => s.status === 'delivered');
          return { orderId: o.id, carrier: o.carrier, trackingNumber: o.trackingNumber, shippedAt: at(o.steps.find((s) => s.status === 'shipped')!.secondsAgo), deliveredAt: delivered ? at(delivered.secondsAgo) : null };
        }),
      ),
    );
  }

  // What the "paid" analytics subscriber would have recorded, so the funnel's last step matches the orders.
  await insertChunked(history.orders, (chunk) =>
    tx.insert(analyticsEvents).values(
      chunk.map((o) => ({ type: 'paid', userId: o.customerId, data: { orderId: o.id, totalCents: o.totalCents }, createdAt: at(o.steps[1]!.secondsAgo) })),
    ),
  );
}
