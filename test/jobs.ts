import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export type QueuedJob = { task: string; payload: Record<string, unknown>; runAt: Date | null; key: string | null };

/** Jobs waiting to run: still in the outbox, or already in graphile-worker's queue (its private table holds the payload). */
export async function queuedJobs(db: DbOrTx, filter?: { orderId?: string }): Promise<QueuedJob[]> {
  const rows = await db.execute<{ task: string; payload: Record<string, unknown>; run_at: Date | null; key: string | null }>(sql`
    select * from (
      select task, payload, run_at, job_key as key, id as seq from outbox
      union all
      select t.identifier, j.payload::jsonb, j.run_at, j.key, j.id from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    ) q
    ${filter?.orderId ? sql`where payload->>'orderId' = ${filter.orderId}` : sql``}
    order by task, seq`);
  return rows.map((r) => ({ task: r.task, payload: r.payload, runAt: r.run_at ? new Date(r.run_at) : null, key: r.key }));
}
