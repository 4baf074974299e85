/** Thin glue between route handlers and lib/: JSON responses and errors that never leak a 500 for client input. */
import { isConnectionError } from '@/db/retry';
import { ApiError } from './errors';

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

export function errorResponse(error: ApiError): Response {
  const headers: Record<string, string> = {};
  if ((error.code === 'rate_limited' || error.code === 'unavailable') && typeof error.details?.retry_after === 'number') {
    headers['retry-after'] = String(error.details.retry_after);
  }
  return json(error.toBody(), error.status, headers);
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Wraps a route handler: ApiErrors become their response; a lost database connection is a retryable
 * 503 `unavailable` with Retry-After; anything else is logged and answered 500 in the error shape.
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      if (isConnectionError(error)) {
        // The database went away mid-request: nothing is wrong with the request, and the transaction
        // either committed or rolled back whole. Retrying (with the same Idempotency-Key) is safe.
        console.warn(`[api] ${request.method} ${new URL(request.url).pathname}: database unavailable`, (error as Error).message);
        return errorResponse(
          new ApiError(503, 'unavailable', 'The database is briefly unavailable. Please retry (with the same Idempotency-Key).', { retry_after: 1 }),
        );
      }
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed`, error);
      return errorResponse(new ApiError(500, 'internal_error', 'Something went wrong on our side. Please try again.'));
    }
  };
}
