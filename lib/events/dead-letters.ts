/**
 * Background jobs that need a person: graphile-worker retries a failing job
 * with exponential backoff (exp(attempt) seconds) until `max_attempts`; then it
 * stays in the queue, never to run again — a dead letter. Staff can see those
 * and the jobs still retrying, run a dead one again (attempts reset, now), or
 * discard it. Each change is audited in the same transaction.
 *
 * graphile-worker's `jobs` view has no payload, so this reads its private
 * table (0.17: graphile_worker._private_jobs, _private_tasks), and changes
 * jobs through its own SQL functions (reschedule_jobs, complete_jobs).
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { inTransaction, type DbOrTx } from '@/db/client';
import { conflict, notFound, parseInput } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';

export type Actor = AuthUser | null | undefined;

export const DEAD_JOBS_PAGE_SIZE = 20;
export const RETRYING_JOBS_LIMIT = 50;

/** What a job is about, for a person: the order, variant or product its payload names. */
export type JobConcerns = {
  orderId: string | null;
  orderNumber: number | null;
  variantId: string | null;
  sku: string | null;
  /** More variants than the one shown (inventory.changed carries a list). */
  moreVariants: number;
  productId: string | null;
  productName: string | null;
};

export type JobRow = {
  id: string;
  task: string;
  /** The domain event's type, for `domain-event` jobs. */
  eventType: string | null;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  /** When it last changed: for a dead job, when its last attempt failed. */
  updatedAt: Date;
  /** The next attempt (retrying jobs). */
  runAt: Date;
  /** Set while a worker is running it. */
  lockedAt: Date | null;
  concerns: JobConcerns;
};

export type DeadJobPage = { items: JobRow[]; total: number; page: number; pageSize: number; pageCount: number };

// A lock older than this belongs to a worker that died; graphile-worker's own functions use the same 4 hours.
const STALE_LOCK = sql`interval '4 hours'`;
const DEAD = sql`(j.attempts >= j.max_attempts and (j.locked_at is null or j.locked_at < now() - ${STALE_LOCK}))`;
const RETRYING = sql`(j.attempts > 0 and not ${DEAD})`;

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
/** A payload text as a uuid, or null when it is not one (a cast would throw). */
const asUuid = (text: SQL) => sql`(case when ${text} ~* ${UUID} then (${text})::uuid end)`;

type Raw = {
  id: string;
  task: string;
  payload: Record<string, unknown> | null;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  run_at: Date | string;
  locked_at: Date | string | null;
  dead: boolean;
  order_id: string | null;
  order_number: number | string | null;
  variant_id: string | null;
  sku: string | null;
  variant_count: number | null;
  product_id: string | null;
  product_name: string | null;
};

function jobsQuery(where: SQL, tail: SQL): SQL {
  const p = sql`(j.payload::jsonb)`;
  return sql`
    select j.id::text as id, t.identifier as task, ${p} as payload, j.attempts, j.max_attempts, j.last_error,
           j.created_at, j.updated_at, j.run_at, j.locked_at, ${DEAD} as dead,
           o.id as order_id, o.number as order_number, v.id as variant_id, v.sku,
           coalesce(jsonb_array_length(case when jsonb_typeof(${p}->'variantIds') = 'array' then ${p}->'variantIds' end), 0)::int as variant_count,
           pr.id as product_id, pr.name as product_name
    from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    left join orders o on o.id = coalesce(
      ${asUuid(sql`${p}->>'orderId'`)},
      (select r.order_id from refunds r where r.id = ${asUuid(sql`${p}->>'refundId'`)}),
      (select pm.order_id from payments pm where pm.id = ${asUuid(sql`${p}->>'paymentId'`)}))
    left join product_variants v on v.id = ${asUuid(sql`coalesce(${p}->>'variantId', ${p}->'variantIds'->>0)`)}
    left join products pr on pr.id = coalesce(${asUuid(sql`${p}->>'productId'`)}, v.product_id)
    where ${where}
    ${tail}`;
}

const toDate = (value: Date | string) => new Date(value);

function toJob(r: Raw): JobRow {
  const payload = r.payload && typeof r.payload === 'object' ? r.payload : {};
  const orderId = r.order_id ?? (typeof payload.orderId === 'string' ? payload.orderId : null);
  return {
    id: r.id,
    task: r.task,
    eventType: r.task === 'domain-event' && typeof payload.type === 'string' ? payload.type : null,
    payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lastError: r.last_error,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    runAt: toDate(r.run_at),
    lockedAt: r.locked_at ? toDate(r.locked_at) : null,
    concerns: {
      orderId,
      orderNumber: r.order_number === null ? null : Number(r.order_number),
      variantId: r.variant_id,
      sku: r.sku,
      moreVariants: Math.max(0, (r.variant_count ?? 0) - 1),
      productId: r.product_id,
      productName: r.product_name,
    },
  };
}

const listOptions = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) }).catch({ page: 1 });

/** Jobs that used up their attempts and will not run again by themselves, most recent failure first. */
export async function listDeadJobs(db: DbOrTx, actor: Actor, options: { page?: unknown } = {}): Promise<DeadJobPage> {
  assertStaff(actor);
  const { page } = listOptions.parse(options ?? {});
  const [{ total } = { total: 0 }] = await db.execute<{ total: number }>(sql`select count(*)::int as total from graphile_worker._private_jobs j where ${DEAD}`);
  const rows = await db.execute<Raw>(
    jobsQuery(DEAD, sql`order by j.updated_at desc, j.id desc limit ${DEAD_JOBS_PAGE_SIZE} offset ${(page - 1) * DEAD_JOBS_PAGE_SIZE}`),
  );
  return { items: rows.map(toJob), total, page, pageSize: DEAD_JOBS_PAGE_SIZE, pageCount: Math.ceil(total / DEAD_JOBS_PAGE_SIZE) };
}

/** Jobs that failed at least once and will be tried again (or are running again now), next attempt first. */
export async function listRetryingJobs(db: DbOrTx, actor: Actor): Promise<JobRow[]> {
  assertStaff(actor);
  const rows = await db.execute<Raw>(jobsQuery(RETRYING, sql`order by j.run_at, j.id limit ${RETRYING_JOBS_LIMIT}`));
  return rows.map(toJob);
}

const jobIdSchema = z
  .union([z.number().int().positive(), z.string().trim().regex(/^\d{1,18}$/, { error: 'must be a job number' })], { error: 'must be a job number' })
  .transform(String);

/** The dead job, locked for this change: 404 when there is none, 409 when it is not dead (still retrying, or running). */
async function lockDeadJob(tx: DbOrTx, jobId: string): Promise<Raw> {
  const [locked] = await tx.execute<{ id: string }>(sql`select id::text as id from graphile_worker._private_jobs where id = ${jobId}::bigint for update`);
  if (!locked) throw notFound('Job');
  const [job] = await tx.execute<Raw>(jobsQuery(sql`j.id = ${jobId}::bigint`, sql``));
  if (!job) throw notFound('Job');
  if (!job.dead) throw conflict(`Job ${jobId} has not failed for good: it is still being retried (attempt ${job.attempts} of ${job.max_attempts}).`);
  return job;
}

function auditData(job: Raw): Record<string, unknown> {
  return {
    task: job.task,
    payload: job.payload,
    attempts: job.attempts,
    maxAttempts: job.max_attempts,
    lastError: job.last_error?.slice(0, 2000) ?? null,
  };
}

/** Runs a dead job again now, with its attempts reset (so it gets the full set of retries again). */
export async function retryDeadJob(db: DbOrTx, actor: Actor, jobId: unknown): Promise<{ jobId: string }> {
  assertStaff(actor);
  const id = parseInput(jobIdSchema, jobId, 'jobId');
  return inTransaction(db, async (tx) => {
    const job = await lockDeadJob(tx, id);
    await tx.execute(sql`select id from graphile_worker.reschedule_jobs(array[${id}::bigint], run_at := now(), attempts := 0)`);
    await recordAudit(tx, { actorUserId: actor.id, action: 'job.retried', entityType: 'job', entityId: id, data: auditData(job) });
    return { jobId: id };
  });
}

/** Gives up on a dead job: it leaves the queue; the audit entry keeps its payload and last error. */
export async function discardDeadJob(db: DbOrTx, actor: Actor, jobId: unknown): Promise<{ jobId: string }> {
  assertStaff(actor);
  const id = parseInput(jobIdSchema, jobId, 'jobId');
  return inTransaction(db, async (tx) => {
    const job = await lockDeadJob(tx, id);
    await tx.execute(sql`select id from graphile_worker.complete_jobs(array[${id}::bigint])`);
    await recordAudit(tx, { actorUserId: actor.id, action: 'job.discarded', entityType: 'job', entityId: id, data: auditData(job) });
    return { jobId: id };
  });
}
