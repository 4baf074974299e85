/**
 * Retries and dead letters with graphile-worker for real: a domain-event job
 * whose subscriber throws is retried with backoff, is listed as dead once its
 * attempts are used up, and runs (and succeeds) again when staff retry it.
 * Between attempts run_at is pulled back to now() instead of waiting out the
 * backoff. (A running worker, not `runOnce`: in graphile-worker 0.17.3
 * `runOnce` can resolve, and close its pool, before a failure is written,
 * leaving the job locked.)
 */
import { sql } from 'drizzle-orm';
import { Logger, run, type Runner, type TaskList } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { auditLog } from '@/db/schema';
import { findUserById, type AuthUser } from '@/lib/auth/users';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { CONSUMERS, DOMAIN_EVENTS } from './catalogue';
import { discardDeadJob, listDeadJobs, listRetryingJobs, retryDeadJob } from './dead-letters';
import { DOMAIN_EVENT_MAX_ATTEMPTS, emit, TASKS } from './outbox';
import { relayOutbox } from './relay';
import { dispatch, subscribe } from './subscribers';
import type { DomainEvent, DomainEventType } from './types';
import { statusOf } from '@/test/status';

const url = process.env.DATABASE_URL!;
const { db, sql: client } = connect(url, { max: 5 });
afterAll(() => client.end());

const merchant = (await findUserById(db, await userIdByEmail(db, 'merchant@example.com'))) as AuthUser;
const shopper = (await findUserById(db, await userIdByEmail(db, 'shopper@example.com'))) as AuthUser;
const [variant] = await variantsWithStock(db, 1, 1_000_000, 1);

// A consumer that fails while `failing` holds the event's tag (as a mail server that is down would).
const failing = new Set<string>();
const ran: string[] = [];
subscribe({
  name: 'flaky-under-test',
  handles: (event) => event.type === 'product.updated',
  run: async (_db, event, meta) => {
    if (event.type !== 'product.updated') return;
    if (event.changes.some((tag) => failing.has(tag))) throw new Error(`mail server down (${event.changes.join(', ')})`);
    ran.push(meta.eventId);
  },
});
let tags = 0;
const newTag = () => `tag-${process.pid}-${tags++}`;
const emitTagged = (productId: string, tag: string) => db.transaction((tx) => emit(tx, { type: 'product.updated', productId, changes: [tag] }));

// The worker's domain-event task, on this file's database.
const taskList: TaskList = {
  [TASKS.domainEvent]: async (payload, helpers) => {
    await dispatch(db, payload as DomainEvent, `job:${helpers.job.id}`);
  },
};
// graphile-worker logs every failure loudly; these failures are the point of the test.
const quiet = new Logger(() => () => {});
let runner: Runner;
beforeAll(async () => {
  runner = await run({ connectionString: url, taskList, concurrency: 1, pollInterval: 50, noHandleSignals: true, logger: quiet });
});
afterAll(() => runner.stop());

type JobState = { id: string; attempts: number; max_attempts: number; due_later: boolean; locked: boolean; last_error: string | null };
async function jobOf(tag: string): Promise<JobState | undefined> {
  const [row] = await db.execute<JobState>(sql`
    select j.id::text as id, j.attempts, j.max_attempts, j.run_at > now() as due_later, j.locked_at is not null as locked, j.last_error
    from graphile_worker._private_jobs j
    where j.payload::jsonb->'changes' ? ${tag}`);
  return row;
}

/** Waits until the worker has run the job to this state (`gone`: completed and removed). */
async function settled(tag: string, want: { attempts: number } | 'gone'): Promise<JobState | undefined> {
  for (let i = 0; i < 200; i++) {
    const job = await jobOf(tag);
    if (want === 'gone' ? !job : job && !job.locked && job.attempts === want.attempts) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${tag} never reached ${JSON.stringify(want)}: ${JSON.stringify(await jobOf(tag))}`);
}
const runNow = (id: string) => db.execute(sql`update graphile_worker._private_jobs set run_at = now() where id = ${id}::bigint`);

describe('domain-event jobs', () => {
  it(`get ${DOMAIN_EVENT_MAX_ATTEMPTS} attempts in graphile-worker's queue`, async () => {
    const tag = newTag();
    failing.add(tag); // kept in the queue, to be looked at
    await emitTagged(variant!.productId, tag);
    await relayOutbox(db);
    expect(await settled(tag, { attempts: 1 })).toMatchObject({ max_attempts: DOMAIN_EVENT_MAX_ATTEMPTS });
    failing.delete(tag);
    await runNow((await jobOf(tag))!.id);
    await settled(tag, 'gone'); // ran, succeeded, left the queue
  });

  it('are retried with backoff, listed as dead after their last attempt, and run again (and succeed) when staff retry them', async () => {
    const productId = variant!.productId;
    const tag = newTag();
    failing.add(tag);
    await emitTagged(productId, tag);
    await relayOutbox(db);

    const first = (await settled(tag, { attempts: 1 }))!;
    expect(first.last_error).toMatch(/mail server down/);
    expect(first.due_later).toBe(true); // pushed back: graphile-worker waits exp(attempts) seconds

    const retrying = await listRetryingJobs(db, merchant);
    expect(retrying.find((j) => j.id === first.id)).toMatchObject({
      task: 'domain-event',
      eventType: 'product.updated',
      attempts: 1,
      maxAttempts: DOMAIN_EVENT_MAX_ATTEMPTS,
      lastError: expect.stringMatching(/mail server down/),
      concerns: expect.objectContaining({ productId }),
    });
    expect((await listDeadJobs(db, merchant)).items.find((j) => j.id === first.id)).toBeUndefined();

    for (let attempt = 2; attempt <= DOMAIN_EVENT_MAX_ATTEMPTS; attempt++) {
      await runNow(first.id);
      expect(await settled(tag, { attempts: attempt })).toMatchObject({ due_later: true });
    }
    // Used up: graphile-worker will not pick it again, even when due.
    await runNow(first.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await jobOf(tag)).toMatchObject({ attempts: DOMAIN_EVENT_MAX_ATTEMPTS, locked: false });

    const dead = await listDeadJobs(db, merchant, { page: 1 });
    expect(dead.total).toBeGreaterThanOrEqual(1);
    const listed = dead.items.find((j) => j.id === first.id)!;
    expect(listed).toMatchObject({
      eventType: 'product.updated',
      attempts: DOMAIN_EVENT_MAX_ATTEMPTS,
      lastError: expect.stringMatching(/mail server down/),
      concerns: expect.objectContaining({ productId, productName: expect.any(String) }),
    });
    expect((await listRetryingJobs(db, merchant)).find((j) => j.id === first.id)).toBeUndefined();

    // The mail server is back; staff retry. (Still at 10 attempts it could never run: that it runs shows they were reset.)
    failing.delete(tag);
    expect(await retryDeadJob(db, merchant, first.id)).toEqual({ jobId: first.id });
    expect((await listDeadJobs(db, merchant)).items.find((j) => j.id === first.id)).toBeUndefined();
    const before = ran.length;
    await settled(tag, 'gone');
    expect(ran.length).toBe(before + 1);

    const [audit] = await db.execute<{ action: string; actor_user_id: string; data: Record<string, unknown> }>(
      sql`select action, actor_user_id, data from audit_log where entity_type = 'job' and entity_id = ${first.id}`,
    );
    expect(audit).toMatchObject({ action: 'job.retried', actor_user_id: merchant.id, data: expect.objectContaining({ task: 'domain-event', attempts: DOMAIN_EVENT_MAX_ATTEMPTS }) });
  });

  it('a dead job can be discarded: it leaves the queue and the audit log keeps its payload', async () => {
    const productId = variant!.productId;
    const tag = newTag();
    failing.add(tag);
    await emitTagged(productId, tag);
    await relayOutbox(db);
    const job = (await settled(tag, { attempts: 1 }))!;

    // Not dead yet: neither retried nor discarded by hand.
    expect(await statusOf(() => discardDeadJob(db, merchant, job.id))).toBe(409);
    expect(await statusOf(() => retryDeadJob(db, merchant, job.id))).toBe(409);

    // Use up its attempts the way graphile-worker's own admin function does.
    await db.execute(sql`select graphile_worker.permanently_fail_jobs(array[${job.id}::bigint], 'given up')`);
    expect(await statusOf(() => discardDeadJob(db, shopper, job.id))).toBe(403);
    expect(await statusOf(() => discardDeadJob(db, null, job.id))).toBe(401);
    expect(await jobOf(tag)).toBeDefined();

    await discardDeadJob(db, merchant, job.id);
    expect(await jobOf(tag)).toBeUndefined();
    const entries = await db.select().from(auditLog).where(sql`${auditLog.entityType} = 'job' and ${auditLog.entityId} = ${job.id}`);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'job.discarded', actorUserId: merchant.id, data: expect.objectContaining({ payload: expect.objectContaining({ productId }) }) }),
    ]);
    expect(await statusOf(() => discardDeadJob(db, merchant, job.id))).toBe(404);
    expect(await statusOf(() => retryDeadJob(db, merchant, 'not-a-number'))).toBe(400);
  });

  it('dead jobs say which order they concern', async () => {
    const [order] = await db.execute<{ id: string; number: number }>(sql`select id, number from orders order by created_at limit 1`);
    await db.execute(sql`select graphile_worker.add_job('domain-event', ${JSON.stringify({ type: 'order.shipped', orderId: order!.id, eventId: 'x' })}::json, max_attempts := 1, run_at := now() + interval '1 hour')`);
    await db.execute(sql`update graphile_worker._private_jobs set attempts = 1, last_error = 'boom' where payload->>'orderId' = ${order!.id} and payload->>'eventId' = 'x'`);
    const listed = (await listDeadJobs(db, merchant)).items.find((j) => j.payload.eventId === 'x' && j.concerns.orderId === order!.id);
    expect(listed?.concerns).toMatchObject({ orderId: order!.id, orderNumber: Number(order!.number) });
    expect(listed?.eventType).toBe('order.shipped');
  });
});

describe('the event catalogue', () => {
  it('names, for every event, exactly the wired subscribers that handle it', async () => {
    const { listSubscribers } = await import('./subscribers');
    await import('@/worker/subscribers');
    const wired = listSubscribers().filter((s) => s.name in CONSUMERS);
    expect(wired.length).toBeGreaterThan(0);
    for (const [type, entry] of Object.entries(DOMAIN_EVENTS) as [DomainEventType, (typeof DOMAIN_EVENTS)[DomainEventType]][]) {
      for (const subscriber of wired) {
        const handles = subscriber.handles({ type } as DomainEvent);
        expect({ type, subscriber: subscriber.name, handles }).toEqual({ type, subscriber: subscriber.name, handles: (entry.consumers as readonly string[]).includes(subscriber.name) });
      }
    }
    // Every wired subscriber is in the catalogue (test subscribers aside).
    expect(listSubscribers().filter((s) => !s.name.endsWith('-under-test')).map((s) => s.name).filter((name) => !(name in CONSUMERS))).toEqual([]);
  });
});
