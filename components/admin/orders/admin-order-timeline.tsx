import { sentence } from '@/components/account/messages';
import { orderStatusText } from '@/components/orders/status-badge';
import type { AdminOrderDetail } from '@/lib/orders/admin-orders';
import { formatDayTime } from './format';

const ACTORS: Record<string, string> = { shopper: 'Customer', merchant: 'Shop', system: 'Stockwise', provider: 'Payment provider' };

/** Every step of the order with who took it: the staff member's email, the customer, the payment provider or the system. */
export function AdminOrderTimeline({ events }: { events: AdminOrderDetail['timeline'] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">Nothing has happened to this order yet.</p>;
  return (
    <ol className="relative space-y-5 border-l-2 border-slate-200 pl-6" data-testid="admin-order-timeline">
      {[...events].reverse().map((event, index) => {
        const latest = index === 0;
        const shipment = event.status === 'shipped' && typeof event.data.tracking_number === 'string' ? event.data : null;
        return (
          <li key={event.id} className="relative" data-status={event.status}>
            <span aria-hidden className={`absolute -left-[31px] top-1 size-3 rounded-full ring-4 ring-white ${latest ? 'bg-slate-900' : 'bg-slate-300'}`} />
            <p className={`text-sm ${latest ? 'font-semibold text-slate-900' : 'font-medium text-slate-700'}`}>{orderStatusText(event.status)}</p>
            {event.reason && <p className="mt-0.5 text-sm text-slate-700">{sentence(event.reason)}</p>}
            {shipment && (
              <p className="mt-0.5 text-sm text-slate-700">
                {String(shipment.carrier)} · <span className="break-all font-mono">{String(shipment.tracking_number)}</span>
              </p>
            )}
            <p className="mt-0.5 text-xs text-slate-500">
              <time dateTime={event.at.toISOString()}>{formatDayTime(event.at)}</time> · {event.actorEmail ?? ACTORS[event.actor] ?? event.actor}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
