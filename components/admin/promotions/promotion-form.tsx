'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { savePromotionAction } from '@/app/actions/admin-promotions';
import { TextField } from '@/components/account/form-field';
import { fieldErrorText } from '@/components/account/messages';
import { SubmitButton } from '@/components/account/submit-button';
import { buttonStyles } from '@/components/ui/button-styles';

/** The form's starting values, as the inputs hold them (money in dollars, dates as UTC "YYYY-MM-DDTHH:mm"). */
const LABELS: Record<string, string> = { code: 'Code', description: 'Description', kind: 'Kind of discount', value: 'Discount', minSubtotal: 'Minimum subtotal', startsAt: 'Start', endsAt: 'End', usageLimit: 'Usage limit', active: 'Active' };

export type PromotionFormValues = {
  id?: string;
  code: string;
  description: string;
  kind: 'percent' | 'fixed';
  value: string;
  minSubtotal: string;
  startsAt: string;
  endsAt: string;
  usageLimit: string;
  active: boolean;
  usedCount?: number;
};

export const EMPTY_PROMOTION: PromotionFormValues = {
  code: '', description: '', kind: 'percent', value: '', minSubtotal: '', startsAt: '', endsAt: '', usageLimit: '', active: true,
};

/** Create a code, or edit one (`initial.id`). What was typed stays after an error; every field says what is wrong with it. */
export function PromotionForm({ initial = EMPTY_PROMOTION }: { initial?: PromotionFormValues }) {
  const [state, action, pending] = useActionState(savePromotionAction, null);
  const typed = state && !state.ok ? state.values : undefined;
  const [kind, setKind] = useState<'percent' | 'fixed'>(initial.kind);
  // Field errors may be fragments ("must be at least 3 characters"): each is shown as a sentence naming its field.
  const errors = Object.fromEntries(Object.entries(state && !state.ok ? state.fieldErrors ?? {} : {}).map(([k, v]) => [k, fieldErrorText(LABELS[k] ?? 'This', v)]));
  const summary = state && !state.ok && Object.keys(errors).length > 0 ? 'Please check the highlighted fields.' : state?.message;
  const value = (key: keyof PromotionFormValues) => typed?.[key] ?? String(initial[key] ?? '');
  const editing = Boolean(initial.id);

  return (
    <form action={action} noValidate className="grid gap-4 sm:grid-cols-2" data-testid="promotion-form">
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`rounded-lg px-3 py-2 text-sm sm:col-span-2 ${state.ok ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`}>
          {summary}
        </p>
      )}
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <TextField
        name="code"
        label="Code"
        hint="What shoppers type. Letters, digits, - and _; saved in capitals."
        required
        autoComplete="off"
        defaultValue={value('code')}
        error={errors.code}
        className="[&_input]:font-mono [&_input]:uppercase"
        idPrefix="promo"
      />
      <TextField name="description" label="Description" hint="For you and your team, e.g. “Newsletter, spring 2026”." defaultValue={value('description')} error={errors.description} idPrefix="promo" />

      <fieldset className="sm:col-span-2">
        <legend className="block text-sm font-medium text-slate-900">Discount</legend>
        <div className="mt-1.5 grid gap-3 sm:grid-cols-[auto_minmax(0,14rem)] sm:items-start">
          <div className="flex rounded-lg border border-slate-300 bg-white p-1 text-sm">
            {(['percent', 'fixed'] as const).map((k) => (
              <label key={k} className={`flex-1 cursor-pointer whitespace-nowrap rounded-md px-3 py-1.5 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600 text-center font-medium ${kind === k ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`}>
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="sr-only" />
                {k === 'percent' ? 'Percent off' : 'Amount off'}
              </label>
            ))}
          </div>
          <TextField
            name="value"
            label={kind === 'percent' ? 'Percent (1–100)' : 'Amount in USD'}
            inputMode={kind === 'percent' ? 'numeric' : 'decimal'}
            placeholder={kind === 'percent' ? '10' : '5.00'}
            required
            defaultValue={value('value')}
            error={errors.value ?? errors.kind}
            idPrefix="promo"
          />
        </div>
      </fieldset>

      <TextField name="minSubtotal" label="Minimum subtotal (USD)" hint="Leave empty for any order." inputMode="decimal" placeholder="0.00" defaultValue={value('minSubtotal')} error={errors.minSubtotal} idPrefix="promo" />
      <TextField
        name="usageLimit"
        label="Usage limit"
        hint={initial.usedCount ? `Used ${initial.usedCount} times so far. Leave empty for no limit.` : 'How many orders may use it. Leave empty for no limit.'}
        inputMode="numeric"
        defaultValue={value('usageLimit')}
        error={errors.usageLimit}
        idPrefix="promo"
      />
      <TextField name="startsAt" label="Starts (UTC)" hint="Leave empty to start now." type="datetime-local" defaultValue={value('startsAt')} error={errors.startsAt} idPrefix="promo" />
      <TextField name="endsAt" label="Ends (UTC)" hint="Leave empty to run until you switch it off." type="datetime-local" defaultValue={value('endsAt')} error={errors.endsAt} idPrefix="promo" />

      <label className="flex items-start gap-3 text-sm sm:col-span-2">
        <input type="checkbox" name="active" defaultChecked={typed ? typed.active === 'on' : initial.active} className="mt-0.5 size-4 rounded border-slate-300" />
        <span>
          <span className="font-medium text-slate-900">Active</span>
          <span className="block text-slate-600">Checkout accepts the code within its dates and limits.</span>
        </span>
      </label>

      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <SubmitButton pending={pending} pendingLabel="Saving…">
          {editing ? 'Save changes' : 'Create promotion'}
        </SubmitButton>
        {editing && (
          <Link href="/admin/promotions" className={buttonStyles.secondary}>
            Cancel
          </Link>
        )}
      </div>
    </form>
  );
}
