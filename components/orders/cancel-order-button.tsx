'use client';

import { useState, useTransition } from 'react';
import { cancelMyOrderAction } from '@/app/actions/orders';
import { buttonStyles } from '@/components/ui/button-styles';

export function CancelOrderButton({ orderId }: { orderId: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const cancel = () => {
    if (!window.confirm('Cancel this order? Its items go back on the shelf.')) return;
    startTransition(async () => {
      const result = await cancelMyOrderAction({ orderId });
      setMessage({ ok: result.ok, text: result.message ?? (result.ok ? 'Cancelled' : 'Could not cancel') });
    });
  };
  return (
    <div className="flex flex-col items-start gap-2">
      <button type="button" onClick={cancel} disabled={pending} className={buttonStyles.secondary} data-testid="cancel-order">
        {pending ? 'Cancelling…' : 'Cancel order'}
      </button>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`text-sm ${message.ok ? 'text-emerald-700' : 'text-red-700'}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
