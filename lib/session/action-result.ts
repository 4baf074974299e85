/** What a form's server action answers: success, or a message and per-field errors a person can act on. */
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';

export type ActionResult<T = undefined> =
  | ({ ok: true; message?: string } & (T extends undefined ? { data?: undefined } : { data: T }))
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.map(String).join('.') || 'form'] ??= issue.message;
  return fields;
}

export function invalidInput(error: z.ZodError): { ok: false; message: string; fieldErrors: Record<string, string> } {
  return { ok: false, message: 'Please check the highlighted fields.', fieldErrors: fieldErrorsOf(error) };
}

/** Turns a thrown error into a result; unexpected errors are logged and answered vaguely. */
export function failure(error: unknown): { ok: false; message: string; fieldErrors?: Record<string, string> } {
  if (error instanceof ApiError) {
    const fields = error.details?.fields as Record<string, string> | undefined;
    return { ok: false, message: fields ? Object.values(fields)[0] ?? error.message : error.message, fieldErrors: fields };
  }
  console.error('[action] failed', error);
  return { ok: false, message: 'Something went wrong on our side. Please try again.' };
}
