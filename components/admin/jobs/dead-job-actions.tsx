'use client';

import { useActionState, useState } from 'react';
import { discardJobAction, retryJobAction } from '@/app/actions/admin-jobs';

/** Retry or discard one dead job; discarding asks once more, since it cannot be undone. */
export function DeadJobActions({ jobId, label }: { jobId: string; label: string }) {
  const [retryState, retry, retrying] = useActionState(retryJobAction, null);
  const [discardState, discard, discarding] = useActionState(discardJobAction, null);
  const [confirming, setConfirming] = useState(false);
  const state = discardState ?? retryState;
  const busy = retrying || discarding;
  const small = 'rounded-md px-2 py-1 text-xs font-medium disabled:cursor-not-allowed disabled:opacity-50';
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div className="flex flex-wrap gap-1">
        <form action={retry}>
          <input type="hidden" name="jobId" value={jobId} />
          <button type="submit" disabled={busy} aria-label={`Retry ${label}`} className={`${small} text-brand-600 hover:bg-brand-50`}>
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        </form>
        {confirming ? (
          <form action={discard} className="flex items-center gap-1">
            <input type="hidden" name="jobId" value={jobId} />
            <button type="submit" disabled={busy} aria-label={`Discard ${label} for good`} className={`${small} bg-red-600 text-white hover:bg-red-700`}>
              {discarding ? 'Discarding…' : 'Discard for good'}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={`${small} text-slate-600 hover:bg-slate-100`}>
              Keep
            </button>
          </form>
        ) : (
          <button type="button" disabled={busy} onClick={() => setConfirming(true)} aria-label={`Discard ${label}`} className={`${small} text-red-700 hover:bg-red-50`}>
            Discard
          </button>
        )}
      </div>
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`text-xs ${state.ok ? 'text-emerald-700' : 'text-red-700'}`}>
          {state.message}
        </p>
      )}
    </div>
  );
}
