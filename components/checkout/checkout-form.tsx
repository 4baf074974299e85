'use client';

import Link from 'next/link';
import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { placeOrderAction, previewTotalsAction } from '@/app/actions/checkout';
import { ErrorSummary } from '@/components/account/error-summary';
import { TextField, inputStyles } from '@/components/account/form-field';
import { fieldErrorText } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';
import { OrderTotals } from '@/components/orders/order-totals';
import { buttonStyles } from '@/components/ui/button-styles';
import type { Totals } from '@/lib/checkout/totals';
import { formatMoney } from '@/lib/money';

/** The address fields in the order they appear, with their labels (also used for the error summary). */
const LABELS = {
  name: 'Full name',
  line1: 'Address',
  line2: 'Apartment, suite (optional)',
  city: 'City',
  postalCode: 'Postal code',
  country: 'Country',
  phone: 'Phone (optional)',
  shippingMethod: 'Delivery',
} as const;
type Field = keyof typeof LABELS;
type Address = Record<Exclude<Field, 'country' | 'shippingMethod'>, string>;

type Props = {
  /** The cart this page shows, sent along so the action can tell "already ordered" from "empty". */
  cartId: string;
  initialTotals: Totals;
  defaultName: string;
  /** Countries the shop delivers to, as [code, name], in the order to list them. */
  countries: [string, string][];
  standardCents: number;
  expressSurchargeCents: number;
  freeShippingOverCents: number;
  /** The items being bought, shown above the totals, and how many units they are. */
  items: ReactNode;
  itemCount: number;
};

const OFFLINE = 'We couldn’t reach the shop. Check your connection; your totals may be out of date.';

export function CheckoutForm({ cartId, initialTotals, defaultName, countries, standardCents, expressSurchargeCents, freeShippingOverCents, items, itemCount }: Props) {
  const [state, formAction, pending] = useActionState(placeOrderAction, null);
  // Every field is controlled: React resets a form after its action runs, and a rejected address must not vanish.
  const [address, setAddress] = useState<Address>({ name: defaultName, line1: '', line2: '', city: '', postalCode: '', phone: '' });
  const [country, setCountry] = useState(initialTotals.country);
  const [method, setMethod] = useState<'standard' | 'express'>('standard');
  const [totals, setTotals] = useState(initialTotals);
  const [previewError, setPreviewError] = useState(false);
  const [previewing, startPreview] = useTransition();
  const hydrated = useHydrated();
  const previewSeq = useRef(0);
  const firstPreview = useRef(true);
  const submitting = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The server already priced the defaults.
    if (firstPreview.current) {
      firstPreview.current = false;
      return;
    }
    const seq = ++previewSeq.current;
    startPreview(async () => {
      try {
        const preview = await previewTotalsAction({ country, shippingMethod: method });
        // Only the latest choice counts when answers arrive out of order.
        if (seq !== previewSeq.current) return;
        setPreviewError(false);
        if (preview) setTotals(preview);
      } catch {
        if (seq === previewSeq.current) setPreviewError(true);
      }
    });
  }, [country, method]);

  // A rejected submission: allow the next one, and take keyboard and screen-reader users to what went wrong.
  useEffect(() => {
    if (!pending) submitting.current = false;
  }, [pending]);
  useEffect(() => {
    if (state && !state.ok) summaryRef.current?.focus();
  }, [state]);

  // One submission at a time: a double click or a second Enter press while the first is on its way does nothing.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    if (submitting.current) {
      event.preventDefault();
      return;
    }
    submitting.current = true;
  };

  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const errors: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(LABELS) as Field[]) {
    if (fieldErrors[field]) errors[field] = fieldErrorText(LABELS[field].replace(' (optional)', ''), fieldErrors[field]);
  }
  const addressProblem = Object.keys(errors).length > 0;
  const cartProblem = state && !state.ok && !addressProblem ? cartProblemText(state.message, fieldErrors) : null;

  const money = (cents: number) => formatMoney(cents, totals.currency);
  const freeStandard = totals.subtotalCents - totals.discountCents >= freeShippingOverCents;
  const set = (field: keyof Address) => ({
    value: address[field],
    onChange: (event: { target: { value: string } }) => setAddress((a) => ({ ...a, [field]: event.target.value })),
  });

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-busy={pending}
      aria-label="Checkout"
      className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-12"
    >
      <input type="hidden" name="cartId" value={cartId} />
      <div className="space-y-6">
        {/* On a phone the summary comes after the form: say up front what it adds up to. */}
        <p className="flex items-center justify-between gap-4 rounded-xl border border-slate-200 bg-slate-50 px-4 py-3 text-sm lg:hidden">
          <span className="text-slate-700">
            {itemCount} {itemCount === 1 ? 'item' : 'items'} ·{' '}
            <a href="#checkout-summary-heading" className="font-medium text-brand-700 underline underline-offset-2">
              see summary
            </a>
          </span>
          <span className="font-semibold tabular-nums text-slate-900">{money(totals.totalCents)}</span>
        </p>
        {state && !state.ok && (
          <div ref={summaryRef} tabIndex={-1} className="outline-none" data-testid="checkout-error">
            {cartProblem ? (
              <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
                <p className="font-semibold">{cartProblem.title}</p>
                <p className="mt-1">{cartProblem.text}</p>
                <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                  <Link href="/cart" className="font-semibold underline underline-offset-2">
                    Review your cart
                  </Link>
                  <Link href="/orders" className="font-semibold underline underline-offset-2">
                    Your orders
                  </Link>
                </p>
              </div>
            ) : (
              <ErrorSummary
                message={addressProblem ? 'Please check the highlighted fields.' : state.message}
                fields={(Object.keys(errors) as Field[]).map((name) => ({ name, text: errors[name]! }))}
              />
            )}
          </div>
        )}

        <fieldset disabled={pending} className="rounded-2xl border border-slate-200 bg-white p-5 sm:p-6">
          <legend className="px-1 text-lg font-semibold text-slate-900">Shipping address</legend>
          <p className="mb-4 text-sm text-slate-600">All fields are required unless marked optional.</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="name" label={LABELS.name} autoComplete="shipping name" required maxLength={100} error={errors.name} className="sm:col-span-2" {...set('name')} />
            <TextField name="line1" label={LABELS.line1} autoComplete="shipping address-line1" required maxLength={200} error={errors.line1} className="sm:col-span-2" {...set('line1')} />
            <TextField name="line2" label={LABELS.line2} autoComplete="shipping address-line2" maxLength={200} error={errors.line2} className="sm:col-span-2" {...set('line2')} />
            <TextField name="city" label={LABELS.city} autoComplete="shipping address-level2" required maxLength={100} error={errors.city} {...set('city')} />
            <TextField name="postalCode" label={LABELS.postalCode} autoComplete="shipping postal-code" required maxLength={20} error={errors.postalCode} {...set('postalCode')} />
            <div>
              <label htmlFor="field-country" className="block text-sm font-medium text-slate-900">
                {LABELS.country}
              </label>
              <select
                id="field-country"
                name="country"
                autoComplete="shipping country"
                value={country}
                onChange={(event) => setCountry(event.target.value)}
                aria-invalid={errors.country ? true : undefined}
                aria-describedby={errors.country ? 'field-country-error' : undefined}
                className={`${inputStyles} mt-1.5`}
              >
                {countries.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
              {errors.country && (
                <p id="field-country-error" className="mt-1.5 text-sm text-red-700">
                  {errors.country}
                </p>
              )}
            </div>
            <TextField name="phone" label={LABELS.phone} autoComplete="shipping tel" type="tel" maxLength={40} error={errors.phone} {...set('phone')} />
          </div>
        </fieldset>

        <fieldset disabled={pending} className="rounded-2xl border border-slate-200 bg-white p-5 sm:p-6" aria-describedby={errors.shippingMethod ? 'delivery-error' : undefined}>
          <legend className="px-1 text-lg font-semibold text-slate-900">Delivery</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {(['standard', 'express'] as const).map((option) => (
              <label
                key={option}
                className="flex cursor-pointer items-start gap-3 rounded-xl border border-slate-300 p-4 transition hover:border-slate-400 has-[:checked]:border-slate-900 has-[:checked]:bg-slate-50 has-[:checked]:ring-1 has-[:checked]:ring-slate-900 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600"
              >
                <input
                  id={option === 'standard' ? 'field-shippingMethod' : undefined}
                  type="radio"
                  name="shippingMethod"
                  value={option}
                  checked={method === option}
                  onChange={() => setMethod(option)}
                  className="mt-0.5 size-4 accent-slate-900 focus-visible:outline-none"
                />
                <span className="flex-1 text-sm">
                  <span className="block font-medium text-slate-900">{option === 'standard' ? 'Standard delivery' : 'Express delivery'}</span>
                  <span className="block text-slate-600">{option === 'standard' ? '3–5 business days' : 'Next business day'}</span>
                </span>
                <span className="text-sm font-semibold tabular-nums text-slate-900">
                  {option === 'standard' ? (freeStandard ? 'Free' : money(standardCents)) : `+${money(expressSurchargeCents)}`}
                </span>
              </label>
            ))}
          </div>
          {errors.shippingMethod && (
            <p id="delivery-error" className="mt-2 text-sm text-red-700">
              {errors.shippingMethod}
            </p>
          )}
        </fieldset>
      </div>

      <aside aria-labelledby="checkout-summary-heading" className="scroll-mt-24 rounded-2xl border border-slate-200 bg-slate-50 p-5 sm:p-6 lg:sticky lg:top-32">
        <h2 id="checkout-summary-heading" className="text-lg font-semibold text-slate-900">
          Order summary
        </h2>
        <div className="mt-4">{items}</div>
        <div className={`mt-4 border-t border-slate-200 pt-4 transition-opacity ${previewing ? 'opacity-60' : ''}`} aria-busy={previewing} data-testid="checkout-totals">
          <OrderTotals totals={totals} promoCode={totals.promotion?.applied ? totals.promotion.code : null} taxRateBasisPoints={totals.taxRateBasisPoints} />
          <p className="sr-only" role="status">
            {previewing ? 'Updating the total…' : ''}
          </p>
        </div>
        {totals.promotion && !totals.promotion.applied && <p className="mt-3 text-sm text-amber-800">{totals.promotion.message}</p>}
        {previewError && (
          <p role="alert" className="mt-3 text-sm text-red-700">
            {OFFLINE}
          </p>
        )}
        <button
          type="submit"
          disabled={pending || !hydrated}
          className={`${buttonStyles.primary} mt-5 w-full py-3.5 text-base`}
          data-testid="place-order"
        >
          {pending ? (
            <>
              <Spinner /> Placing your order…
            </>
          ) : (
            'Place order'
          )}
        </button>
        <p className="mt-3 text-xs leading-relaxed text-slate-600">
          Placing the order sets your items aside for you at once. You then have a few minutes to pay; if you don’t, the order is
          cancelled and nothing is charged.
        </p>
      </aside>
    </form>
  );
}

/** A failure that is about the cart rather than the address: what happened, in words a shopper can act on. */
function cartProblemText(message: string, fieldErrors: Record<string, string>): { title: string; text: string } {
  if (fieldErrors.cart === 'is empty') {
    return {
      title: 'Your cart is empty',
      text: 'If you placed this order in another tab or window, you’ll find it in your orders.',
    };
  }
  if (fieldErrors.promo_code) return { title: 'Your promo code can’t be used', text: `${message} Remove it from your cart to order without it.` };
  if (/stock/i.test(message)) {
    return { title: 'Some items just sold out', text: `${message}. Nothing was ordered; change the quantity in your cart and try again.` };
  }
  return { title: 'Your order wasn’t placed', text: message };
}

function Spinner() {
  return <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />;
}
