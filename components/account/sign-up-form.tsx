'use client';

import { useActionState, useState } from 'react';
import { signUpAction } from '@/app/actions/auth';
import { fieldErrorsOf, summaryFields } from './auth-form-state';
import { ErrorSummary } from './error-summary';
import { TextField } from './form-field';
import { SubmitButton } from './submit-button';

const LABELS = { name: 'Name', email: 'Email', password: 'Password' };

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(signUpAction, null);
  // Controlled, so what was typed survives a failed attempt (React resets uncontrolled fields after each submission).
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const errors = fieldErrorsOf(state, LABELS);

  return (
    <form action={formAction} noValidate className="flex flex-col gap-5">
      {state && !state.ok && <ErrorSummary message={state.message} fields={summaryFields(errors)} />}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        name="name"
        label="Name (optional)"
        type="text"
        autoComplete="name"
        maxLength={100}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
      />
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
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters, and not a common password."
        required
        minLength={10}
        error={errors.password}
      />
      <SubmitButton pending={pending} pendingLabel="Creating your account…" className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
