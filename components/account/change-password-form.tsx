'use client';

import { useActionState } from 'react';
import { changePasswordAction } from '@/app/actions/account';
import { fieldErrorsOf, summaryFields } from './auth-form-state';
import { ErrorSummary } from './error-summary';
import { TextField } from './form-field';
import { SubmitButton } from './submit-button';

// How each field is named in an error sentence ("The confirmation does not match the new password").
const LABELS = { currentPassword: 'Current password', newPassword: 'New password', confirmPassword: 'The confirmation' };
const ID_PREFIX = 'password';

/**
 * Password fields are left uncontrolled on purpose: React clears them after each submission.
 * Success reloads the account page, which says so (the action redirects).
 */
export function ChangePasswordForm() {
  const [state, formAction, pending] = useActionState(changePasswordAction, null);
  const errors = fieldErrorsOf(state, LABELS);

  return (
    <form action={formAction} noValidate className="flex flex-col gap-4 sm:max-w-md">
      {state && !state.ok && <ErrorSummary message={state.message} fields={summaryFields(errors)} idPrefix={ID_PREFIX} />}
      <TextField
        name="currentPassword"
        idPrefix={ID_PREFIX}
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.currentPassword}
      />
      <TextField
        name="newPassword"
        idPrefix={ID_PREFIX}
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters, and not a common password."
        required
        minLength={10}
        error={errors.newPassword}
      />
      <TextField
        name="confirmPassword"
        idPrefix={ID_PREFIX}
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirmPassword}
      />
      <SubmitButton pending={pending} pendingLabel="Changing your password…" className="w-full sm:w-auto sm:self-start">
        Change password
      </SubmitButton>
    </form>
  );
}
