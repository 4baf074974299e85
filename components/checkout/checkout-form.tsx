'use client';

import { useActionState, useEffect, useState, useTransition } from 'react';
import { placeOrderAction, previewTotalsAction } from '@/app/actions/checkout';
import { ErrorSummary } from '@/components/account/error-summary';
import { TextField, inputStyles } from '@/components/account/form-field';
import { SubmitButton } from '@/components/account/submit-button';
import { OrderTotals } from '@/components/orders/order-totals';
import type { Totals } from '@/lib/checkout/totals';
import { formatMoney } from '@/lib/money';

const COUNTRIES: [string, string][] = [
  ['US', 'United States'], ['CA', 'Canada'], ['GB', 'United Kingdom'], ['NL', 'Netherlands'], ['DE', 'Germany'], ['FR', 'France'],
];
const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'postalCode', 'country', 'phone', 'shippingMethod'] as const;
const LABELS: Record<string, string> = {
  name: 'Full name', line1: 'Address', line2: 'Apartment, suite (optional)', city: 'City', postalCode: 'Postal code',
  country: 'Country', phone: 'Phone (optional)', shippingMethod: 'Delivery',
};

type Props = {
  initialTotals: Totals;
  defaultName: string;
  standardCents: number;
  expressSurchargeCents: number;
  freeShippingOverCents: number;
};

export function CheckoutForm({ initialTotals, defaultName, standardCents, expressSurchargeCents, freeShippingOverCents }: Props) {
  const [state, formAction, pending] = useActionState(placeOrderAction, null);
  const [country, setCountry] = useState(initialTotals.country);
  const [method, setMethod] = useState<'standard' | 'express'>('standard');
  const [totals, setTotals] = useState(initialTotals);
  const [, startPreview] = useTransition();

  useEffect(() => {
    startPreview(async () => {
      const preview = await previewTotalsAction({ country, shippingMethod: method });
      if (preview) setTotals(preview);
    });
  }, [country, method]);

  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const money = (cents: number) => formatMoney(cents, totals.currency);
  const standardLabel = totals.subtotalCents - totals.discountCents >= freeShippingOverCents ? 'Free' : money(standardCents);

  return (
    <form action={formAction} className="grid gap-8 lg:grid-cols-[1fr_22rem]" noValidate>
      <div className="space-y-6">
        {state && !state.ok && (
          <ErrorSummary
            message={state.message}
            fields={ADDRESS_FIELDS.filter((f) => errors[f]).map((f) => ({ name: f, text: `${LABELS[f]}: ${errors[f]}` }))}
          />
        )}
        <fieldset className="rounded-2xl border border-slate-200 bg-white p-5 sm:p-6">
          <legend className="px-1 text-lg font-semibold">Shipping address</legend>
          <div className="mt-2 grid gap-4 sm:grid-cols-2">
            <TextField name="name" label={LABELS.name!} autoComplete="name" defaultValue={defaultName} required error={errors.name} className="sm:col-span-2" />
            <TextField name="line1" label={LABELS.line1!} autoComplete="address-line1" required error={errors.line1} className="sm:col-span-2" />
            <TextField name="line2" label={LABELS.line2!} autoComplete="address-line2" error={errors.line2} className="sm:col-span-2" />
            <TextField name="city" label={LABELS.city!} autoComplete="address-level2" required error={errors.city} />
            <TextField name="postalCode" label={LABELS.postalCode!} autoComplete="postal-code" required error={errors.postalCode} />
            <div>
              <label htmlFor="field-country" className="block text-sm font-medium text-slate-900">
                {LABELS.country}
              </label>
              <select
                id="field-country"
                name="country"
                autoComplete="country"
                value={country}
                onChange={(e) => setCountry(e.target.value)}
                aria-invalid={errors.country ? true : undefined}
                className={`${inputStyles} mt-1.5`}
              >
                {COUNTRIES.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <TextField name="phone" label={LABELS.phone!} autoComplete="tel" type="tel" error={errors.phone} />
          </div>
        </fieldset>

        <fieldset className="rounded-2xl border border-slate-200 bg-white p-5 sm:p-6">
          <legend className="px-1 text-lg font-semibold">Delivery</legend>
          <div className="mt-2 space-y-3">
            {(['standard', 'express'] as const).map((option) => (
              <label key={option} className="flex cursor-pointer items-center gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-slate-900">
                <input type="radio" name="shippingMethod" value={option} checked={method === option} onChange={() => setMethod(option)} />
                <span className="flex-1 text-sm">
                  <span className="font-medium">{option === 'standard' ? 'Standard' : 'Express'}</span>
                  <span className="block text-slate-500">{option === 'standard' ? '3–5 business days' : 'Next business day'}</span>
                </span>
                <span className="text-sm font-medium">{option === 'standard' ? standardLabel : `+${money(expressSurchargeCents)}`}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>

      <aside className="h-fit space-y-4 rounded-2xl border border-slate-200 bg-white p-5 sm:p-6 lg:sticky lg:top-24">
        <h2 className="text-lg font-semibold">Order total</h2>
        <OrderTotals totals={totals} promoCode={totals.promotion?.applied ? totals.promotion.code : null} />
        {totals.promotion && !totals.promotion.applied && <p className="text-sm text-amber-800">{totals.promotion.message}</p>}
        <SubmitButton pending={pending} pendingLabel="Placing your order…" className="w-full">
          Place order
        </SubmitButton>
        <p className="text-xs text-slate-500">Your items are reserved as soon as you place the order; you then have a few minutes to pay.</p>
      </aside>
    </form>
  );
}
