import type { OrderDetail } from '@/lib/orders/view';
import { orderStatusText } from './status-badge';

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function OrderTimeline({ events }: { events: OrderDetail['events'] }) {
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-5" data-testid="order-timeline">
      {events.map((event, index) => (
        <li key={index} className="relative">
          <span aria-hidden className="absolute -left-[25px] top-1.5 size-2.5 rounded-full bg-slate-400 ring-4 ring-white" />
          <p className="text-sm font-medium text-slate-900">{orderStatusText(event.status)}</p>
          <p className="text-xs text-slate-500">
            <time dateTime={event.at.toISOString()}>{timeFormat.format(event.at)} UTC</time>
            {event.reason && <> · {event.reason}</>}
          </p>
        </li>
      ))}
    </ol>
  );
}
