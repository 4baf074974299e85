/** The domain events others may react to. Each is added as a job inside the transaction that caused it. */
import type { OrderStatus } from '@/lib/orders/status';

export type DomainEvent =
  | { type: 'order.created'; orderId: string; userId: string | null; totalCents: number; currency: string }
  | { type: `order.${OrderStatus}`; orderId: string; userId: string | null; from: OrderStatus | null; reason: string }
  | { type: 'inventory.changed'; variantIds: string[] };

export type DomainEventType = DomainEvent['type'];
