'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

function remaining(deadline: number): number {
  return Math.max(0, Math.floor((deadline - Date.now()) / 1000));
}

/** After the deadline, ask the server again after these many seconds until it has decided (the page then drops the countdown). */
const REFRESH_AFTER = [2, 5, 10, 20, 40, 60];

/** Moments worth announcing to screen readers; the ticking itself stays silent. */
const ANNOUNCE_AT = [5 * 60, 60];

/**
 * Time left to pay, ticking every second. When it runs out the page refreshes
 * to show what the server decided (the expiry job runs at the deadline).
 */
export function ExpiryCountdown({ expiresAt }: { expiresAt: string }) {
  const router = useRouter();
  const deadline = new Date(expiresAt).getTime();
  const [seconds, setSeconds] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const timers: ReturnType<typeof setTimeout>[] = [];
    let last = remaining(deadline);
    setSeconds(last);
    const tick = setInterval(() => {
      const left = remaining(deadline);
      const crossed = ANNOUNCE_AT.find((mark) => last > mark && left <= mark);
      if (crossed) setAnnouncement(crossed >= 120 ? `${crossed / 60} minutes left to pay.` : 'One minute left to pay.');
      last = left;
      setSeconds(left);
      if (left === 0) {
        clearInterval(tick);
        setAnnouncement('The time to pay is up.');
        let wait = 0;
        for (const delay of REFRESH_AFTER) {
          wait += delay;
          timers.push(setTimeout(() => router.refresh(), wait * 1000));
        }
      }
    }, 1000);
    return () => {
      clearInterval(tick);
      timers.forEach(clearTimeout);
    };
  }, [deadline, router]);

  const urgent = seconds !== null && seconds < 120;
  return (
    <>
      {seconds === null ? (
        <span data-testid="countdown" className="font-mono tabular-nums">
          --:--
        </span>
      ) : (
        <span
          data-testid="countdown"
          role="timer"
          aria-live="off"
          data-seconds={seconds}
          className={`font-mono font-semibold tabular-nums ${urgent ? 'text-red-700' : ''}`}
        >
          {seconds > 0 ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` : '0:00'}
        </span>
      )}
      <span role="status" className="sr-only">
        {announcement}
      </span>
    </>
  );
}
