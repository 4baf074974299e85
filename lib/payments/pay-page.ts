/** What the pay page may offer for an order, decided in one place. */
import { getDb } from '@/db/client';
import { loadOrder, type OrderDetail } from '@/lib/orders/view';

export type PayState =
  | { kind: 'payable'; order: OrderDetail; retry: boolean }
  | { kind: 'paid'; order: OrderDetail }
  | { kind: 'closed'; order: OrderDetail; why: string };

/** The order of `userId` with how it stands for payment; null when it is not theirs (or does not exist). */
export async function payStateFor(orderId: string, userId: string): Promise<PayState | null> {
  const order = await loadOrder(getDb(), orderId);
  if (!order || order.userId !== userId) return null;
  const open = order.expiresAt !== null && order.expiresAt.getTime() > Date.now();
  switch (order.status) {
    case 'pending_payment':
      return open ? { kind: 'payable', order, retry: false } : { kind: 'closed', order, why: 'The time to pay this order has run out.' };
    case 'payment_failed':
      return open ? { kind: 'payable', order, retry: true } : { kind: 'closed', order, why: 'The payment failed and the time to retry has run out.' };
    case 'confirmed':
    case 'processing':
    case 'shipped':
    case 'delivered':
      return { kind: 'paid', order };
    case 'cancelled':
      return { kind: 'closed', order, why: 'This order was cancelled.' };
    case 'refunded':
      return { kind: 'closed', order, why: 'This order was refunded.' };
  }
}
