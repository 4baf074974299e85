'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import type { LineView } from '@/lib/flash/line-api';

type Props = { saleId: string; productHref: string; productName: string };

/** Joins the line once, then asks where it stands every couple of seconds until let through (or sold out). */
export function WaitingRoom({ saleId, productHref, productName }: Props) {
  const [view, setView] = useState<LineView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const joined = useRef(false);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async (method: 'POST' | 'GET') => {
      try {
        const response = await fetch(`/api/flash/${saleId}/line`, { method, cache: 'no-store' });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const next = (await response.json()) as LineView;
        if (stopped) return;
        setView(next);
        setError(null);
        if (!next.admitted && !next.soldOut && !next.ended) timer = setTimeout(() => void ask('GET'), next.startsInSeconds > 10 ? 5000 : 1500);
      } catch {
        if (stopped) return;
        setError('We lost touch with the shop for a moment. Your place is kept; retrying…');
        timer = setTimeout(() => void ask('GET'), 3000);
      }
    };
    if (!joined.current) {
      joined.current = true;
      void ask('POST');
    }
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [saleId]);

  if (!view) {
    return (
      <p role="status" className="text-slate-600">
        {error ?? 'Getting you a place in line…'}
      </p>
    );
  }
  if (view.soldOut) {
    return (
      <div role="status" data-testid="queue-sold-out" className="rounded-2xl border border-slate-200 bg-slate-50 p-6">
        <h2 className="text-xl font-semibold">Sold out</h2>
        <p className="mt-2 text-slate-600">Every unit of {productName} is taken. If an order is not paid in time its units come back — we’ll keep this page honest.</p>
      </div>
    );
  }
  if (view.ended) {
    return <p role="status">This flash sale has ended.</p>;
  }
  if (view.admitted) {
    return (
      <div role="status" data-testid="queue-admitted" className="rounded-2xl border border-emerald-200 bg-emerald-50 p-6">
        <h2 className="text-xl font-semibold text-emerald-900">It’s your turn</h2>
        <p className="mt-2 text-emerald-900">You have 15 minutes to check out. {view.unitsLeft} left right now.</p>
        <Link href={productHref} className={`${buttonStyles.primary} mt-5`} data-testid="queue-continue">
          Continue to {productName}
        </Link>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite" data-testid="queue-waiting" className="rounded-2xl border border-amber-200 bg-amber-50 p-6">
      {view.startsInSeconds > 0 ? (
        <h2 className="text-xl font-semibold text-amber-950">The sale starts in {formatWait(view.startsInSeconds)}</h2>
      ) : (
        <h2 className="text-xl font-semibold text-amber-950">You’re in line</h2>
      )}
      <p className="mt-2 text-amber-900">
        Your number is <span className="font-semibold tabular-nums" data-testid="queue-ticket">{view.ticket}</span>;{' '}
        <span data-testid="queue-ahead">{view.ahead === 0 ? 'you are next' : `${view.ahead} ${view.ahead === 1 ? 'person is' : 'people are'} ahead of you`}</span>.
        About {formatWait(view.waitSeconds)} to go. {view.unitsLeft} units left. Keep this page open: it moves on by itself.
      </p>
      {error && <p className="mt-2 text-sm text-amber-800">{error}</p>}
    </div>
  );
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}
