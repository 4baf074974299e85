'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { orderAction } from '@/app/actions/admin-orders';
import { TextField } from '@/components/account/form-field';
import { fieldErrorText, sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';
import { buttonStyles } from '@/components/ui/button-styles';
import type { OrderActionType } from '@/lib/orders/admin-orders';

const OFFLINE = 'We couldn’t reach the shop. Check your connection and try again.';
const FIELD_LABELS: Record<string, string> = { carrier: 'Carrier', trackingNumber: 'Tracking number', tracking_number: 'Tracking number', reason: 'Reason' };
const CARRIERS = ['UPS', 'USPS', 'FedEx', 'DHL', 'PostNL', 'Royal Mail', 'Canada Post', 'DPD'];

type Result = { ok: boolean; message: string; fieldErrors?: Record<string, string> };

/**
 * The next steps the state machine allows for this order, and only those:
 * mark processing, ship (carrier + tracking number), deliver, take a return,
 * cancel. Cancelling and refunds ask first.
 */
export function OrderActions({
  orderId,
  allowed,
  statusText,
  refundText,
}: {
  orderId: string;
  allowed: OrderActionType[];
  statusText: string;
  /** "$84.99" when cancelling would refund a payment; null when nothing was paid. */
  refundText: string | null;
}) {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<Result | null>(null);
  const [confirm, setConfirm] = useState<'cancel' | 'refund' | null>(null);
  const [reason, setReason] = useState('');
  const [running, setRunning] = useState<OrderActionType | null>(null);

  const run = (type: OrderActionType, extra: Record<string, string> = {}) => {
    setResult(null);
    setRunning(type);
    startTransition(async () => {
      try {
        const answer = await orderAction({ orderId, type, ...extra });
        if (answer.ok) setResult({ ok: true, message: answer.message ?? 'Done.' });
        else {
          // Field errors are fragments ("is required to ship an order"): name the field in the summary and next to it.
          const fieldErrors = Object.fromEntries(Object.entries(answer.fieldErrors ?? {}).map(([k, v]) => [k, fieldErrorText(FIELD_LABELS[k] ?? 'This', v)]));
          setResult({ ok: false, message: Object.values(fieldErrors)[0] ?? answer.message, fieldErrors });
        }
        if (answer.ok) {
          setConfirm(null);
          setReason('');
        }
      } catch {
        setResult({ ok: false, message: OFFLINE });
      }
    });
  };

  const ship = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run('ship', { carrier: String(form.get('carrier') ?? ''), trackingNumber: String(form.get('trackingNumber') ?? '') });
  };

  const errors = result && !result.ok ? result.fieldErrors ?? {} : {};
  const busy = !hydrated || pending;
  const label = (type: OrderActionType, idle: string, working: string) => (pending && running === type ? working : idle);

  return (
    <div className="space-y-4" data-testid="order-actions">
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={`rounded-lg px-3 py-2 text-sm ${result.ok ? 'bg-emerald-50 text-emerald-900' : 'bg-red-50 text-red-900'}`} data-testid="order-action-result">
          {sentence(result.message)}
        </p>
      )}

      {allowed.length === 0 && (
        <p className="text-sm text-slate-600" data-testid="no-actions">
          Nothing more to do: this order is {statusText.toLowerCase()}.
        </p>
      )}

      {allowed.includes('process') && (
        <div>
          <p className="text-sm text-slate-600">Paid and ready. Mark it as processing when you start packing.</p>
          <button type="button" onClick={() => run('process')} disabled={busy} className={`${buttonStyles.primary} mt-3 w-full`} data-testid="action-process">
            {label('process', 'Mark as processing', 'Marking…')}
          </button>
        </div>
      )}

      {allowed.includes('ship') && (
        <form onSubmit={ship} noValidate className="space-y-3" aria-label="Ship the order" data-testid="ship-form">
          <p className="text-sm text-slate-600">
            Packed? Add the carrier and tracking number: the customer sees them on their order page.
          </p>
          <TextField name="carrier" label="Carrier" list="carrier-options" autoComplete="off" required idPrefix="ship" error={errors.carrier} />
          <datalist id="carrier-options">
            {CARRIERS.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <TextField name="trackingNumber" label="Tracking number" autoComplete="off" required idPrefix="ship" error={errors.trackingNumber ?? errors.tracking_number} className="[&_input]:font-mono" />
          <button type="submit" disabled={busy} className={`${buttonStyles.primary} w-full`} data-testid="action-ship">
            {label('ship', 'Mark as shipped', 'Shipping…')}
          </button>
        </form>
      )}

      {allowed.includes('deliver') && (
        <div>
          <p className="text-sm text-slate-600">On its way. Mark it delivered once the carrier confirms.</p>
          <button type="button" onClick={() => run('deliver')} disabled={busy} className={`${buttonStyles.primary} mt-3 w-full`} data-testid="action-deliver">
            {label('deliver', 'Mark as delivered', 'Marking…')}
          </button>
        </div>
      )}

      {(allowed.includes('refund') || allowed.includes('cancel')) && confirm === null && (
        <div className={`flex flex-col gap-2 ${allowed.length > 1 ? 'border-t border-slate-100 pt-4' : ''}`}>
          {allowed.includes('refund') && (
            <button type="button" onClick={() => setConfirm('refund')} disabled={busy} className={`${buttonStyles.secondary} w-full`} data-testid="action-refund">
              Returned: refund the order
            </button>
          )}
          {allowed.includes('cancel') && (
            <button
              type="button"
              onClick={() => setConfirm('cancel')}
              disabled={busy}
              className={`${buttonStyles.secondary} w-full text-red-700 hover:border-red-300 hover:bg-red-50`}
              data-testid="action-cancel"
            >
              Cancel order
            </button>
          )}
        </div>
      )}

      {confirm && (
        <div className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-950" role="group" aria-labelledby="confirm-question">
          <p id="confirm-question" className="font-semibold">
            {confirm === 'cancel' ? 'Cancel this order?' : 'Refund this returned order?'}
          </p>
          <p className="mt-1 text-red-900">
            {confirm === 'cancel'
              ? refundText
                ? `The customer’s payment of ${refundText} is refunded in full and the items go back on sale.`
                : 'Nothing was charged; the reserved items go back on sale.'
              : `The customer’s payment${refundText ? ` of ${refundText}` : ''} is refunded in full.`}{' '}
            This can’t be undone.
          </p>
          <label htmlFor="action-reason" className="mt-3 block font-medium">
            Reason <span className="font-normal text-red-900/80">(optional, kept in the timeline)</span>
          </label>
          <input
            id="action-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            className="mt-1 block w-full rounded-lg border border-red-200 bg-white px-3 py-2 text-base text-slate-900 sm:text-sm"
            placeholder={confirm === 'cancel' ? 'e.g. customer asked to cancel' : 'e.g. returned unworn'}
          />
          {errors.reason && <p className="mt-1 text-red-800">{errors.reason}</p>}
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              onClick={() => run(confirm, reason.trim() ? { reason: reason.trim() } : {})}
              disabled={busy}
              className="inline-flex flex-1 items-center justify-center rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 disabled:bg-red-300 sm:flex-none"
              data-testid="confirm-action"
            >
              {confirm === 'cancel' ? label('cancel', 'Yes, cancel order', 'Cancelling…') : label('refund', 'Yes, refund', 'Refunding…')}
            </button>
            <button type="button" onClick={() => setConfirm(null)} disabled={pending} className={`${buttonStyles.secondary} flex-1 sm:flex-none`}>
              {confirm === 'cancel' ? 'Keep order' : 'Not now'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
