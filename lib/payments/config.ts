/** The payment provider and secrets, chosen once from the environment. */
import type { PaymentProvider } from './provider';
import { SimulatedProvider } from './simulated-provider';
import { StripeProvider } from './stripe-provider';

export const DEV_WEBHOOK_SECRET = 'whsec_stockwise_dev';

/** STRIPE_WEBHOOK_SECRET, or in demo mode the documented development secret. */
export function webhookSecret(): string {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (secret) return secret;
  if (process.env.STRIPE_SECRET_KEY && process.env.STOCKWISE_DEMO !== '1') {
    throw new Error('STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is');
  }
  return DEV_WEBHOOK_SECRET;
}

let cached: PaymentProvider | undefined;

export function paymentProvider(): PaymentProvider {
  const key = process.env.STRIPE_SECRET_KEY;
  cached ??= key ? new StripeProvider({ apiKey: key }) : new SimulatedProvider();
  return cached;
}
