/** Thin glue between route handlers and lib/: JSON responses and errors that never leak a 500 for client input. */
import { ApiError } from './errors';

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

export function errorResponse(error: ApiError): Response {
  const headers: Record<string, string> = {};
  if (error.code === 'rate_limited' && typeof error.details?.retry_after === 'number') {
    headers['retry-after'] = String(error.details.retry_after);
  }
  return json(error.toBody(), error.status, headers);
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler: ApiErrors become their response; anything else is logged and answered 500 in the error shape. */
export function route<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error);
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed`, error);
      return errorResponse(new ApiError(500, 'internal_error', 'Something went wrong on our side. Please try again.'));
    }
  };
}
