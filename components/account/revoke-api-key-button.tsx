'use client';

import { useState, useTransition } from 'react';
import { revokeApiKeyAction } from '@/app/actions/account';
import { useHydrated } from '@/components/layout/use-hydrated';
import { buttonStyles } from '@/components/ui/button-styles';

/** "Revoke", then an inline confirmation naming the key, since revoking cannot be undone. */
export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  const revoke = () => {
    setError(null);
    startTransition(async () => {
      try {
        const result = await revokeApiKeyAction({ keyId });
        if (!result.ok) setError(result.message);
      } catch {
        setError('We couldn’t reach the shop. Check your connection and try again.');
      }
    });
  };

  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} disabled={!hydrated} className={`${buttonStyles.secondary} text-red-700`} aria-label={`Revoke ${name}`}>
        Revoke
      </button>
    );
  }
  return (
    <div className="flex basis-full flex-wrap items-center gap-2 rounded-lg bg-red-50 p-3 text-sm text-red-900 sm:basis-auto">
      <p>Revoke “{name}”? Anything using it stops working at once.</p>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={revoke}
          disabled={pending}
          className="inline-flex items-center rounded-lg bg-red-700 px-3 py-2 font-semibold text-white hover:bg-red-800 disabled:bg-red-300"
        >
          {pending ? 'Revoking…' : 'Yes, revoke'}
        </button>
        <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={buttonStyles.secondary}>
          Keep it
        </button>
      </div>
      {error && (
        <p role="alert" className="basis-full text-red-800">
          {error}
        </p>
      )}
    </div>
  );
}
