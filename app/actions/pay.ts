'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { appUrl } from '@/lib/app-url';
import { webhookSecret } from '@/lib/payments/config';
import { payStateFor } from '@/lib/payments/pay-page';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { startPayment } from '@/lib/payments/start-payment';
import { signPayload } from '@/lib/payments/stripe-events';
import type { ActionResult } from '@/lib/session/action-result';
import { getCurrentUser } from '@/lib/session/current-user';

const input = z.object({ orderId: idSchema, outcome: z.enum(['succeeded', 'card_declined', 'insufficient_funds']) });

/**
 * The simulated provider's "bank": turns the button the shopper pressed into
 * the event Stripe would send, signs it with the webhook secret and delivers
 * it over HTTP to the webhook route, exactly as Stripe would.
 */
export async function simulatePaymentAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = input.safeParse({ orderId: form.get('orderId'), outcome: form.get('outcome') });
  if (!parsed.success) return { ok: false, message: 'Something about this payment form is wrong. Reload the page and try again.' };
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=/pay/${parsed.data.orderId}`);
  const state = await payStateFor(parsed.data.orderId, user.id);
  if (!state || state.kind !== 'payable') return { ok: false, message: 'This order cannot be paid any more.' };

  const { providerPaymentId } = await startPayment(getDb(), parsed.data.orderId);
  const payload = simulatedPaymentEvent({
    orderId: parsed.data.orderId,
    paymentIntentId: providerPaymentId,
    amountCents: state.order.totalCents,
    currency: state.order.currency,
    outcome: parsed.data.outcome,
  });
  let delivered: Response;
  try {
    delivered = await fetch(`${appUrl()}/api/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, webhookSecret()) },
      body: payload,
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return { ok: false, message: 'The payment service did not answer. Nothing was charged; please try again.' };
  }
  if (!delivered.ok) return { ok: false, message: 'The payment could not be processed. Nothing was charged; please try again.' };
  redirect(`/pay/${parsed.data.orderId}/${parsed.data.outcome === 'succeeded' ? 'success' : 'failed'}`);
}
