'use client';

import { notifySessionChanged } from '@/components/layout/session-events';
import { useOptimistic, useState, useTransition } from 'react';
import { removeCartLineAction, updateCartLineAction } from '@/app/actions/cart';
import { sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';

type Props = {
  itemId: string;
  name: string;
  quantity: number;
  /** Highest quantity "+" may reach (the line limit, and what is on the shelf). */
  maxQuantity: number;
};

const stepButton =
  'grid size-9 place-items-center text-lg leading-none text-slate-700 transition hover:bg-slate-100 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent';

/** − / quantity / + and Remove for one cart line. */
export function CartLineActions({ itemId, name, quantity, maxQuantity }: Props) {
  const [shown, setShown] = useOptimistic(quantity);
  const [error, setError] = useState<string | null>(null);
  const [transitionPending, startTransition] = useTransition();
  // Until hydrated these buttons cannot work, so they wait like they do during an update.
  const hydrated = useHydrated();
  const pending = transitionPending || !hydrated;
  const [operation, setOperation] = useState<'quantity' | 'remove'>('quantity');

  const run = (kind: 'quantity' | 'remove', work: () => Promise<{ ok: boolean; message?: string }>) => {
    setError(null);
    setOperation(kind);
    startTransition(async () => {
      try {
        const result = await work();
        if (!result.ok) setError(sentence(result.message ?? 'That didn’t work. Please try again.'));
        else notifySessionChanged();
      } catch {
        setError('We couldn’t reach the shop. Check your connection and try again.');
      }
    });
  };

  const setQuantity = (next: number) =>
    run('quantity', async () => {
      setShown(next);
      return updateCartLineAction({ itemId, quantity: next });
    });

  const remove = () => run('remove', () => removeCartLineAction({ itemId }));
  const removing = transitionPending && operation === 'remove';

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <div role="group" aria-label={`Quantity of ${name}`} className="inline-flex items-center rounded-lg border border-slate-300 bg-white">
        <button
          type="button"
          onClick={() => setQuantity(shown - 1)}
          disabled={pending || shown <= 1}
          aria-label={`One fewer ${name}`}
          className={`${stepButton} rounded-l-lg`}
        >
          −
        </button>
        <span
          data-testid="cart-quantity"
          aria-live="polite"
          className={`min-w-9 px-1 text-center text-sm font-semibold tabular-nums ${transitionPending ? 'text-slate-400' : 'text-slate-900'}`}
        >
          {shown}
        </span>
        <button
          type="button"
          onClick={() => setQuantity(shown + 1)}
          disabled={pending || shown >= maxQuantity}
          aria-label={`One more ${name}`}
          className={`${stepButton} rounded-r-lg`}
        >
          +
        </button>
      </div>
      <button
        type="button"
        onClick={remove}
        disabled={pending}
        aria-label={`Remove ${name} from your cart`}
        className="text-sm font-medium text-slate-600 underline underline-offset-2 hover:text-red-700 disabled:text-slate-400"
      >
        {removing ? 'Removing…' : 'Remove'}
      </button>
      {error && (
        <p role="alert" className="basis-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
