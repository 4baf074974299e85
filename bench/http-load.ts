/**
 * The load generator for the HTTP benchmark, run as a second process so the
 * app's event loop is not shared with the client's. Reads a plan (JSON) from
 * argv, prints results (JSON) on its last line.
 */
import { signPayload } from '@/lib/payments/stripe-events';
import { latencySummary } from './lib/report';

type PagePlan = { kind: 'page'; name: string; url: string; seconds: number; concurrency: number };
type CheckoutPlan = {
  kind: 'checkout';
  name: string;
  base: string;
  concurrency: number;
  webhookSecret: string;
  buyers: { key: string; itemId: string }[];
};
type Plan = PagePlan | CheckoutPlan;

async function pages(plan: PagePlan) {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const deadline = performance.now() + plan.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          const response = await fetch(plan.url);
          await response.arrayBuffer();
          if (response.status === 200) latencies.push(performance.now() - t);
          else errors[`HTTP ${response.status}`] = (errors[`HTTP ${response.status}`] ?? 0) + 1;
        } catch (error) {
          errors[(error as Error).message] = (errors[(error as Error).message] ?? 0) + 1;
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  return { name: plan.name, requests: latencies.length, perSecond: Math.round((latencies.length / elapsed) * 1000), latency: latencySummary(latencies), errors };
}

async function checkouts(plan: CheckoutPlan) {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let confirmed = 0;
  let refused = 0;
  let next = 0;
  const note = (kind: string) => (errors[kind] = (errors[kind] ?? 0) + 1);
  const started = performance.now();

  async function buy(buyer: { key: string; itemId: string }, index: number) {
    const t = performance.now();
    const headers = { authorization: `Bearer ${buyer.key}`, 'content-type': 'application/json' };
    const cart = await fetch(`${plan.base}/api/v1/users/me/cart`, { method: 'POST', headers, body: JSON.stringify({ item_id: buyer.itemId, quantity: 1 }) });
    await cart.arrayBuffer();
    if (cart.status !== 200) return note(`cart: HTTP ${cart.status}`);
    const placed = await fetch(`${plan.base}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `bench-${plan.name}-${index}` },
      body: JSON.stringify({ from_cart: true }),
    });
    const order = (await placed.json()) as { order_id?: string; total_cents?: number; currency?: string; error?: { code: string } };
    if (placed.status === 409 && order.error?.code === 'out_of_stock') {
      refused++;
      return;
    }
    if (placed.status !== 201) return note(`order: HTTP ${placed.status} ${order.error?.code ?? ''}`.trim());
    const event = JSON.stringify({
      id: `evt_bench_${plan.name}_${index}`,
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: `pi_bench_${plan.name}_${index}`, object: 'payment_intent', amount: order.total_cents, amount_received: order.total_cents, currency: order.currency!.toLowerCase(), metadata: { order_id: order.order_id } } },
    });
    const paid = await fetch(`${plan.base}/api/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(event, plan.webhookSecret) },
      body: event,
    });
    const result = (await paid.json()) as { result?: string };
    if (paid.status !== 200 || result.result !== 'confirmed') return note(`webhook: ${paid.status} ${result.result ?? JSON.stringify(result).slice(0, 80)}`.trim());
    confirmed++;
    latencies.push(performance.now() - t);
  }

  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (next < plan.buyers.length) {
        const index = next++;
        try {
          await buy(plan.buyers[index]!, index);
        } catch (error) {
          note(`network: ${(error as Error).message}`);
        }
      }
    }),
  );
  const elapsed = performance.now() - started;
  return { name: plan.name, buyers: plan.buyers.length, confirmed, refused, errors, perSecond: Math.round((confirmed / elapsed) * 1000), elapsedMs: Math.round(elapsed), latency: latencySummary(latencies) };
}

const plan = JSON.parse(process.argv[2]!) as Plan;
const result = plan.kind === 'page' ? await pages(plan) : await checkouts(plan);
console.log(JSON.stringify(result));
