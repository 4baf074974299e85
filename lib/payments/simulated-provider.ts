/**
 * The simulated provider (the embedded default, and a clearly named stand-in
 * for Stripe's servers, which this machine cannot reach). Payments are made on
 * a local pay page; its outcome is delivered as a Stripe-format event, signed
 * with the webhook secret by the real `stripe` package, to the same webhook
 * route Stripe would call — so the production webhook path is what runs.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CreatePaymentInput, CreatedPayment, PaymentProvider } from './provider';

const idFrom = (prefix: string, key: string) => `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

export class SimulatedProvider implements PaymentProvider {
  readonly name = 'simulated' as const;

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    // Same key, same payment: as with Stripe's idempotency keys.
    return { providerPaymentId: idFrom('pi_sim', input.idempotencyKey), checkoutUrl: `/pay/${input.orderId}` };
  }

  async cancelPayment(): Promise<void> {
    // Nothing is held anywhere but here.
  }

  async refundPayment(input: { idempotencyKey: string }): Promise<{ providerRefundId: string }> {
    return { providerRefundId: idFrom('re_sim', input.idempotencyKey) };
  }
}

export type SimulatedOutcome = 'succeeded' | 'card_declined' | 'insufficient_funds';

/** The event Stripe would send for this outcome of a PaymentIntent. */
export function simulatedPaymentEvent(input: {
  orderId: string;
  paymentIntentId: string;
  amountCents: number;
  currency: string;
  outcome: SimulatedOutcome;
}): string {
  const succeeded = input.outcome === 'succeeded';
  return JSON.stringify({
    id: `evt_sim_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2025-10-29.clover',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    type: succeeded ? 'payment_intent.succeeded' : 'payment_intent.payment_failed',
    data: {
      object: {
        id: input.paymentIntentId,
        object: 'payment_intent',
        amount: input.amountCents,
        amount_received: succeeded ? input.amountCents : 0,
        currency: input.currency.toLowerCase(),
        status: succeeded ? 'succeeded' : 'requires_payment_method',
        metadata: { order_id: input.orderId },
        last_payment_error: succeeded
          ? null
          : { code: 'card_declined', decline_code: input.outcome === 'insufficient_funds' ? 'insufficient_funds' : 'generic_decline', message: 'Your card was declined.' },
      },
    },
  });
}
