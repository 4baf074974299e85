/**
 * The pg_terminate_backend scenario, shared by the in-process fault test
 * (test/faults/terminate-backend.test.ts, the route handlers called directly)
 * and the one against the built app under `next start`
 * (test/launcher/terminate-backend-next.test.ts, the real router and proxy.ts).
 * Rounds of concurrent checkouts and payment webhooks while a side connection
 * terminates random app connections (application_name 'stockwise'); after each
 * round the retryable failures are retried with their keys until answered.
 */
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { expect } from 'vitest';
import { rng } from './harness';

/** Sends one request to the app: `path` is '/api/v1/orders' or '/api/webhooks/stripe'. */
export type Send = (path: string, init: RequestInit) => Promise<Response>;

export type TerminateOptions = {
  send: Send;
  /** The killer's connection: it must not carry application_name 'stockwise' (it spares itself by pid only). */
  admin: postgres.Sql;
  apiKeys: string[];
  variantIds: string[];
  webhookSecret: string;
  seed: number;
  rounds: number;
  roundMs: number;
  clients: number;
};

export function newTerminateFigures() {
  return {
    checkouts_attempted: 0, checkouts_succeeded: 0, checkouts_out_of_stock: 0, checkouts_retryable_failed: 0, checkout_retries: 0,
    webhooks_delivered: 0, webhooks_retryable_failed: 0, connections_terminated: 0, retry_after_missing: 0, webhook_retry_after_missing: 0, valid_key_answered_401: 0,
    rounds: 0, rounds_with_401: 0, unexpected: [] as string[],
  };
}
export type TerminateFigures = ReturnType<typeof newTerminateFigures>;

export type TerminateResult = {
  figures: TerminateFigures;
  /** The orders callers were told about (201). */
  orders: { id: string; totalCents: number }[];
  streamMs: number;
  /** Per round, the checkouts still failing after the retries (empty when every one got its final answer). */
  retriesLeft: number[];
};

export async function runTerminateRounds(options: TerminateOptions): Promise<TerminateResult> {
  const { send, admin, apiKeys, variantIds, webhookSecret } = options;
  const random = rng(options.seed);
  const figures = newTerminateFigures();
  type Checkout = { key: string; apiKey: string; body: string };
  const retry: Checkout[] = [];
  const webhookRetry: string[] = [];
  const seen = new Map<string, string>(); // Idempotency-Key -> order id
  const orders: { id: string; totalCents: number }[] = [];
  const retriesLeft: number[] = [];

  async function checkout(c: Checkout): Promise<void> {
    let response: Response;
    try {
      response = await send('/api/v1/orders', {
        method: 'POST',
        headers: { authorization: `Bearer ${c.apiKey}`, 'content-type': 'application/json', 'idempotency-key': c.key },
        body: c.body,
      });
    } catch (error) {
      figures.unexpected.push(`checkout request failed: ${String(error)}`);
      return;
    }
    const text = await response.text();
    let body: { order_id?: string; total_cents?: number; error?: { code?: string } } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: reported below with its text
    }
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
      figures.unexpected.push(`valid key answered 401 ${text.slice(0, 500)}`);
    } else {
      figures.unexpected.push(`checkout ${response.status} ${text.slice(0, 500)}`);
    }
  }

  async function webhook(payload: string): Promise<void> {
    let response: Response;
    try {
      response = await send('/api/webhooks/stripe', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, webhookSecret) },
        body: payload,
      });
    } catch (error) {
      figures.unexpected.push(`webhook request failed: ${String(error)}`);
      return;
    }
    const text = await response.text();
    if (response.status === 200) figures.webhooks_delivered++;
    else if (response.status === 503) {
      figures.webhooks_retryable_failed++;
      // Counted, not held to: the webhook's 503 comes from handlePaymentWebhook's own answer, without
      // Retry-After (providers retry on their own schedule).
      if (!response.headers.get('retry-after')) figures.webhook_retry_after_missing++;
      webhookRetry.push(payload);
    } else figures.unexpected.push(`webhook ${response.status} ${text.slice(0, 500)}`);
  }

  function newCheckout(): Checkout {
    const lines = new Map<string, number>();
    for (let i = random.int(1, 3); i > 0; i--) lines.set(random.pick(variantIds), random.int(1, 2));
    figures.checkouts_attempted++;
    return { key: randomUUID(), apiKey: random.pick(apiKeys), body: JSON.stringify({ items: [...lines].map(([item_id, quantity]) => ({ item_id, quantity })) }) };
  }

  let streamMs = 0;
  for (let round = 0; round < options.rounds; round++) {
    const roundStarted = Date.now();
    const before401 = figures.valid_key_answered_401;
    const deadline = Date.now() + options.roundMs;
    const clients = Array.from({ length: options.clients }, async () => {
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
    retriesLeft.push(retry.length);
    retry.length = 0;
    figures.rounds++;
    if (figures.valid_key_answered_401 > before401) figures.rounds_with_401++;
    streamMs += Date.now() - roundStarted;
  }
  return { figures, orders, streamMs, retriesLeft };
}

/** Orders answered 201 but missing from the database, and orders in it that no caller was told about. */
export async function lostAndPhantomOrders(admin: postgres.Sql, since: Date, orders: { id: string }[]): Promise<string[]> {
  const problems: string[] = [];
  const inDb = new Set((await admin<{ id: string }[]>`select id from orders where created_at >= ${since}`).map((r) => r.id));
  for (const o of orders) if (!inDb.has(o.id)) problems.push(`lost: order ${o.id} was answered 201 but is not in the database`);
  const told = new Set(orders.map((o) => o.id));
  for (const id of inDb) if (!told.has(id)) problems.push(`phantom: order ${id} exists but no caller was told about it`);
  return problems;
}

/** What every terminate run must show: no 401 for a valid key, nothing unexpected, every 503 with Retry-After, nothing broken, and real faults met. */
export function expectFaultsWithstood(figures: TerminateFigures, problems: string[], rounds: number): void {
  expect(figures.valid_key_answered_401).toBe(0);
  expect(figures.unexpected).toEqual([]);
  expect(figures.retry_after_missing).toBe(0);
  expect(figures.webhook_retry_after_missing).toBe(0);
  expect(problems).toEqual([]);
  expect(figures.connections_terminated).toBeGreaterThan(5 * rounds);
  expect(figures.checkouts_succeeded).toBeGreaterThan(0);
}
