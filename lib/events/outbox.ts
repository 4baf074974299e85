/**
 * The transactional outbox. Business transactions add jobs as rows of the
 * `outbox` table, so a job exists if and only if the write that caused it
 * committed; the relay (lib/events/relay.ts, run by the worker) moves them in
 * batches into graphile-worker's queue.
 */
import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { DomainEvent } from './types';

export const TASKS = {
  domainEvent: 'domain-event',
  expireOrder: 'expire-order',
  sweepExpiredOrders: 'sweep-expired-orders',
  reconcileGates: 'reconcile-flash-gates',
} as const;

export type JobSpec = {
  task: string;
  payload: Record<string, unknown>;
  /** When to run it: a Date, or an SQL expression such as `now() + interval '15 minutes'`. */
  runAt?: SQL | Date | null;
  /** Jobs with the same key replace each other in the queue. */
  jobKey?: string | null;
  maxAttempts?: number;
};

/** An `insert into outbox …` for these jobs, to run alone or as a CTE of a larger statement. */
export function outboxInsert(jobs: readonly JobSpec[]): SQL {
  const rows = jobs.map(
    (job) => sql`(${job.task}, ${JSON.stringify(job.payload)}::jsonb, ${
      job.runAt instanceof Date ? sql`${job.runAt.toISOString()}::timestamptz` : (job.runAt ?? sql`null::timestamptz`)
    }, ${job.jobKey ?? null}, ${job.maxAttempts ?? 25})`,
  );
  return sql`insert into outbox (task, payload, run_at, job_key, max_attempts) values ${sql.join(rows, sql`, `)}`;
}

export async function addJobs(tx: DbOrTx, jobs: readonly JobSpec[]): Promise<void> {
  if (jobs.length > 0) await tx.execute(outboxInsert(jobs));
}

export function addJob(tx: DbOrTx, task: string, payload: Record<string, unknown>, options: Omit<JobSpec, 'task' | 'payload'> = {}): Promise<void> {
  return addJobs(tx, [{ task, payload, ...options }]);
}

/**
 * Attempts before a domain-event job is left for a person (the dead-letter list
 * at /admin/jobs). graphile-worker waits exp(attempt) seconds between tries, so
 * 10 attempts span about 3.5 hours: long enough to outlast an outage of the
 * app or the mail server, short enough that someone hears of it the same day.
 */
export const DOMAIN_EVENT_MAX_ATTEMPTS = 10;

/** The event as a job. `eventId` names this occurrence, so consumers can key their writes by it and stay idempotent. */
export function domainEventJob(event: DomainEvent): JobSpec {
  return { task: TASKS.domainEvent, payload: { ...event, eventId: randomUUID() }, maxAttempts: DOMAIN_EVENT_MAX_ATTEMPTS };
}

export function emit(tx: DbOrTx, event: DomainEvent): Promise<void> {
  return addJobs(tx, [domainEventJob(event)]);
}

/** Several events in one statement (a CSV import may change hundreds of products). */
export async function emitAll(tx: DbOrTx, events: readonly DomainEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) await addJobs(tx, events.slice(i, i + 500).map(domainEventJob));
}
