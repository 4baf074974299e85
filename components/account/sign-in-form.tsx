'use client';

import { useActionState, useState } from 'react';
import { signInAction } from '@/app/actions/auth';
import { fieldErrorsOf, summaryFields } from './auth-form-state';
import { ErrorSummary } from './error-summary';
import { TextField } from './form-field';
import { SubmitButton } from './submit-button';

const LABELS = { email: 'Email', password: 'Password' };

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(signInAction, null);
  // Controlled, so the email survives a failed attempt (React resets uncontrolled fields after each submission).
  const [email, setEmail] = useState('');
  const errors = fieldErrorsOf(state, LABELS);

  return (
    <form action={formAction} noValidate className="flex flex-col gap-5">
      {state && !state.ok && <ErrorSummary message={state.message} fields={summaryFields(errors)} />}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={errors.email}
      />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={errors.password} />
      <SubmitButton pending={pending} pendingLabel="Signing in…" className="w-full">
        Sign in
      </SubmitButton>
    </form>
  );
}
