'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { saveWarehouseAction } from '@/app/actions/admin-suppliers';
import { inputStyles, TextField } from '@/components/account/form-field';
import { fieldErrorText } from '@/components/account/messages';
import { SubmitButton } from '@/components/account/submit-button';
import { buttonStyles } from '@/components/ui/button-styles';

const LABELS: Record<string, string> = { code: 'Code', name: 'Name', supplierId: 'Supplier', priority: 'Priority', isDefault: 'Default' };

export type WarehouseFormValues = { id?: string; code: string; name: string; supplierId: string; priority: string; isDefault: boolean };

export function WarehouseForm({
  initial = { code: '', name: '', supplierId: '', priority: '0', isDefault: false },
  suppliers,
}: {
  initial?: WarehouseFormValues;
  suppliers: { id: string; name: string }[];
}) {
  const [state, action, pending] = useActionState(saveWarehouseAction, null);
  const typed = state && !state.ok ? state.values : undefined;
  // Field errors may be fragments ("must be at least 3 characters"): each is shown as a sentence naming its field.
  const errors = Object.fromEntries(Object.entries(state && !state.ok ? state.fieldErrors ?? {} : {}).map(([k, v]) => [k, fieldErrorText(LABELS[k] ?? 'This', v)]));
  const summary = state && !state.ok && Object.keys(errors).length > 0 ? 'Please check the highlighted fields.' : state?.message;
  const value = (key: 'code' | 'name' | 'supplierId' | 'priority') => typed?.[key] ?? initial[key];
  const wasDefault = Boolean(initial.id && initial.isDefault);
  return (
    <form action={action} noValidate className="space-y-4" data-testid="warehouse-form">
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`rounded-lg px-3 py-2 text-sm ${state.ok ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`}>
          {summary}
        </p>
      )}
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <div className="grid gap-4 sm:grid-cols-[minmax(0,10rem)_minmax(0,1fr)]">
        <TextField name="code" label="Code" hint="Unique, e.g. EU-AMS" required autoComplete="off" defaultValue={value('code')} error={errors.code} idPrefix="warehouse" className="[&_input]:font-mono [&_input]:uppercase" />
        <TextField name="name" label="Name" hint="Usually the city" required defaultValue={value('name')} error={errors.name} idPrefix="warehouse" />
      </div>
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,10rem)]">
        <div>
          <label htmlFor="warehouse-supplierId" className="block text-sm font-medium text-slate-900">
            Run by
          </label>
          <p className="mt-0.5 text-xs text-slate-500">The supplier who stocks it</p>
          <select
            id="warehouse-supplierId"
            name="supplierId"
            defaultValue={value('supplierId')}
            aria-invalid={errors.supplierId ? true : undefined}
            className={`${inputStyles} mt-1.5`}
          >
            <option value="">No supplier</option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {errors.supplierId && <p className="mt-1.5 text-sm text-red-700">{errors.supplierId}</p>}
        </div>
        <TextField name="priority" label="Priority" hint="Lower ships first" type="number" min={0} max={1000} inputMode="numeric" defaultValue={value('priority')} error={errors.priority} idPrefix="warehouse" />
      </div>
      <label className="flex items-start gap-3 text-sm">
        {wasDefault && <input type="hidden" name="isDefault" value="on" />}
        <input
          type="checkbox"
          name="isDefault"
          defaultChecked={typed ? typed.isDefault === 'on' : initial.isDefault}
          disabled={wasDefault}
          className="mt-0.5 size-4 rounded border-slate-300"
          aria-describedby="warehouse-default-hint"
        />
        <span>
          <span className="font-medium text-slate-900">Default warehouse</span>
          <span id="warehouse-default-hint" className="block text-slate-600">
            {wasDefault ? 'This is the default. To change it, make another warehouse the default.' : 'New stock without a warehouse goes here. Only one warehouse is the default.'}
          </span>
          {errors.isDefault && <span className="mt-1 block text-red-700">{errors.isDefault}</span>}
        </span>
      </label>
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {initial.id ? 'Save warehouse' : 'Add warehouse'}
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
