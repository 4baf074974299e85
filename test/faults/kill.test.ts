/**
 * kill -9 during a stream. The checkout and webhook routes (test/faults/app-server.ts,
 * the real handlers) and the job worker (scripts/worker.ts) run as child
 * processes. Several clients place orders over REST with API keys of several
 * users while a webhook sender signs payment events with the real `stripe`
 * package; at random moments the app, and often the worker, are SIGKILLed and
 * restarted. A request whose answer was lost is retried with its
 * Idempotency-Key (as a client and Stripe would). Then expiry and the sweep run
 * and the database is held to every invariant (harness.ts).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { freePort } from '@/db/embedded';
import { createApiKey } from '@/lib/auth/api-keys';
import { sweepExpiredOrders } from '@/lib/orders/expiry';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock } from '@/test/stock';
import { brokenInvariants, kill, killAll, rng, SEED, spawnTs, waitFor, writeFigures, type Child } from './harness';

const SECRET = 'whsec_faults_kill';
const ROUNDS = 5;
const CLIENTS = 6;
const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 4 });
afterAll(async () => {
  await killAll();
  await client.end();
});

it('survives kill -9 of the app and the worker in the middle of a stream of checkouts and webhooks', async () => {
  const started = Date.now();
  const random = rng(SEED);
  console.log(`[faults:kill] seed ${SEED} (FAULT_SEED to override)`);
  const [{ now: since }] = (await db.execute<{ now: string }>(sql`select now()`)) as unknown as [{ now: string }];

  const userRows = await db.execute<{ id: string }>(sql`select id from users order by email limit 4`);
  const keys = await Promise.all(userRows.map((u) => createApiKey(db, u.id, 'faults').then((k) => k.key)));
  const variants = await variantsWithStock(db, 1, 1_000_000, 8);
  for (const v of variants) await setExactStock(db, v.id, [300]);

  const figures = {
    checkouts_attempted: 0, checkouts_succeeded: 0, checkouts_out_of_stock: 0, checkouts_retryable_failed: 0, checkouts_lost_answers: 0,
    checkout_retries: 0, webhooks_delivered: 0, webhook_duplicates_sent: 0, webhooks_lost_answers: 0,
    app_kills: 0, worker_kills: 0, restarts: 0, unexpected_statuses: [] as string[],
  };

  type Checkout = { key: string; apiKey: string; body: string };
  type Webhook = { payload: string };
  const pendingCheckouts: Checkout[] = []; // answer lost or 503: retried with the same Idempotency-Key
  const pendingWebhooks: Webhook[] = [];
  const orderByKey = new Map<string, string>(); // Idempotency-Key -> order id the client saw
  const orders: { id: string; totalCents: number }[] = [];
  const sentWebhooks: string[] = [];

  let app: Child | null = null;
  let worker: Child | null = null;
  let base = '';
  const appEnv = {
    DATABASE_URL: process.env.DATABASE_URL!, STRIPE_WEBHOOK_SECRET: SECRET, STOCKWISE_WORKER: 'off',
    STOCKWISE_ORDER_TTL_MINUTES: '0.1', DATABASE_POOL_MAX: '8',
  };
  const startApp = async () => {
    const port = await freePort();
    app = spawnTs('app', 'test/faults/app-server.ts', { ...appEnv, PORT: String(port) });
    base = `http://127.0.0.1:${port}`;
    await waitFor('the app', async () => (await fetch(`${base}/health`)).ok, 60_000, app);
    figures.restarts++;
  };
  const startWorker = async () => {
    worker = spawnTs('worker', 'scripts/worker.ts', { ...appEnv, STOCKWISE_WORKER_CONCURRENCY: '2' });
    await waitFor('the worker', () => worker!.output.join('').includes('running'), 60_000, worker);
  };

  async function checkout(c: Checkout): Promise<void> {
    let response: Response;
    try {
      response = await fetch(`${base}/api/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.apiKey}`, 'content-type': 'application/json', 'idempotency-key': c.key },
        body: c.body,
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      figures.checkouts_lost_answers++;
      pendingCheckouts.push(c);
      return;
    }
    const body = (await response.json().catch(() => null)) as { order_id?: string; total_cents?: number; error?: { code?: string } } | null;
    if (response.status === 201 || response.status === 200) {
      const known = orderByKey.get(c.key);
      if (known && known !== body?.order_id) figures.unexpected_statuses.push(`key ${c.key} answered two orders`);
      if (!known) {
        orderByKey.set(c.key, body!.order_id!);
        orders.push({ id: body!.order_id!, totalCents: body!.total_cents! });
        figures.checkouts_succeeded++;
      }
    } else if (response.status === 409 && body?.error?.code === 'out_of_stock') {
      figures.checkouts_out_of_stock++;
    } else if (response.status === 503 && body?.error?.code === 'unavailable') {
      figures.checkouts_retryable_failed++;
      pendingCheckouts.push(c);
    } else {
      figures.unexpected_statuses.push(`checkout ${response.status} ${JSON.stringify(body)}`);
    }
  }

  async function webhook(w: Webhook): Promise<void> {
    try {
      const response = await fetch(`${base}/api/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(w.payload, SECRET) },
        body: w.payload,
        signal: AbortSignal.timeout(15_000),
      });
      if (response.status === 200) figures.webhooks_delivered++;
      else if (response.status === 503) pendingWebhooks.push(w); // Stripe retries any non-2xx
      else figures.unexpected_statuses.push(`webhook ${response.status} ${await response.text()}`);
    } catch {
      figures.webhooks_lost_answers++;
      pendingWebhooks.push(w);
    }
  }

  function newCheckout(): Checkout {
    const lines = new Map<string, number>();
    for (let i = random.int(1, 2); i > 0; i--) lines.set(random.pick(variants).id, random.int(1, 3));
    figures.checkouts_attempted++;
    return {
      key: randomUUID(),
      apiKey: random.pick(keys),
      body: JSON.stringify({ items: [...lines].map(([item_id, quantity]) => ({ item_id, quantity })) }),
    };
  }

  function newWebhook(): Webhook | null {
    if (sentWebhooks.length > 0 && random.next() < 0.2) {
      figures.webhook_duplicates_sent++;
      return { payload: random.pick(sentWebhooks) };
    }
    if (orders.length === 0) return null;
    const order = random.pick(orders);
    const payload = simulatedPaymentEvent({
      orderId: order.id,
      paymentIntentId: `pi_${order.id.replace(/-/g, '')}`,
      amountCents: order.totalCents,
      currency: 'USD',
      outcome: random.next() < 0.7 ? 'succeeded' : 'card_declined',
    });
    sentWebhooks.push(payload);
    return { payload };
  }

  /** Clients and the webhook sender run until `stop`; retries go first. */
  async function stream(until: () => boolean): Promise<void> {
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (!until()) await checkout(pendingCheckouts.shift() ?? newCheckout());
    });
    const senders = Array.from({ length: 2 }, async () => {
      while (!until()) {
        const w = pendingWebhooks.shift() ?? newWebhook();
        if (w) await webhook(w);
        // Pacing, not waiting for a state: nothing to send yet, so the sender idles briefly.
        else await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    await Promise.all([...clients, ...senders]);
  }

  try {
    await Promise.all([startApp(), startWorker()]);
    for (let round = 0; round < ROUNDS; round++) {
      const killAt = Date.now() + random.int(1000, 3000);
      const killWorker = random.next() < 0.7;
      const workerKillAt = Date.now() + random.int(200, 2500);
      let stopped = false;
      // The killer sleeps until planned moments: the fault's schedule, not a wait for some state.
      const killer = (async () => {
        if (killWorker) {
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, workerKillAt - Date.now())));
          await kill(worker!);
          figures.worker_kills++;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, killAt - Date.now())));
        stopped = true; // no new requests; those in flight lose their answers
        if (app!.process.exitCode !== null || app!.process.signalCode !== null) figures.unexpected_statuses.push(`the app died by itself:\n${app!.output.join('')}`);
        await kill(app!);
        figures.app_kills++;
      })();
      await stream(() => stopped);
      await killer;
      await Promise.all([startApp(), killWorker ? startWorker() : Promise.resolve()]);
    }

    // Everything whose answer was lost is retried until it has one (a client with an Idempotency-Key, Stripe's retries).
    for (let i = 0; (pendingCheckouts.length > 0 || pendingWebhooks.length > 0) && i < 20; i++) {
      figures.checkout_retries += pendingCheckouts.length;
      await Promise.all(pendingCheckouts.splice(0).map(checkout));
      await Promise.all(pendingWebhooks.splice(0).map(webhook));
    }
    expect(pendingCheckouts).toEqual([]);
    expect(pendingWebhooks).toEqual([]);
    // The worker runs every job that is due (expiry jobs of the older orders included: the TTL is 6 s),
    // then everything stops. Jobs a killed worker had locked are the final sweep's to catch.
    await waitFor(
      'the worker to run every due job',
      async () => {
        const [due] = await db.execute<{ n: number }>(sql`
          select count(*)::int as n from graphile_worker._private_jobs where run_at <= now() and locked_at is null and attempts < max_attempts`);
        return due!.n === 0;
      },
      60_000,
      worker!,
    );
    await kill(app!);
    await kill(worker!);

    // Expiry: whatever is still unpaid is overdue now; the sweep catches what jobs lost to a kill missed.
    await db.execute(sql`update orders set expires_at = now() - interval '1 second' where status = 'pending_payment' and created_at >= ${since}::timestamptz`);
    const swept = await sweepExpiredOrders(db);

    const problems = await brokenInvariants(db, { since: new Date(since), settled: true });
    // Nothing lost, nothing extra: the orders in the database are exactly those the clients were told about.
    const inDb = new Set((await db.execute<{ id: string }>(sql`select id from orders where created_at >= ${since}::timestamptz`)).map((r) => r.id));
    const seen = new Set(orders.map((o) => o.id));
    for (const id of seen) if (!inDb.has(id)) problems.push(`lost: the client got 201 for order ${id}, which is not in the database`);
    for (const id of inDb) if (!seen.has(id)) problems.push(`phantom: order ${id} exists but no client was told about it`);
    const byStatus = Object.fromEntries(
      (await db.execute<{ status: string; n: number }>(sql`select status, count(*)::int as n from orders where created_at >= ${since}::timestamptz group by status`)).map((r) => [r.status, r.n]),
    );

    writeFigures('kill9', {
      ...figures, orders_by_status: byStatus, swept_by_final_sweep: swept,
      invariant_checks_run: 1, invariant_checks_passed: problems.length === 0 ? 1 : 0, problems, duration_ms: Date.now() - started,
    });
    console.log(`[faults:kill] ${JSON.stringify({ ...figures, byStatus, swept })}`);
    expect(figures.unexpected_statuses).toEqual([]);
    expect(problems).toEqual([]);
    expect(figures.app_kills).toBe(ROUNDS);
    expect(figures.checkouts_succeeded).toBeGreaterThan(0);
  } finally {
    await killAll();
  }
}, 150_000);
