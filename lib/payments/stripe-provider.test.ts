import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripeProvider } from './stripe-provider';

/** A stand-in for api.stripe.com on localhost: records each request and answers from a queue. */
type Seen = { method: string; path: string; headers: http.IncomingHttpHeaders; form: URLSearchParams };
const seen: Seen[] = [];
const answers: { status: number; body: unknown }[] = [];
let server: http.Server;
let provider: StripeProvider;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method!, path: request.url!, headers: request.headers, form: new URLSearchParams(body) });
      const answer = answers.shift() ?? { status: 500, body: { error: { message: 'no answer queued' } } };
      response.writeHead(answer.status, { 'content-type': 'application/json', 'request-id': 'req_test' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider = new StripeProvider({ apiKey: 'sk_test_stand_in', host: '127.0.0.1', port: (server.address() as AddressInfo).port, protocol: 'http' });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const input = {
  orderId: '7d3b2a7e-1111-4a4a-8b8b-123456789abc',
  orderNumber: 1042,
  amountCents: 4599,
  currency: 'USD',
  email: 'sam@example.com',
  idempotencyKey: 'order-7d3b2a7e-1111-4a4a-8b8b-123456789abc',
  successUrl: 'http://localhost:3000/orders/x/paid',
  cancelUrl: 'http://localhost:3000/pay/x',
};

describe('the Stripe adapter, against a local stand-in for Stripe', () => {
  it('creates a Checkout Session with the order’s idempotency key, amount in minor units and metadata.order_id', async () => {
    seen.length = 0;
    answers.push({ status: 200, body: { id: 'cs_test_123', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_123' } });
    const created = await provider.createPayment(input);
    expect(created).toEqual({ providerPaymentId: 'cs_test_123', checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_test_123' });
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/checkout/sessions' });
    expect(request!.headers['idempotency-key']).toBe(input.idempotencyKey);
    expect(request!.headers.authorization).toBe('Bearer sk_test_stand_in');
    const form = request!.form;
    expect(form.get('mode')).toBe('payment');
    expect(form.get('line_items[0][price_data][unit_amount]')).toBe('4599');
    expect(form.get('line_items[0][price_data][currency]')).toBe('usd');
    expect(form.get('line_items[0][quantity]')).toBe('1');
    expect(form.get('metadata[order_id]')).toBe(input.orderId);
    expect(form.get('payment_intent_data[metadata][order_id]')).toBe(input.orderId);
    expect(form.get('client_reference_id')).toBe(input.orderId);
    expect(form.get('success_url')).toBe(input.successUrl);
  });

  it('retries a failed request with the same idempotency key, so Stripe creates one session', async () => {
    seen.length = 0;
    answers.push({ status: 500, body: { error: { type: 'api_error', message: 'try again' } } });
    answers.push({ status: 200, body: { id: 'cs_test_456', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_456' } });
    expect((await provider.createPayment(input)).providerPaymentId).toBe('cs_test_456');
    expect(seen).toHaveLength(2);
    expect(seen.map((s) => s.headers['idempotency-key'])).toEqual([input.idempotencyKey, input.idempotencyKey]);
  });

  it('expires an unpaid session, cancels a PaymentIntent, each with its own key', async () => {
    seen.length = 0;
    answers.push({ status: 200, body: { id: 'cs_test_123', object: 'checkout.session', status: 'expired' } });
    answers.push({ status: 200, body: { id: 'pi_123', object: 'payment_intent', status: 'canceled' } });
    await provider.cancelPayment({ providerPaymentId: 'cs_test_123', idempotencyKey: 'cancel-1' });
    await provider.cancelPayment({ providerPaymentId: 'pi_123', idempotencyKey: 'cancel-2' });
    expect(seen.map((s) => [s.method, s.path, s.headers['idempotency-key']])).toEqual([
      ['POST', '/v1/checkout/sessions/cs_test_123/expire', 'cancel-1'],
      ['POST', '/v1/payment_intents/pi_123/cancel', 'cancel-2'],
    ]);
  });

  it('refunds the PaymentIntent for the given amount with the refund’s key', async () => {
    seen.length = 0;
    answers.push({ status: 200, body: { id: 're_789', object: 'refund', status: 'succeeded' } });
    const refund = await provider.refundPayment({ providerPaymentId: 'pi_123', amountCents: 4599, idempotencyKey: 'refund-order-1', reason: 'cancelled' });
    expect(refund).toEqual({ providerRefundId: 're_789' });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/refunds' });
    expect(seen[0]!.headers['idempotency-key']).toBe('refund-order-1');
    expect(seen[0]!.form.get('payment_intent')).toBe('pi_123');
    expect(seen[0]!.form.get('amount')).toBe('4599');
  });

  it('surfaces Stripe’s refusals as errors with their status', async () => {
    answers.push({ status: 400, body: { error: { type: 'invalid_request_error', message: 'This session is already complete' } } });
    await expect(provider.cancelPayment({ providerPaymentId: 'cs_done', idempotencyKey: 'cancel-3' })).rejects.toMatchObject({ statusCode: 400 });
  });
});
