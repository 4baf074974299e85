'use client';

import { useActionState, useState } from 'react';
import { createApiKeyAction } from '@/app/actions/account';
import { TextField } from './form-field';
import { fieldErrorText } from './messages';
import { NewApiKey } from './new-api-key';
import { SubmitButton } from './submit-button';

export function CreateApiKeyForm() {
  // The name field is left uncontrolled so React clears it after each submission; the only
  // rejections (empty, too long) leave nothing worth keeping.
  const [state, formAction, pending] = useActionState(createApiKeyAction, null);
  const [dismissedKey, setDismissedKey] = useState<string | null>(null);
  const created = state?.ok ? state.data : null;
  const nameError = state && !state.ok ? (state.fieldErrors?.name ? fieldErrorText('Name', state.fieldErrors.name) : state.message) : undefined;

  return (
    <div className="flex flex-col gap-4">
      {created && created.key !== dismissedKey && (
        <NewApiKey name={created.name} apiKey={created.key} onDismiss={() => setDismissedKey(created.key)} />
      )}
      <form action={formAction} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          name="name"
          idPrefix="api-key"
          label="Name for a new key"
          hint="So you can tell your keys apart, e.g. “Inventory script”."
          autoComplete="off"
          maxLength={60}
          required
          error={nameError}
          className="flex-1"
        />
        <SubmitButton pending={pending} pendingLabel="Creating…" className="sm:mb-px">
          Create key
        </SubmitButton>
      </form>
    </div>
  );
}
