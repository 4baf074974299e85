'use client';

import { useActionState } from 'react';
import { simulatePaymentAction } from '@/app/actions/pay';
import { inputStyles } from '@/components/account/form-field';
import { buttonStyles } from '@/components/ui/button-styles';

/** Looks like a hosted card form; the buttons choose what the simulated bank answers. */
export function SimulatedCardForm({ orderId, amountLabel }: { orderId: string; amountLabel: string }) {
  const [state, formAction, pending] = useActionState(simulatePaymentAction, null);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="orderId" value={orderId} />
      {state && !state.ok && (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.message}
        </p>
      )}
      <div>
        <label htmlFor="card-number" className="block text-sm font-medium text-slate-900">
          Card number
        </label>
        <input id="card-number" inputMode="numeric" autoComplete="cc-number" defaultValue="4242 4242 4242 4242" className={`${inputStyles} mt-1.5 font-mono`} />
      </div>
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="card-expiry" className="block text-sm font-medium text-slate-900">
            Expiry
          </label>
          <input id="card-expiry" autoComplete="cc-exp" defaultValue="12 / 34" className={`${inputStyles} mt-1.5 font-mono`} />
        </div>
        <div>
          <label htmlFor="card-cvc" className="block text-sm font-medium text-slate-900">
            CVC
          </label>
          <input id="card-cvc" autoComplete="cc-csc" inputMode="numeric" defaultValue="123" className={`${inputStyles} mt-1.5 font-mono`} />
        </div>
      </div>
      <button type="submit" name="outcome" value="succeeded" disabled={pending} className={`${buttonStyles.primary} w-full`} data-testid="pay">
        {pending ? 'Processing…' : `Pay ${amountLabel}`}
      </button>
      <div className="grid gap-2 sm:grid-cols-2">
        <button type="submit" name="outcome" value="card_declined" disabled={pending} className={buttonStyles.secondary} data-testid="decline">
          Decline
        </button>
        <button type="submit" name="outcome" value="insufficient_funds" disabled={pending} className={buttonStyles.secondary} data-testid="insufficient-funds">
          Fail with insufficient funds
        </button>
      </div>
      <p className="text-xs text-slate-500">
        Test mode: no card is charged. The buttons decide what the simulated bank answers; the answer reaches the shop the way Stripe’s would, as a
        signed webhook.
      </p>
    </form>
  );
}
