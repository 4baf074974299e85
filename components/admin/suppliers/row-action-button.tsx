'use client';

import { useState, useTransition } from 'react';
import { sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';
import type { ActionResult } from '@/lib/session/action-result';

/**
 * A small button in a table row that runs a server action for that row
 * (delete, make default, …); destructive ones ask first. Errors show next to it.
 */
export function RowActionButton({
  action,
  id,
  label,
  pendingLabel,
  accessibleLabel,
  confirm,
  danger = false,
}: {
  action: (id: string) => Promise<ActionResult>;
  id: string;
  label: string;
  pendingLabel: string;
  accessibleLabel?: string;
  /** Asked before running, e.g. "Delete Atlas Wholesale?". */
  confirm?: string;
  danger?: boolean;
}) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tone = danger ? 'text-red-700 hover:bg-red-50' : 'text-brand-700 hover:bg-brand-50';

  const go = () => {
    setError(null);
    setAsking(false);
    startTransition(async () => {
      try {
        const result = await action(id);
        if (!result.ok) setError(sentence(result.message));
      } catch {
        setError('We couldn’t reach the shop. Try again.');
      }
    });
  };

  return (
    <span className="inline-flex flex-col items-end">
      {asking ? (
        <span role="group" aria-label={confirm} className="inline-flex flex-wrap items-center justify-end gap-1 text-sm">
          <span className="text-slate-700">{confirm}</span>
          <button type="button" onClick={go} className="rounded-md bg-red-700 px-2 py-1 font-medium text-white hover:bg-red-800">
            Yes
          </button>
          <button type="button" onClick={() => setAsking(false)} className="rounded-md px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
            No
          </button>
        </span>
      ) : (
        <button
          type="button"
          onClick={() => (confirm ? setAsking(true) : go())}
          disabled={!hydrated || pending}
          aria-label={accessibleLabel}
          className={`rounded-md px-2 py-1 text-sm font-medium disabled:opacity-50 ${tone}`}
        >
          {pending ? pendingLabel : label}
        </button>
      )}
      {error && (
        <span role="alert" className="mt-1 max-w-[16rem] text-right text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
