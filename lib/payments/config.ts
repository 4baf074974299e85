/** The payment provider and secrets, chosen once from the environment. */
import { createHmac } from 'node:crypto';
import { DEV_WEBHOOK_SECRET, isDemoMode } from '@/lib/config/demo';
import type { PaymentProvider } from './provider';
import { SimulatedProvider } from './simulated-provider';
import { StripeProvider } from './stripe-provider';

export { DEV_WEBHOOK_SECRET };

/**
 * The secret that verifies `Stripe-Signature`:
 * - STRIPE_WEBHOOK_SECRET when set (never the published development secret outside demo mode);
 * - in demo mode, the documented development secret;
 * - outside demo mode with the simulated provider, a secret derived from AUTH_SECRET, so the
 *   pay page's events can be signed but nobody outside the shop can forge one.
 */
export function webhookSecret(env: Record<string, string | undefined> = process.env): string {
  const demo = isDemoMode(env);
  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (secret) {
    if (secret === DEV_WEBHOOK_SECRET && !demo) {
      throw new Error(`STRIPE_WEBHOOK_SECRET is the published development secret; it is refused outside demo mode (STOCKWISE_DEMO=1)`);
    }
    return secret;
  }
  if (env.STRIPE_SECRET_KEY && env.STOCKWISE_DEMO !== '1') throw new Error('STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is');
  if (demo) return DEV_WEBHOOK_SECRET;
  const authSecret = env.AUTH_SECRET;
  if (!authSecret) throw new Error('AUTH_SECRET is not set');
  return `whsec_${createHmac('sha256', authSecret).update('stockwise simulated webhooks').digest('base64url')}`;
}

let cached: PaymentProvider | undefined;

export function paymentProvider(): PaymentProvider {
  const key = process.env.STRIPE_SECRET_KEY;
  cached ??= key ? new StripeProvider({ apiKey: key }) : new SimulatedProvider();
  return cached;
}
