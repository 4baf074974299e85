import type { AdminOrderDetail } from '@/lib/orders/admin-orders';
import { formatMoney } from '@/lib/money';
import { Notice, Pill } from './dashboard-ui';
import { formatDayTime } from './format';

const PAYMENT_STATES: Record<string, { text: string; tone: 'slate' | 'green' | 'amber' | 'red' }> = {
  pending: { text: 'Waiting for payment', tone: 'amber' },
  succeeded: { text: 'Paid', tone: 'green' },
  failed: { text: 'Failed', tone: 'red' },
  canceled: { text: 'Cancelled', tone: 'slate' },
  refunded: { text: 'Refunded', tone: 'slate' },
};
const REFUND_STATES: Record<string, { text: string; tone: 'slate' | 'green' | 'amber' | 'red' }> = {
  pending: { text: 'Being refunded', tone: 'amber' },
  succeeded: { text: 'Refunded', tone: 'green' },
  failed: { text: 'Refund failed', tone: 'red' },
};

/** The payment (with the reason it was flagged, if it was) and its refunds. */
export function PaymentPanel({ payment, refunds }: { payment: AdminOrderDetail['paymentDetail']; refunds: AdminOrderDetail['refunds'] }) {
  if (!payment) return <p className="text-sm text-slate-600">No payment was started for this order.</p>;
  const state = PAYMENT_STATES[payment.status] ?? { text: payment.status, tone: 'slate' as const };
  return (
    <div className="space-y-4" data-testid="payment-panel">
      {payment.flaggedReason && (
        <Notice tone="error" title="This payment needs your attention" testId="payment-flagged">
          {payment.flaggedReason}
        </Notice>
      )}
      <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Status</dt>
          <dd className="mt-0.5">
            <Pill tone={state.tone} testId="payment-status">
              {state.text}
            </Pill>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Amount</dt>
          <dd className="mt-0.5 font-medium tabular-nums text-slate-900">{formatMoney(payment.amountCents, payment.currency)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Provider</dt>
          <dd className="mt-0.5 capitalize text-slate-900">{payment.provider}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Updated</dt>
          <dd className="mt-0.5 text-slate-900">{formatDayTime(payment.updatedAt)}</dd>
        </div>
        {payment.refundedCents > 0 && payment.refundedCents < payment.amountCents && (
          <div className="col-span-2 sm:col-span-4">
            <dt className="text-slate-500">Partly refunded</dt>
            <dd className="mt-0.5 font-medium tabular-nums text-slate-900" data-testid="payment-refunded">
              {formatMoney(payment.refundedCents, payment.currency)} of {formatMoney(payment.amountCents, payment.currency)}
            </dd>
          </div>
        )}
        {payment.providerPaymentId && (
          <div className="col-span-2 sm:col-span-4">
            <dt className="text-slate-500">Provider reference</dt>
            <dd className="mt-0.5 break-all font-mono text-xs text-slate-700">{payment.providerPaymentId}</dd>
          </div>
        )}
        {payment.lastError && (
          <div className="col-span-2 sm:col-span-4">
            <dt className="text-slate-500">Last failed attempt</dt>
            <dd className="mt-0.5 text-slate-900">{payment.lastError.replaceAll('_', ' ')}</dd>
          </div>
        )}
      </dl>
      {refunds.length > 0 && (
        <div className="border-t border-slate-100 pt-4">
          <h3 className="text-sm font-semibold text-slate-900">Refunds</h3>
          <ul className="mt-2 divide-y divide-slate-100" data-testid="refunds">
            {refunds.map((refund) => {
              const s = REFUND_STATES[refund.status] ?? { text: refund.status, tone: 'slate' as const };
              return (
                <li key={refund.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <div className="min-w-0">
                    <p className="font-medium tabular-nums text-slate-900">{formatMoney(refund.amountCents, refund.currency)}</p>
                    <p className="text-xs text-slate-500">
                      {formatDayTime(refund.createdAt)}
                      {refund.reason && ` · ${refund.reason}`}
                    </p>
                  </div>
                  <Pill tone={s.tone}>{s.text}</Pill>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
