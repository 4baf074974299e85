/**
 * Who reacts to which domain event. Consumers must be idempotent: a job may run
 * twice (a retry after a crash), and must then do nothing twice. Consumers
 * arrive with their issues (notifications, search sync, cache revalidation,
 * analytics, recommendations).
 */
import type { DbOrTx } from '@/db/client';
import type { DomainEvent } from './types';

/** About one occurrence of an event: `eventId` is the same on every run of its job (a retry, a duplicate delivery). */
export type EventMeta = { eventId: string };

export type Subscriber = { name: string; handles: (event: DomainEvent) => boolean; run: (db: DbOrTx, event: DomainEvent, meta: EventMeta) => Promise<void> };

const subscribers: Subscriber[] = [];

export function subscribe(subscriber: Subscriber): void {
  if (!subscribers.some((s) => s.name === subscriber.name)) subscribers.push(subscriber);
}

/** The wired subscribers (for the catalogue's consistency test). */
export function listSubscribers(): readonly Subscriber[] {
  return subscribers;
}

/** Runs every interested subscriber; one failing fails the job, which graphile-worker retries with backoff. */
export async function dispatch(db: DbOrTx, payload: DomainEvent & { eventId?: string }, fallbackEventId = 'unknown'): Promise<string[]> {
  const { eventId = fallbackEventId, ...event } = payload;
  const ran: string[] = [];
  for (const subscriber of subscribers) {
    if (!subscriber.handles(event as DomainEvent)) continue;
    await subscriber.run(db, event as DomainEvent, { eventId });
    ran.push(subscriber.name);
  }
  return ran;
}
