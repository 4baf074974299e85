import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export type QueuedJob = { task: string; payload: Record<string, unknown>; runAt: Date; key: string | null };

/** Jobs waiting in graphile-worker's queue (its private table: the public view has no payload). */
export async function queuedJobs(db: DbOrTx, filter?: { orderId?: string }): Promise<QueuedJob[]> {
  const rows = await db.execute<{ task: string; payload: Record<string, unknown>; run_at: Date; key: string | null }>(sql`
    select t.identifier as task, j.payload, j.run_at, j.key
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    ${filter?.orderId ? sql`where j.payload->>'orderId' = ${filter.orderId}` : sql``}
    order by t.identifier, j.id`);
  return rows.map((r) => ({ task: r.task, payload: r.payload, runAt: new Date(r.run_at), key: r.key }));
}
