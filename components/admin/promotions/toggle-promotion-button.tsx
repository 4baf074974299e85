'use client';

import { useState, useTransition } from 'react';
import { setPromotionActiveAction } from '@/app/actions/admin-promotions';
import { sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';

/** "Deactivate" / "Activate" for one code; the list refreshes with its new state. */
export function TogglePromotionButton({ id, code, active }: { id: string; code: string; active: boolean }) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toggle = () => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await setPromotionActiveAction({ id, active: !active });
        if (!result.ok) setError(sentence(result.message));
      } catch {
        setError('We couldn’t reach the shop. Try again.');
      }
    });
  };
  return (
    <span className="inline-flex flex-col items-end">
      <button
        type="button"
        onClick={toggle}
        disabled={!hydrated || pending}
        aria-label={`${active ? 'Deactivate' : 'Activate'} ${code}`}
        className={`rounded-md px-2 py-1 text-sm font-medium disabled:opacity-50 ${active ? 'text-red-700 hover:bg-red-50' : 'text-brand-700 hover:bg-brand-50'}`}
      >
        {pending ? (active ? 'Deactivating…' : 'Activating…') : active ? 'Deactivate' : 'Activate'}
      </button>
      {error && (
        <span role="alert" className="mt-1 max-w-[12rem] text-right text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
