/**
 * Stripe adapter: a Checkout Session per order (Stripe hosts the card form),
 * created with the order's idempotency key and `metadata.order_id` on both the
 * session and its PaymentIntent; cancel and refund carry their own keys.
 */
import Stripe from 'stripe';
import type { CreatePaymentInput, CreatedPayment, PaymentProvider } from './provider';

export type StripeProviderOptions = {
  apiKey: string;
  /** For tests: send requests to a local stand-in instead of api.stripe.com. */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
};

export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(options: StripeProviderOptions) {
    this.stripe = new Stripe(options.apiKey, {
      host: options.host,
      port: options.port,
      protocol: options.protocol,
      maxNetworkRetries: 2,
      timeout: 10_000,
      appInfo: { name: 'Stockwise' },
    });
  }

  async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
    const metadata = { order_id: input.orderId };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer_email: input.email || undefined,
        client_reference_id: input.orderId,
        metadata,
        payment_intent_data: { metadata },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: input.currency.toLowerCase(),
              unit_amount: input.amountCents,
              product_data: { name: `Order #${input.orderNumber}` },
            },
          },
        ],
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
      { idempotencyKey: input.idempotencyKey },
    );
    if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
    return { providerPaymentId: session.id, checkoutUrl: session.url };
  }

  async cancelPayment(input: { providerPaymentId: string; idempotencyKey: string }): Promise<void> {
    if (input.providerPaymentId.startsWith('cs_')) {
      await this.stripe.checkout.sessions.expire(input.providerPaymentId, {}, { idempotencyKey: input.idempotencyKey });
    } else {
      await this.stripe.paymentIntents.cancel(input.providerPaymentId, {}, { idempotencyKey: input.idempotencyKey });
    }
  }

  async refundPayment(input: { providerPaymentId: string; amountCents: number; idempotencyKey: string; reason: string }): Promise<{ providerRefundId: string }> {
    const refund = await this.stripe.refunds.create(
      { payment_intent: input.providerPaymentId, amount: input.amountCents, metadata: { reason: input.reason } },
      { idempotencyKey: input.idempotencyKey },
    );
    return { providerRefundId: refund.id };
  }
}
