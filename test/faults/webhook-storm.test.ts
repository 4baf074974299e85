/**
 * Webhook storm: the payment events of a set of orders delivered once, in
 * order, versus the same kind of events for twin orders delivered as a
 * shuffled stream of 1,000 deliveries (each event duplicated, reordered, some
 * held back to the end, several in flight at once) through the real webhook
 * route. The final order and payment states of each twin must equal the
 * in-order outcome, and every invariant must hold.
 */
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { closeDb, getDb } from '@/db/client';
import { POST as stripeWebhook } from '@/app/api/webhooks/stripe/route';
import { placeOrder } from '@/lib/checkout/place-order';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { setExactStock } from '@/test/stock';
import { brokenInvariants, rng, SEED, writeFigures } from './harness';

const SECRET = 'whsec_faults_storm';
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
const ORDERS = 40;
const DELIVERIES = 1_000;
afterAll(() => closeDb());

type Scenario = 'paid' | 'paid_then_session' | 'declined_then_paid' | 'declined_twice' | 'mismatch_then_paid' | 'paid_then_refunded' | 'nothing';
const SCENARIOS: Scenario[] = ['paid', 'paid_then_session', 'declined_then_paid', 'declined_twice', 'mismatch_then_paid', 'paid_then_refunded', 'nothing'];
type Placed = { id: string; totalCents: number };

let eventCounter = 0;
function events(order: Placed, scenario: Scenario): string[] {
  const pi = `pi_${order.id.replace(/-/g, '')}`;
  const intent = (outcome: 'succeeded' | 'card_declined' | 'insufficient_funds', amountCents = order.totalCents) => {
    const event = JSON.parse(simulatedPaymentEvent({ orderId: order.id, paymentIntentId: pi, amountCents, currency: 'USD', outcome }));
    event.id = `evt_storm_${eventCounter++}`;
    return JSON.stringify(event);
  };
  const session = () =>
    JSON.stringify({
      id: `evt_storm_${eventCounter++}`, object: 'event', type: 'checkout.session.completed',
      data: { object: { id: `cs_${pi}`, object: 'checkout.session', payment_status: 'paid', amount_total: order.totalCents, currency: 'usd', payment_intent: pi, metadata: { order_id: order.id } } },
    });
  const refunded = () =>
    JSON.stringify({
      id: `evt_storm_${eventCounter++}`, object: 'event', type: 'charge.refunded',
      data: { object: { id: `ch_${pi}`, object: 'charge', payment_intent: pi, amount: order.totalCents, amount_refunded: order.totalCents, currency: 'usd', refunded: true, metadata: { order_id: order.id } } },
    });
  switch (scenario) {
    case 'paid': return [intent('succeeded')];
    case 'paid_then_session': return [intent('succeeded'), session()];
    case 'declined_then_paid': return [intent('card_declined'), intent('succeeded')];
    case 'declined_twice': return [intent('card_declined'), intent('insufficient_funds')];
    case 'mismatch_then_paid': return [intent('succeeded', order.totalCents - 1), intent('succeeded')];
    case 'paid_then_refunded': return [intent('succeeded'), refunded()];
    case 'nothing': return [];
  }
}

async function deliver(payload: string): Promise<number> {
  const request = new Request('http://127.0.0.1/api/webhooks/stripe', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, SECRET) },
    body: payload,
  });
  return (await stripeWebhook(request, undefined as never)).status;
}

/** What an order ended as: the parts that must not depend on the order of delivery. */
async function outcome(orderId: string) {
  const [row] = await getDb().execute<Record<string, unknown>>(sql`
    select o.status as order_status, p.status as payment_status, p.provider_payment_id is not null as has_provider_id,
           p.flagged_reason is not null as flagged,
           (select coalesce(sum(quantity), 0)::int from reservations r where r.order_id = o.id and r.status = 'committed') as committed,
           (select coalesce(sum(quantity), 0)::int from reservations r where r.order_id = o.id and r.status = 'active') as active,
           (select count(*)::int from refunds f where f.order_id = o.id) as refunds
    from orders o join payments p on p.order_id = o.id where o.id = ${orderId}`);
  return row;
}

it('ends a shuffled, duplicated, delayed stream of 1,000 webhook deliveries where in-order delivery ends', async () => {
  const started = Date.now();
  const random = rng(SEED + 2);
  console.log(`[faults:storm] seed ${SEED} (FAULT_SEED to override)`);
  const db = getDb();
  const [{ now: since }] = (await db.execute<{ now: string }>(sql`select now()`)) as unknown as [{ now: string }];
  const shopperId = await userIdByEmail(db, 'shopper@example.com');
  // Ample stock: a payment after a decline can always reserve again, so only the delivery order could make a difference.
  const variants = await variantsWithStock(db, 1, 1_000_000, 5);
  for (const v of variants) await setExactStock(db, v.id, [10_000]);

  const plan = Array.from({ length: ORDERS }, () => ({
    scenario: random.pick(SCENARIOS),
    lines: [...new Set(Array.from({ length: random.int(1, 2) }, () => random.pick(variants).id))].map((variantId) => ({ variantId, quantity: random.int(1, 3) })),
  }));
  const place = async (lines: { variantId: string; quantity: number }[]): Promise<Placed> => {
    const { orderId } = await placeOrder(db, { userId: shopperId, email: 'shopper@example.com', lines });
    const [row] = await db.execute<{ total_cents: number }>(sql`select total_cents from orders where id = ${orderId}`);
    return { id: orderId, totalCents: row!.total_cents };
  };
  const inOrder: Placed[] = [];
  const stormed: Placed[] = [];
  for (const p of plan) {
    inOrder.push(await place(p.lines));
    stormed.push(await place(p.lines));
  }

  // Reference: each event once, in order.
  let inOrderDeliveries = 0;
  for (const [i, p] of plan.entries()) for (const payload of events(inOrder[i]!, p.scenario)) {
    expect(await deliver(payload)).toBe(200);
    inOrderDeliveries++;
  }

  // The storm: every event at least once, the rest duplicates, shuffled; a tenth held back to the very end.
  const logical = plan.flatMap((p, i) => events(stormed[i]!, p.scenario));
  const deliveries = [...logical];
  while (deliveries.length < DELIVERIES) deliveries.push(random.pick(logical));
  random.shuffle(deliveries);
  const held = deliveries.splice(0, Math.floor(DELIVERIES / 10));
  const statuses: Record<number, number> = {};
  let cursor = 0;
  const senders = Array.from({ length: 8 }, async () => {
    while (cursor < deliveries.length) {
      const payload = deliveries[cursor++]!;
      if (random.next() < 0.05) await new Promise((resolve) => setTimeout(resolve, random.int(1, 30)));
      const status = await deliver(payload);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  });
  await Promise.all(senders);
  await Promise.all(held.map(async (payload) => {
    const status = await deliver(payload);
    statuses[status] = (statuses[status] ?? 0) + 1;
  }));

  const differences: string[] = [];
  for (const [i, p] of plan.entries()) {
    const expected = await outcome(inOrder[i]!.id);
    const actual = await outcome(stormed[i]!.id);
    if (JSON.stringify(expected) !== JSON.stringify(actual)) differences.push(`${p.scenario}: in order ${JSON.stringify(expected)}, storm ${JSON.stringify(actual)}`);
  }
  const problems = await brokenInvariants(db, { since: new Date(since), settled: false });
  const figures = {
    orders: ORDERS * 2, logical_events: logical.length, storm_deliveries: deliveries.length + held.length, in_order_deliveries: inOrderDeliveries,
    answers: statuses, scenarios: Object.fromEntries(SCENARIOS.map((s) => [s, plan.filter((p) => p.scenario === s).length])),
    outcome_differences: differences, invariant_checks_run: 1, invariant_checks_passed: problems.length === 0 ? 1 : 0, problems,
    duration_ms: Date.now() - started,
  };
  writeFigures('webhook_storm', figures);
  console.log(`[faults:storm] ${JSON.stringify(figures)}`);
  expect(statuses).toEqual({ 200: DELIVERIES });
  expect(differences).toEqual([]);
  expect(problems).toEqual([]);
}, 120_000);
