/**
 * The transactional outbox: jobs are rows in graphile-worker's table, added
 * with `graphile_worker.add_job` inside the business transaction, so they
 * exist if and only if the business write committed.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { DomainEvent } from './types';

export const TASKS = {
  domainEvent: 'domain-event',
  expireOrder: 'expire-order',
  sweepExpiredOrders: 'sweep-expired-orders',
} as const;

export type JobOptions = { runAt?: Date | null; jobKey?: string; maxAttempts?: number };

export async function addJob(tx: DbOrTx, task: string, payload: Record<string, unknown>, options: JobOptions = {}): Promise<void> {
  await tx.execute(sql`
    select graphile_worker.add_job(
      ${task},
      ${JSON.stringify(payload)}::json,
      run_at := ${options.runAt?.toISOString() ?? null}::timestamptz,
      job_key := ${options.jobKey ?? null},
      max_attempts := ${options.maxAttempts ?? 25})`);
}

export async function emit(tx: DbOrTx, event: DomainEvent): Promise<void> {
  await addJob(tx, TASKS.domainEvent, event);
}
