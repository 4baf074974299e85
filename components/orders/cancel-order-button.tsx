'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { cancelMyOrderAction } from '@/app/actions/orders';
import { sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';
import { buttonStyles } from '@/components/ui/button-styles';

const OFFLINE = 'We couldn’t reach the shop. Check your connection and try again.';

/**
 * "Cancel order", then an inline confirmation (cancelling cannot be undone). On
 * success the action refreshes the page, which then shows the new status.
 */
export function CancelOrderButton({ orderId, paid = false }: { orderId: string; paid?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Move focus with the question, and back to the button when the shopper keeps the order.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const cancel = () => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await cancelMyOrderAction({ orderId });
        if (!result.ok) setError(sentence(result.message));
        else setConfirming(false);
      } catch {
        setError(OFFLINE);
      }
    });
  };

  if (!confirming) {
    return (
      <div>
        <button
          ref={openRef}
          type="button"
          onClick={() => setConfirming(true)}
          disabled={!hydrated}
          className={`${buttonStyles.secondary} w-full text-red-700 hover:border-red-300 hover:bg-red-50`}
          data-testid="cancel-order"
        >
          Cancel order
        </button>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-950" role="group" aria-labelledby="cancel-question">
      <p id="cancel-question" className="font-semibold">
        Cancel this order?
      </p>
      <p className="mt-1 text-red-900">
        {paid ? 'Your payment is refunded and the items' : 'The items'} go back on sale. This can’t be undone.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          ref={confirmRef}
          type="button"
          onClick={cancel}
          disabled={pending}
          className="inline-flex flex-1 items-center justify-center rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:bg-red-300 sm:flex-none"
          data-testid="confirm-cancel-order"
        >
          {pending ? 'Cancelling…' : 'Yes, cancel order'}
        </button>
        <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={`${buttonStyles.secondary} flex-1 sm:flex-none`}>
          Keep order
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-3 text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
