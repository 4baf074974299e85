import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button-styles';
import type { NotificationItem } from '@/lib/notifications/inbox';
import { BellIcon } from './bell-icon';
import { MarkReadButton } from './mark-read-button';

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** The inbox: newest first, unread ones highlighted and marked "New" (in words too, not only by colour). */
export function NotificationList({ items, unread, emptyHint }: { items: NotificationItem[]; unread: number; emptyHint: string }) {
  if (items.length === 0) {
    return (
      <div className="mt-8 flex flex-col items-center rounded-2xl border border-dashed border-slate-300 px-6 py-16 text-center" data-testid="notifications-empty">
        <span className="grid size-14 place-items-center rounded-full bg-slate-100 text-slate-500">
          <BellIcon className="size-7" />
        </span>
        <h2 className="mt-4 text-lg font-semibold text-slate-900">No notifications yet</h2>
        <p className="mt-1 max-w-sm text-sm text-slate-600">{emptyHint}</p>
      </div>
    );
  }
  return (
    <>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" data-testid="unread-summary">
          {unread === 0 ? 'All caught up.' : `${unread} unread`}
        </p>
        {unread > 0 && <MarkReadButton label="Mark all read" className={buttonStyles.secondary} />}
      </div>
      <ul className="mt-4 divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white" data-testid="notification-list">
        {items.map((item) => {
          const isUnread = item.readAt === null;
          return (
            <li
              key={item.id}
              data-testid="notification"
              data-type={item.type}
              data-unread={isUnread}
              className={`flex flex-col gap-2 px-4 py-4 sm:flex-row sm:items-start sm:gap-4 sm:px-5 ${isUnread ? 'border-l-4 border-l-brand-600 bg-brand-50' : 'border-l-4 border-l-transparent'}`}
            >
              <div className="min-w-0 flex-1">
                <p className={`break-words text-sm ${isUnread ? 'font-semibold text-slate-900' : 'text-slate-700'}`}>
                  {isUnread && <span className="mr-2 inline-block rounded bg-brand-600 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-white">New</span>}
                  {item.message}
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  <time dateTime={item.createdAt.toISOString()}>{timeFormat.format(item.createdAt)} UTC</time>
                </p>
              </div>
              <div className="flex shrink-0 items-center gap-3 text-sm">
                {item.href && (
                  <Link href={item.href} className="font-semibold text-brand-700 underline underline-offset-2">
                    View<span className="sr-only">: {item.message}</span>
                  </Link>
                )}
                {isUnread && <MarkReadButton ids={[item.id]} label="Mark read" accessibleName={`Mark read: ${item.message}`} className="font-medium text-slate-600 underline underline-offset-2 hover:text-slate-900 disabled:text-slate-400" />}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
