'use client';

import { useActionState, useState, useTransition } from 'react';
import { applyPromoCodeAction, removePromoCodeAction } from '@/app/actions/cart';
import { inputStyles } from '@/components/account/form-field';
import { fieldErrorText, sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';
import { buttonStyles } from '@/components/ui/button-styles';
import type { Totals } from '@/lib/checkout/totals';

type Props = {
  /** The code stored on the cart, if any. */
  code: string | null;
  /** Whether it applies now, and why not. */
  promotion: Totals['promotion'];
};

/** Enter a promotion code, or see and remove the one on the cart (with the reason when it no longer applies). */
export function PromoCodeForm({ code, promotion }: Props) {
  if (code) return <StoredPromoCode code={code} promotion={promotion} />;
  return <ApplyPromoCode />;
}

function ApplyPromoCode() {
  const [state, formAction, pending] = useActionState(applyPromoCodeAction, null);
  // Controlled, so a mistyped code stays in the box to correct (React clears uncontrolled fields after a submission).
  const [typed, setTyped] = useState('');
  const error =
    state && !state.ok ? (state.fieldErrors?.promo_code ? fieldErrorText('Promo code', state.fieldErrors.promo_code) : sentence(state.message)) : null;

  return (
    <form action={formAction} className="flex flex-col gap-1.5">
      <label htmlFor="promo-code" className="text-sm font-medium text-slate-900">
        Promo code
      </label>
      <div className="flex gap-2">
        <input
          id="promo-code"
          name="promo_code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          required
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'promo-code-error' : undefined}
          className={`${inputStyles} min-w-0 flex-1 uppercase placeholder:normal-case`}
          placeholder="e.g. WELCOME10"
        />
        <button type="submit" disabled={pending} className={`${buttonStyles.secondary} shrink-0`}>
          {pending ? 'Applying…' : 'Apply'}
        </button>
      </div>
      {error && (
        <p id="promo-code-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

function StoredPromoCode({ code, promotion }: Props & { code: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const applies = promotion?.applied === true;
  const hydrated = useHydrated();

  const remove = () => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await removePromoCodeAction();
        if (!result.ok) setError(sentence(result.message));
      } catch {
        setError('We couldn’t reach the shop. Check your connection and try again.');
      }
    });
  };

  return (
    <div className={`rounded-lg px-3 py-2.5 text-sm ${applies ? 'bg-emerald-50 text-emerald-900' : 'bg-amber-50 text-amber-900'}`} data-testid="promo-code">
      <div className="flex items-start justify-between gap-3">
        <p>
          <span className="font-mono font-semibold">{code}</span>
          {promotion?.applied ? ` — ${promotion.description}` : ''}
        </p>
        <button type="button" onClick={remove} disabled={pending || !hydrated} className="shrink-0 font-medium underline underline-offset-2 disabled:opacity-60">
          {pending ? 'Removing…' : 'Remove'}
          <span className="sr-only"> code {code}</span>
        </button>
      </div>
      {promotion && !promotion.applied && <p className="mt-1">{promotion.message}</p>}
      {error && (
        <p role="alert" className="mt-1 text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
