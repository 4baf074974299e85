import { getDb } from '@/db/client';
import { ApiError, unavailable } from '@/lib/api/errors';
import { errorResponse, json, route } from '@/lib/api/http';
import { webhookSecret } from '@/lib/payments/config';
import { handlePaymentWebhook } from '@/lib/payments/webhook';

const MAX_BODY = 1024 * 1024;

/** Stripe's webhook (and the simulated provider's, which speaks Stripe). The raw body is what gets verified. */
export const POST = route(async (request) => {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY) return errorResponse(new ApiError(413, 'payload_too_large', 'Webhook body too large'));
  const rawBody = await request.text();
  if (rawBody.length > MAX_BODY) return errorResponse(new ApiError(413, 'payload_too_large', 'Webhook body too large'));
  const result = await handlePaymentWebhook(getDb(), rawBody, request.headers.get('stripe-signature'), webhookSecret());
  // A lost connection: the provider delivers again; say when, like every other 503.
  if (result.status === 503) return errorResponse(unavailable('The event could not be processed now; deliver it again'));
  return json(result.body, result.status);
});
