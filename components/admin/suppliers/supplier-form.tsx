'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { saveSupplierAction } from '@/app/actions/admin-suppliers';
import { TextField } from '@/components/account/form-field';
import { fieldErrorText } from '@/components/account/messages';
import { SubmitButton } from '@/components/account/submit-button';
import { buttonStyles } from '@/components/ui/button-styles';

const LABELS: Record<string, string> = { name: 'Name', email: 'Email', phone: 'Phone' };

export type SupplierFormValues = { id?: string; name: string; email: string; phone: string };

export function SupplierForm({ initial = { name: '', email: '', phone: '' } }: { initial?: SupplierFormValues }) {
  const [state, action, pending] = useActionState(saveSupplierAction, null);
  const typed = state && !state.ok ? state.values : undefined;
  // Field errors may be fragments ("must be at least 3 characters"): each is shown as a sentence naming its field.
  const errors = Object.fromEntries(Object.entries(state && !state.ok ? state.fieldErrors ?? {} : {}).map(([k, v]) => [k, fieldErrorText(LABELS[k] ?? 'This', v)]));
  const summary = state && !state.ok && Object.keys(errors).length > 0 ? 'Please check the highlighted fields.' : state?.message;
  const value = (key: 'name' | 'email' | 'phone') => typed?.[key] ?? initial[key];
  return (
    <form action={action} noValidate className="space-y-4" data-testid="supplier-form">
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`rounded-lg px-3 py-2 text-sm ${state.ok ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`}>
          {summary}
        </p>
      )}
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <TextField name="name" label="Name" required autoComplete="organization" defaultValue={value('name')} error={errors.name} idPrefix="supplier" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="email" label="Email" type="email" autoComplete="email" hint="Optional" defaultValue={value('email')} error={errors.email} idPrefix="supplier" />
        <TextField name="phone" label="Phone" type="tel" autoComplete="tel" hint="Optional" defaultValue={value('phone')} error={errors.phone} idPrefix="supplier" />
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {initial.id ? 'Save supplier' : 'Add supplier'}
        </SubmitButton>
        {initial.id && (
          <Link href="/admin/suppliers" className={buttonStyles.secondary}>
            Cancel
          </Link>
        )}
      </div>
    </form>
  );
}
