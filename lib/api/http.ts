/** Thin glue between route handlers and lib/: JSON responses and errors that never leak a 500 for client input. */
import { isConnectionError } from '@/db/retry';
import { ApiError, unavailable } from './errors';

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

const NO_STORE = 'private, no-store';

/**
 * No cache (the browser's, a proxy's, a CDN's) may keep an answer that can be personal. Every answer
 * is `no-store` unless its handler chose a caching policy (public documents), and every REST answer
 * to a request carrying credentials (an API key or a cookie) is `no-store` whatever the handler chose.
 */
function withCachePolicy(request: Request, response: Response): Response {
  const credentialed = request.headers.has('authorization') || request.headers.has('cookie');
  const rest = new URL(request.url).pathname.startsWith('/api/v1/');
  if (response.headers.has('cache-control') && !(credentialed && rest)) return response;
  try {
    response.headers.set('cache-control', NO_STORE);
    return response;
  } catch {
    // Immutable headers (a response passed through from fetch): copy it.
    const copy = new Response(response.body, response);
    copy.headers.set('cache-control', NO_STORE);
    return copy;
  }
}

/**
 * Wraps a route handler: ApiErrors become their response; a lost database connection is a retryable
 * 503 `unavailable` with Retry-After; anything else is logged and answered 500 in the error shape.
 * Answers get their cache policy (withCachePolicy).
 */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => withCachePolicy(request, await answer(handler, request, context));
}

async function answer<C>(handler: Handler<C>, request: Request, context: C): Promise<Response> {
  try {
    return await handler(request, context);
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error);
    if (isConnectionError(error)) {
      // The database went away mid-request: nothing is wrong with the request, and the transaction
      // either committed or rolled back whole. Retrying (with the same Idempotency-Key) is safe.
      console.warn(`[api] ${request.method} ${new URL(request.url).pathname}: database unavailable`, (error as Error).message);
      return errorResponse(unavailable());
    }
    console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed`, error);
    return errorResponse(new ApiError(500, 'internal_error', 'Something went wrong on our side. Please try again.'));
  }
}
