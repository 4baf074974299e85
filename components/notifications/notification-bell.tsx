import Link from 'next/link';
import { BellIcon } from './bell-icon';

export function bellLabel(count: number | null): string {
  if (count === null) return 'Notifications';
  return `Notifications, ${count === 0 ? 'none' : count} unread`;
}

/** A link to the inbox with the unread count on the bell; the link's name says the count for screen readers. */
export function NotificationBell({ href, count }: { href: string; count: number | null }) {
  const shown = count !== null && count > 99 ? '99+' : String(count ?? '');
  return (
    <Link
      href={href}
      aria-label={bellLabel(count)}
      data-testid="notification-bell"
      data-unread={count ?? undefined}
      className="relative inline-flex size-10 shrink-0 items-center justify-center rounded-lg text-slate-800 hover:bg-slate-100"
    >
      <BellIcon />
      {count !== null && count > 0 && (
        <span
          aria-hidden
          data-testid="notification-count"
          className="absolute right-0.5 top-0.5 grid h-[18px] min-w-[18px] place-items-center rounded-full bg-rose-600 px-1 text-[11px] font-semibold tabular-nums text-white ring-2 ring-white"
        >
          {shown}
        </span>
      )}
    </Link>
  );
}
