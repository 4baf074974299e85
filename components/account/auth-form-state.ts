import type { ActionResult } from '@/lib/session/action-result';
import { fieldErrorText } from './messages';

/** A failed submission's field errors as sentences, in the order of `labels` (the form's field order). */
export function fieldErrorsOf(state: ActionResult | null, labels: Record<string, string>): Record<string, string> {
  if (!state || state.ok || !state.fieldErrors) return {};
  const errors: Record<string, string> = {};
  for (const [name, label] of Object.entries(labels)) {
    const message = state.fieldErrors[name];
    if (message) errors[name] = fieldErrorText(label, message);
  }
  return errors;
}

export function summaryFields(errors: Record<string, string>): { name: string; text: string }[] {
  return Object.entries(errors).map(([name, text]) => ({ name, text }));
}
