/** Stripe-format webhook events: verifying their signature and reading what Stockwise needs from them. */
import Stripe from 'stripe';
import { z } from 'zod';

// Only the webhook helpers are used; they never call Stripe's servers.
const stripe = new Stripe('sk_test_webhooks_only');

export class InvalidWebhookError extends Error {}

export type VerifiedEvent = { id: string; type: string; object: Record<string, unknown> };

// PostgreSQL text cannot hold U+0000: an id or type with one is not a Stripe event (it was a 500).
const noNul = /^[^\u0000]*$/;
const eventShape = z.object({
  id: z.string().min(1).max(255).regex(noNul),
  type: z.string().min(1).max(255).regex(noNul),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

/**
 * How far ahead of our clock a signature's timestamp may be. Stripe's library refuses a timestamp
 * more than DEFAULT_TOLERANCE (5 minutes) old but accepts any future one, so a signature stamped
 * ahead would stay valid for as long as it is ahead plus those 5 minutes. The same 5 minutes the
 * other way absorbs real skew between Stripe's clock and ours (NTP keeps it to well under a second)
 * and bounds how long any signature verifies to 10 minutes in all.
 */
export const FUTURE_TOLERANCE_SECONDS = stripe.webhooks.DEFAULT_TOLERANCE;

/** Verifies the `Stripe-Signature` header against the raw body and parses the event; throws InvalidWebhookError. */
export function verifyEvent(rawBody: string, signature: string | null, secret: string, now = Date.now()): VerifiedEvent {
  if (!signature) throw new InvalidWebhookError('Missing Stripe-Signature header');
  let event: unknown;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret, undefined, undefined, now);
  } catch (error) {
    throw new InvalidWebhookError(error instanceof SyntaxError ? 'The body is not valid JSON' : 'Invalid Stripe signature');
  }
  const at = signedAt(signature);
  // A `t=` that is not a number slips past the library's age check (its age is NaN): refuse it too.
  if (!Number.isFinite(at)) throw new InvalidWebhookError('The signature has no valid timestamp');
  if (at > Math.floor(now / 1000) + FUTURE_TOLERANCE_SECONDS) {
    throw new InvalidWebhookError('The signature’s timestamp is in the future beyond the allowed clock skew');
  }
  const parsed = eventShape.safeParse(event);
  if (!parsed.success) throw new InvalidWebhookError('Not a Stripe event');
  return { id: parsed.data.id, type: parsed.data.type, object: parsed.data.data.object };
}

/** The header's `t=` as the library reads it (the last one wins), which the verified signature covers. */
function signedAt(header: string): number {
  const stamps = header.split(',').flatMap((item) => (item.split('=')[0] === 't' ? [parseInt(item.split('=')[1] ?? '', 10)] : []));
  return stamps.at(-1) ?? Number.NaN;
}

/** Signs a payload the way Stripe does (used by the simulated provider and by tests). */
export function signPayload(payload: string, secret: string): string {
  return stripe.webhooks.generateTestHeaderString({ payload, secret });
}

export type PaymentOutcome =
  | { kind: 'succeeded'; orderId: string | null; paymentIntentId: string; checkoutSessionId: string | null; amountCents: number; currency: string }
  | { kind: 'failed'; orderId: string | null; paymentIntentId: string | null; reason: string }
  /** `amountRefundedCents` is the charge's cumulative amount_refunded; below `capturedCents` it is a partial refund. */
  | { kind: 'refunded'; orderId: string | null; paymentIntentId: string | null; capturedCents: number; amountRefundedCents: number }
  | { kind: 'ignored'; why: string };

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const orderIdOf = (object: Record<string, unknown>): string | null => {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  return str(metadata?.order_id) ?? str(object.client_reference_id);
};

/** What an event means for an order, in provider-neutral terms. Only terminal events act. */
export function interpretEvent(event: VerifiedEvent): PaymentOutcome {
  const o = event.object;
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const amount = int(o.amount_received) ?? int(o.amount);
      const id = str(o.id);
      if (amount === null || !id || !str(o.currency)) return { kind: 'ignored', why: 'malformed payment_intent' };
      return { kind: 'succeeded', orderId: orderIdOf(o), paymentIntentId: id, checkoutSessionId: null, amountCents: amount, currency: str(o.currency)!.toUpperCase() };
    }
    case 'checkout.session.completed': {
      if (o.payment_status !== 'paid') return { kind: 'ignored', why: 'session completed without payment yet' };
      const amount = int(o.amount_total);
      const id = str(o.payment_intent) ?? str(o.id);
      if (amount === null || !id || !str(o.currency)) return { kind: 'ignored', why: 'malformed checkout.session' };
      return { kind: 'succeeded', orderId: orderIdOf(o), paymentIntentId: id, checkoutSessionId: str(o.id), amountCents: amount, currency: str(o.currency)!.toUpperCase() };
    }
    case 'payment_intent.payment_failed': {
      const error = o.last_payment_error as Record<string, unknown> | undefined;
      const reason = str(error?.decline_code) ?? str(error?.code) ?? 'payment failed';
      return { kind: 'failed', orderId: orderIdOf(o), paymentIntentId: str(o.id), reason };
    }
    case 'payment_intent.canceled':
      return { kind: 'failed', orderId: orderIdOf(o), paymentIntentId: str(o.id), reason: 'payment canceled' };
    case 'checkout.session.expired':
      return { kind: 'failed', orderId: orderIdOf(o), paymentIntentId: str(o.payment_intent), reason: 'checkout expired' };
    case 'charge.refunded': {
      const refunded = int(o.amount_refunded) ?? 0;
      const captured = int(o.amount_captured) ?? int(o.amount) ?? refunded;
      return { kind: 'refunded', orderId: orderIdOf(o), paymentIntentId: str(o.payment_intent), capturedCents: captured, amountRefundedCents: refunded };
    }
    default:
      return { kind: 'ignored', why: `event type ${event.type} is not handled` };
  }
}
