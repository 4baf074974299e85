/**
 * Moves jobs from the outbox into graphile-worker's queue: a batch per
 * transaction (delete + add_jobs), so a batch moves entirely or not at all, and
 * one notification wakes the workers for the whole batch. Several relays may
 * run at once: `SKIP LOCKED` gives each its own rows.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export async function relayOutbox(db: DbOrTx, limit = 1000): Promise<number> {
  const [row] = await db.execute<{ moved: number }>(sql`
    with moved as (
      delete from outbox
      where id in (select id from outbox order by id limit ${limit} for update skip locked)
      returning id, task, payload, run_at, job_key, max_attempts
    ), batch as (
      select array_agg(row(task, payload::json, null, run_at, max_attempts, job_key, null, null)::graphile_worker.job_spec order by id) as specs
      from moved
    )
    select coalesce(array_length(specs, 1), 0) as moved, (select count(*) from graphile_worker.add_jobs(specs)) as added
    from batch where specs is not null`);
  return row?.moved ?? 0;
}
