/**
 * Who reacts to which domain event. Consumers must be idempotent: a job may run
 * twice (a retry after a crash), and must then do nothing twice. Consumers
 * arrive with their issues (notifications, search sync, cache revalidation,
 * analytics, recommendations).
 */
import type { DbOrTx } from '@/db/client';
import type { DomainEvent } from './types';

export type Subscriber = { name: string; handles: (event: DomainEvent) => boolean; run: (db: DbOrTx, event: DomainEvent) => Promise<void> };

const subscribers: Subscriber[] = [];

export function subscribe(subscriber: Subscriber): void {
  if (!subscribers.some((s) => s.name === subscriber.name)) subscribers.push(subscriber);
}

/** Runs every interested subscriber; one failing fails the job, which graphile-worker retries with backoff. */
export async function dispatch(db: DbOrTx, event: DomainEvent): Promise<string[]> {
  const ran: string[] = [];
  for (const subscriber of subscribers) {
    if (!subscriber.handles(event)) continue;
    await subscriber.run(db, event);
    ran.push(subscriber.name);
  }
  return ran;
}
