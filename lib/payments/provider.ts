/**
 * One interface for taking payments. Two adapters: Stripe (production, when
 * STRIPE_SECRET_KEY is set) and the simulated provider (the embedded default),
 * which sends Stripe-format, Stripe-signed events to the same webhook route.
 */
export type CreatePaymentInput = {
  orderId: string;
  orderNumber: number;
  amountCents: number;
  currency: string;
  email: string;
  /** `order-<id>`: a retried create returns the same payment, never a second one. */
  idempotencyKey: string;
  successUrl: string;
  cancelUrl: string;
};

export type CreatedPayment = {
  /** Stripe: the Checkout Session id until paid, then the PaymentIntent id. */
  providerPaymentId: string;
  /** Where the shopper pays. */
  checkoutUrl: string;
};

export interface PaymentProvider {
  readonly name: 'stripe' | 'simulated';
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /** Stops a payment that has not happened (the order expired or was cancelled). */
  cancelPayment(input: { providerPaymentId: string; idempotencyKey: string }): Promise<void>;
  refundPayment(input: { providerPaymentId: string; amountCents: number; idempotencyKey: string; reason: string }): Promise<{ providerRefundId: string }>;
}
