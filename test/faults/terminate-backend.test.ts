/**
 * pg_terminate_backend during concurrent checkouts and webhooks, in process
 * through the real route handlers: a side task keeps killing the app's
 * database connections at random. Every caller gets success, a business
 * answer (409 out of stock) or a retryable 503 `unavailable` with Retry-After
 * — never a 500 — and the database never holds a partial order.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { closeDb, getDb, reconnectBackoff } from '@/db/client';
import { POST as createOrder } from '@/app/api/v1/orders/route';
import { POST as stripeWebhook } from '@/app/api/webhooks/stripe/route';
import { createApiKey } from '@/lib/auth/api-keys';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock } from '@/test/stock';
import { brokenInvariants, rng, SEED, writeFigures } from './harness';

const SECRET = 'whsec_faults_terminate';
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
// Rounds of a short stream, each ending with the retries drained: 20 separate outages in about the time
// one 8 s stream took, so "never a 401 for a valid key" is checked across 20 runs of the scenario.
const ROUNDS = Number(process.env.FAULT_TERMINATE_ROUNDS ?? 20);
const ROUND_MS = Number(process.env.FAULT_TERMINATE_ROUND_MS ?? 500);
const CLIENTS = 8;
// The killer and the checks use their own connection, which the killer spares.
const admin = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {}, connection: { application_name: 'faults-killer' } });
afterAll(async () => {
  await admin.end();
  await closeDb();
});

it('runs with the postgres.js guards (scripts/patch-postgres.mjs, the postinstall)', () => {
  // Without them a backend terminated at the wrong moment throws an uncaughtException (or an unhandled
  // rejection) that kills the process.
  const root = path.resolve(path.dirname(createRequire(import.meta.url).resolve('postgres')), '../..'); // …/postgres/cjs/src/index.js
  for (const flavour of ['src', 'cjs/src']) {
    const text = readFileSync(path.join(root, flavour, 'connection.js'), 'utf8');
    expect(text, 'run `npm install` (or `node scripts/patch-postgres.mjs`)').toContain('stockwise: guarded nextWrite');
    expect(text, 'run `npm install` (or `node scripts/patch-postgres.mjs`)').toContain('stockwise: caught fetchArrayTypes');
    expect(text, 'run `npm install` (or `node scripts/patch-postgres.mjs`)').toContain('stockwise: flushed state cleared on close');
  }
});

it('reconnects within 2 s however many connections were dropped (db/client.ts reconnectBackoff)', () => {
  // postgres.js's default grew to 20 s pool-wide after a burst of dropped connections: the pool sat idle.
  for (let retries = 0; retries < 50; retries++) expect(reconnectBackoff(retries)).toBeLessThanOrEqual(2);
  expect(reconnectBackoff(0)).toBeLessThanOrEqual(0.1);
});

it('answers success or a retryable 503 while connections are terminated, and leaves no partial order', async () => {
  const started = Date.now();
  const random = rng(SEED + 1);
  console.log(`[faults:terminate] seed ${SEED} (FAULT_SEED to override)`);
  const db = getDb();
  const since = (await admin<{ now: Date }[]>`select now()`)[0]!.now;
  const userRows = await admin<{ id: string }[]>`select id from users order by email limit 4`;
  const keys = await Promise.all(userRows.map((u) => createApiKey(db, u.id, 'faults').then((k) => k.key)));
  const variants = await variantsWithStock(db, 1, 1_000_000, 6);
  for (const v of variants) await setExactStock(db, v.id, [40 * ROUNDS]);

  const figures = {
    checkouts_attempted: 0, checkouts_succeeded: 0, checkouts_out_of_stock: 0, checkouts_retryable_failed: 0, checkout_retries: 0,
    webhooks_delivered: 0, webhooks_retryable_failed: 0, connections_terminated: 0, retry_after_missing: 0, valid_key_answered_401: 0,
    rounds: 0, rounds_with_401: 0, unexpected: [] as string[],
  };
  type Checkout = { key: string; apiKey: string; body: string };
  const retry: Checkout[] = [];
  const webhookRetry: string[] = [];
  const seen = new Map<string, string>(); // Idempotency-Key -> order id
  const orders: { id: string; totalCents: number }[] = [];

  async function checkout(c: Checkout): Promise<void> {
    const request = new Request('http://127.0.0.1/api/v1/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${c.apiKey}`, 'content-type': 'application/json', 'idempotency-key': c.key },
      body: c.body,
    });
    const response = await createOrder(request, undefined as never);
    const body = (await response.json()) as { order_id?: string; total_cents?: number; error?: { code?: string } };
    if (response.status === 201 || response.status === 200) {
      const known = seen.get(c.key);
      if (known && known !== body.order_id) figures.unexpected.push(`key ${c.key} answered two orders`);
      if (!known) {
        seen.set(c.key, body.order_id!);
        orders.push({ id: body.order_id!, totalCents: body.total_cents! });
        figures.checkouts_succeeded++;
      }
    } else if (response.status === 409 && body.error?.code === 'out_of_stock') {
      figures.checkouts_out_of_stock++;
    } else if (response.status === 503 && body.error?.code === 'unavailable') {
      figures.checkouts_retryable_failed++;
      if (!response.headers.get('retry-after')) figures.retry_after_missing++;
      retry.push(c);
    } else if (response.status === 401) {
      // Every key here is valid: an outage must answer 503, never "unknown key".
      figures.valid_key_answered_401++;
      figures.unexpected.push(`valid key answered 401 ${JSON.stringify(body)}`);
    } else {
      figures.unexpected.push(`checkout ${response.status} ${JSON.stringify(body)}`);
    }
  }

  async function webhook(payload: string): Promise<void> {
    const request = new Request('http://127.0.0.1/api/webhooks/stripe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, SECRET) },
      body: payload,
    });
    const response = await stripeWebhook(request, undefined as never);
    if (response.status === 200) figures.webhooks_delivered++;
    else if (response.status === 503) {
      figures.webhooks_retryable_failed++;
      webhookRetry.push(payload);
    } else figures.unexpected.push(`webhook ${response.status} ${await response.text()}`);
  }

  function newCheckout(): Checkout {
    const lines = new Map<string, number>();
    for (let i = random.int(1, 3); i > 0; i--) lines.set(random.pick(variants).id, random.int(1, 2));
    figures.checkouts_attempted++;
    return { key: randomUUID(), apiKey: random.pick(keys), body: JSON.stringify({ items: [...lines].map(([item_id, quantity]) => ({ item_id, quantity })) }) };
  }

  let streamMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const roundStarted = Date.now();
    const before401 = figures.valid_key_answered_401;
  const deadline = Date.now() + ROUND_MS;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < deadline) await checkout(retry.shift() ?? newCheckout());
    });
    const sender = (async () => {
      while (Date.now() < deadline) {
        const order = orders.length > 0 ? random.pick(orders) : null;
        const payload = webhookRetry.shift() ?? (order
          ? simulatedPaymentEvent({ orderId: order.id, paymentIntentId: `pi_${order.id.replace(/-/g, '')}`, amountCents: order.totalCents, currency: 'USD', outcome: random.next() < 0.7 ? 'succeeded' : 'card_declined' })
          : null);
        if (payload) await webhook(payload);
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const killer = (async () => {
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, random.int(10, 60)));
        // One random connection of the app's pool (application_name 'stockwise'), busy or idle.
        const killed = await admin<{ ok: boolean }[]>`
          select pg_terminate_backend(pid) as ok from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and application_name = 'stockwise'
          order by random() limit 1`;
        figures.connections_terminated += killed.filter((k) => k.ok).length;
      }
    })();
    await Promise.all([...clients, sender, killer]);

    // The connections are left alone now: every retryable failure, retried with its key, gets its final answer.
    for (let i = 0; (retry.length > 0 || webhookRetry.length > 0) && i < 10; i++) {
      figures.checkout_retries += retry.length;
      await Promise.all(retry.splice(0).map(checkout));
      await Promise.all(webhookRetry.splice(0).map(webhook));
    }
    expect(retry, `round ${round}: retries left`).toEqual([]);
    figures.rounds++;
    if (figures.valid_key_answered_401 > before401) figures.rounds_with_401++;
    streamMs += Date.now() - roundStarted;
  }

  const problems = await brokenInvariants(db, { since, settled: false });
  const inDb = new Set((await admin<{ id: string }[]>`select id from orders where created_at >= ${since}`).map((r) => r.id));
  for (const o of orders) if (!inDb.has(o.id)) problems.push(`lost: order ${o.id} was answered 201 but is not in the database`);
  const told = new Set(orders.map((o) => o.id));
  for (const id of inDb) if (!told.has(id)) problems.push(`phantom: order ${id} exists but no caller was told about it`);

  writeFigures('terminate_backend', {
    ...figures, stream_ms: streamMs, invariant_checks_run: 1, invariant_checks_passed: problems.length === 0 ? 1 : 0, problems, duration_ms: Date.now() - started,
  });
  console.log(`[faults:terminate] ${JSON.stringify(figures)}`);
  expect(figures.valid_key_answered_401).toBe(0);
  expect(figures.unexpected).toEqual([]);
  expect(figures.retry_after_missing).toBe(0);
  expect(problems).toEqual([]);
  expect(figures.connections_terminated).toBeGreaterThan(5 * ROUNDS);
  expect(figures.checkouts_succeeded).toBeGreaterThan(0);
}, 90_000);
