'use client';

import { useActionState } from 'react';
import { createFlashSaleAction } from '@/app/actions/admin-flash';
import { TextField } from '@/components/account/form-field';
import { SubmitButton } from '@/components/account/submit-button';

export function CreateFlashSaleForm() {
  const [state, action, pending] = useActionState(createFlashSaleAction, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" noValidate>
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`sm:col-span-2 rounded-lg px-3 py-2 text-sm ${state.ok ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`}>
          {state.message}
        </p>
      )}
      <TextField name="name" label="Name" required error={errors.name} />
      <TextField name="sku" label="Variant SKU" required error={errors.sku ?? errors.variantId} />
      <TextField name="startsInSeconds" label="Starts in (seconds)" type="number" min={0} defaultValue={60} error={errors.startsAt} />
      <TextField name="durationMinutes" label="Lasts (minutes)" type="number" min={1} defaultValue={60} error={errors.endsAt} />
      <TextField name="admitPerSecond" label="Let through per second" type="number" min={1} defaultValue={5} error={errors.admitPerSecond} />
      <TextField name="maxPerOrder" label="Most per shopper" type="number" min={1} defaultValue={1} hint="Over all of a shopper’s orders in the sale" error={errors.maxPerOrder} />
      <TextField name="buckets" label="Stock buckets" type="number" min={1} max={64} defaultValue={8} hint="Rows the stock is split over, so buyers don’t queue on one" error={errors.buckets} />
      <div className="sm:col-span-2">
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create flash sale
        </SubmitButton>
      </div>
    </form>
  );
}
