'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { markNotificationsReadAction } from '@/app/actions/notifications';
import { notifySessionChanged } from '@/components/layout/session-events';

/** "Mark all read" (no ids) or one notification's "Mark read"; then the list and the header's bell update. */
export function MarkReadButton({ ids, label, accessibleName, className }: { ids?: string[]; label: string; accessibleName?: string; className: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={pending}
        aria-label={accessibleName}
        data-testid={ids ? 'mark-read' : 'mark-all-read'}
        onClick={() =>
          startTransition(async () => {
            const result = await markNotificationsReadAction({ ids });
            setMessage(result.ok ? null : result.message);
            router.refresh();
            notifySessionChanged();
          })
        }
      >
        {pending ? 'Marking…' : label}
      </button>
      {message && (
        <span role="alert" className="text-sm text-rose-700">
          {message}
        </span>
      )}
    </>
  );
}
