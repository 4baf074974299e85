'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

function remaining(expiresAt: number): number {
  return Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
}

/** Time left to pay; when it runs out the page refreshes to show what the server decided. */
export function ExpiryCountdown({ expiresAt }: { expiresAt: string }) {
  const router = useRouter();
  const deadline = new Date(expiresAt).getTime();
  const [seconds, setSeconds] = useState<number | null>(null);

  useEffect(() => {
    setSeconds(remaining(deadline));
    const timer = setInterval(() => {
      const left = remaining(deadline);
      setSeconds(left);
      if (left === 0) {
        clearInterval(timer);
        // The expiry job runs at the deadline; give it a moment before asking.
        setTimeout(() => router.refresh(), 2000);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline, router]);

  if (seconds === null) return <span data-testid="countdown">…</span>;
  const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return (
    <span data-testid="countdown" role="timer" aria-live="off" className="font-mono tabular-nums">
      {seconds > 0 ? text : 'time is up'}
    </span>
  );
}
