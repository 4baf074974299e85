import { sentence } from '@/components/account/messages';
import type { OrderDetail } from '@/lib/orders/view';
import { orderStatusText } from './status-badge';

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Event reasons are written for the shop's records; the shopper reads them about themselves. */
const forShopper = (reason: string) => sentence(reason.replace(/\bby the shopper\b/, 'by you'));

/** What happened to the order, oldest first; the latest step stands out. */
export function OrderTimeline({ events }: { events: OrderDetail['events'] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">Nothing has happened to this order yet.</p>;
  return (
    <ol className="relative space-y-5 border-l-2 border-slate-200 pl-6" data-testid="order-timeline">
      {events.map((event, index) => {
        const latest = index === events.length - 1;
        return (
          <li key={index} className="relative" data-status={event.status} aria-current={latest ? 'step' : undefined}>
            <span
              aria-hidden
              className={`absolute -left-[31px] top-1 size-3 rounded-full ring-4 ring-white ${latest ? 'bg-slate-900' : 'bg-slate-300'}`}
            />
            <p className={`text-sm ${latest ? 'font-semibold text-slate-900' : 'font-medium text-slate-700'}`}>{orderStatusText(event.status)}</p>
            <p className="mt-0.5 text-xs text-slate-600">
              <time dateTime={event.at.toISOString()}>{timeFormat.format(event.at)} UTC</time>
              {event.reason && <> · {forShopper(event.reason)}</>}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
