/** The REST error shape of API.md: `{ error: { code, message, details? } }`. */
import { z } from 'zod';

export type ErrorCode =
  | 'invalid_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'admission_required'
  | 'not_found'
  | 'out_of_stock'
  | 'invalid_transition'
  | 'conflict'
  | 'purchase_limit_reached'
  | 'archived'
  | 'idempotency_key_reused'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal_error';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toOutcome(): { status: number; body: unknown } {
    return { status: this.status, body: this.toBody() };
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const unauthenticated = (message = 'Sign in or send an API key (Authorization: Bearer <key>)') =>
  new ApiError(401, 'unauthenticated', message);
export const forbidden = (message = 'You are not allowed to do that') => new ApiError(403, 'forbidden', message);
/** The database (or another part the answer depends on) is briefly unreachable: retryable, never a 401 or a guess. */
export const unavailable = (message = 'The database is briefly unavailable. Please retry (with the same Idempotency-Key).') =>
  new ApiError(503, 'unavailable', message, { retry_after: 1 });
export const conflict = (message: string, details?: Record<string, unknown>) => new ApiError(409, 'conflict', message, details);

/** A 400 about one field, for rules zod cannot see (e.g. "this variant is archived"). */
export function invalidField(field: string, message: string): ApiError {
  return new ApiError(400, 'invalid_request', `Invalid ${field}: ${message}`, { fields: { [field]: message } });
}

/** A 400 naming each offending field (`details.fields`: path → message). */
export function invalidRequest(error: z.ZodError, prefix?: string): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)';
    fields[path] ??= issue.message;
  }
  const names = Object.keys(fields);
  return new ApiError(400, 'invalid_request', `Invalid ${names.join(', ')}: ${Object.values(fields)[0]}`, { fields });
}

/** Parses untrusted input or throws a 400 that names the fields. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, prefix?: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidRequest(result.error, prefix);
  return result.data;
}
