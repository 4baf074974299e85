/** Shared pieces of the fault suite: a seeded RNG, child processes that are always killed, the figures file, and the invariant checks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { ORDER_STATUSES } from '@/lib/orders/status';

const ROOT = path.resolve(import.meta.dirname, '../..');

export const SEED = Number(process.env.FAULT_SEED ?? 20261122);

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}

/** A child process running a TypeScript entry of ours; killed with SIGKILL by `kill()` or `killAll()`. */
export type Child = { name: string; process: ChildProcess; output: string[]; exited: Promise<number | null> };
const children = new Set<Child>();

export function spawnTs(name: string, entry: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const handle = { name, process: child, output, exited };
  children.add(handle);
  void exited.then(() => children.delete(handle));
  return handle;
}

export async function kill(child: Child): Promise<void> {
  if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  await child.exited;
}

export async function killAll(): Promise<void> {
  await Promise.all([...children].map(kill));
}
// Even when a test throws or the run is interrupted: no orphans.
process.once('exit', () => {
  for (const child of children) child.process.kill('SIGKILL');
});

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (child && child.process.exitCode !== null) throw new Error(`${child.name} exited early:\n${child.output.join('')}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${child ? `:\n${child.output.join('')}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Writes this test's section of artifacts/reliability/faults.json (each fault test file owns one key). */
export function writeFigures(section: string, figures: Record<string, unknown>): void {
  const dir = path.join(ROOT, 'artifacts/reliability');
  const file = path.join(dir, 'faults.json');
  mkdirSync(dir, { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first writer
  }
  all[section] = { ...figures, seed: SEED, at: new Date().toISOString() };
  const sections = ['kill9', 'terminate_backend', 'webhook_storm'].map((name) => (all[name] ?? {}) as Record<string, unknown>);
  const sum = (key: string) => sections.reduce((total, s) => total + (typeof s[key] === 'number' ? (s[key] as number) : 0), 0);
  all.summary = {
    seed: SEED,
    checkouts_attempted: sum('checkouts_attempted'),
    checkouts_succeeded: sum('checkouts_succeeded'),
    checkouts_out_of_stock: sum('checkouts_out_of_stock'),
    checkouts_retryable_failed: sum('checkouts_retryable_failed'),
    app_kills: sum('app_kills'),
    worker_kills: sum('worker_kills'),
    connections_terminated: sum('connections_terminated'),
    webhooks_delivered: sum('webhooks_delivered') + sum('storm_deliveries') + sum('in_order_deliveries'),
    invariant_checks_run: sum('invariant_checks_run'),
    invariant_checks_passed: sum('invariant_checks_passed'),
    duration_ms: sum('duration_ms'),
    bugs_found: BUGS_FOUND,
  };
  writeFileSync(file, `${JSON.stringify({ summary: all.summary, ...all }, null, 2)}\n`);
}

/** What this suite found when it was written (issue 11, part 4), and what became of it. */
export const BUGS_FOUND = [
  'route() answered a lost database connection (terminated backend, reset, refused) with 500 internal_error; now 503 `unavailable` with Retry-After: 1 (lib/api/http.ts, isConnectionError in db/retry.ts). Fixed.',
  'postgres.js 3.4.9 nextWrite wrote to a null socket when a connection closed between queueing and flushing a write: an uncaughtException that kills the process, or a query that never settles (porsager/postgres#1208). Guarded by scripts/patch-postgres.mjs (postinstall). Fixed locally; upstream unreleased.',
  'postgres.js 3.4.9 fetchArrayTypes rejection unhandled when a new connection is terminated during its type fetch (crashes under the default unhandled-rejection mode). Caught by scripts/patch-postgres.mjs. Fixed locally.',
  'postgres.js 3.4.9 closed() left the cancelled write timer and unsent bytes in place: on reconnect the StartupMessage was never flushed and the connection hung until connect_timeout (30 s). Cleared by scripts/patch-postgres.mjs. Fixed locally.',
  'After a burst of dropped connections the pool sat idle for up to 20 s (postgres.js backoff min(3^n/100, 20) s, n shared pool-wide): an 8 s stream took 24 s. db/client.ts now caps reconnect backoff at 2 s (reconnectBackoff). Fixed.',
  'A charge.refunded event that overtook its payment_intent.succeeded left the payment "succeeded" (the refund forgotten) instead of "refunded" as in-order delivery does (lib/payments/webhook.ts). Fixed.',
  'Open: under pg_terminate_backend an API-key lookup occasionally resolved with no rows, answering 401 for a valid key (3 times in about 15 runs of this file, none in the last 7; suspected postgres.js, not reproduced in isolation). Counted as valid_key_answered_401, not fixed.',
];

/**
 * Every invariant the fault tests hold the database to, as a list of broken
 * ones (empty when healthy). `settled`: no order may still be waiting for
 * payment (expiry and the sweep have run).
 */
export async function brokenInvariants(db: DbOrTx, options: { since: Date; settled: boolean }): Promise<string[]> {
  const problems: string[] = [];
  // Only the orders this test made (the seeded shop has a history of its own).
  const scope = sql`with o as (select * from orders where created_at >= ${options.since.toISOString()}::timestamptz),
    r as (select r.* from reservations r join o on o.id = r.order_id),
    p as (select p.* from payments p join o on o.id = p.order_id),
    f as (select f.* from refunds f join o on o.id = f.order_id) `;
  const rows = async (label: string, query: ReturnType<typeof sql>) => {
    const found = await db.execute<Record<string, unknown>>(sql`${scope}${query}`);
    for (const row of found.slice(0, 5)) problems.push(`${label}: ${JSON.stringify(row)}`);
  };
  await rows('order with an unknown status', sql.raw(`select id, status from o where status::text not in (${ORDER_STATUSES.map((s) => `'${s}'`).join(',')})`));
  if (options.settled) await rows('order still pending after expiry and sweep', sql`select id, expires_at from o where status = 'pending_payment'`);
  await rows('order without items', sql`select o.id from o where not exists (select 1 from order_items i where i.order_id = o.id)`);
  await rows('order without reservations', sql`select o.id from o where not exists (select 1 from r where r.order_id = o.id)`);
  await rows('order without exactly one payment', sql`select o.id, count(p.id) as n from o left join p on p.order_id = o.id group by o.id having count(p.id) <> 1`);
  await rows('order subtotal differs from its items', sql`
    select o.id, o.subtotal_cents, sum(i.quantity * i.unit_price_cents) as items
    from o join order_items i on i.order_id = o.id group by o.id, o.subtotal_cents having o.subtotal_cents <> sum(i.quantity * i.unit_price_cents)`);
  await rows('payment amount differs from its order total', sql`select o.id, o.total_cents, p.amount_cents from o join p on p.order_id = o.id where p.amount_cents <> o.total_cents`);
  await rows('reservation in an unknown state', sql`select id, status from r where status::text not in ('active', 'committed', 'released')`);
  await rows('active reservation of an order not waiting for payment', sql`
    select r.id, o.status from r join o on o.id = r.order_id where r.status = 'active' and o.status <> 'pending_payment'`);
  await rows('pending order whose reservations are not all active', sql`
    select r.order_id, r.status from r join o on o.id = r.order_id where o.status = 'pending_payment' and r.status <> 'active'`);
  await rows('reserved or committed quantity differs from the items', sql`
    select o.id, o.status from o where o.status in ('pending_payment', 'confirmed', 'processing', 'shipped', 'delivered')
      and (select coalesce(sum(quantity), 0) from r where r.order_id = o.id and r.status in ('active', 'committed'))
       <> (select coalesce(sum(quantity), 0) from order_items i where i.order_id = o.id)`);
  await rows('stock still held by an order that gave it back', sql`
    select o.id, o.status from o where o.status in ('payment_failed', 'cancelled')
      and exists (select 1 from r where r.order_id = o.id and r.status <> 'released')
      and not exists (select 1 from p where p.order_id = o.id and p.status in ('succeeded', 'refunded'))`);
  // (A payment refunded at the provider leaves its order confirmed for the merchant to handle: lib/payments/webhook.ts.)
  await rows('confirmed order not paid', sql`select o.id, p.status from o join p on p.order_id = o.id where o.status = 'confirmed' and p.status not in ('succeeded', 'refunded')`);
  await rows('order with more than one succeeded payment', sql`select order_id, count(*) from p where status = 'succeeded' group by order_id having count(*) > 1`);
  await rows('provider payment id recorded twice', sql`
    select provider_payment_id, count(*) from payments where provider_payment_id is not null group by provider_payment_id having count(*) > 1`);
  await rows('refund without a paid payment of its order', sql`
    select f.id, pp.status from f left join payments pp on pp.id = f.payment_id
    where pp.id is null or pp.order_id <> f.order_id or pp.status not in ('succeeded', 'refunded')`);
  await rows('more than one refund for a payment, or refunds exceeding it', sql`
    select f.payment_id, count(*), sum(f.amount_cents), max(pp.amount_cents) from f join payments pp on pp.id = f.payment_id
    group by f.payment_id having count(*) > 1 or sum(f.amount_cents) > max(pp.amount_cents)`);
  for (const v of await checkInventoryInvariants(db)) problems.push(`inventory: ${JSON.stringify(v)}`);
  return problems;
}
