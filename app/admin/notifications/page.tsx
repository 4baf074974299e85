import { Pagination } from '@/components/catalog/pagination';
import { NotificationList } from '@/components/notifications/notification-list';
import { getDb } from '@/db/client';
import { listNotifications } from '@/lib/notifications/inbox';
import { requireStaff } from '@/lib/session/require-staff';

export const metadata = { title: 'Notifications' };

const PAGE_SIZE = 30;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminNotificationsPage({ searchParams }: Props) {
  const user = await requireStaff('/admin/notifications');
  const params = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const { items, total, unread } = await listNotifications(getDb(), user.id, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  return (
    <div className="max-w-4xl">
      <h1 className="text-2xl font-bold tracking-tight">Notifications</h1>
      <p className="mt-1 text-sm text-slate-600">New paid orders, payments that need a look, low and sold-out stock — for every merchant and admin.</p>
      <NotificationList items={items} unread={unread} emptyHint="New paid orders, flagged payments and low or sold-out stock will show up here." />
      <Pagination page={page} pageCount={Math.ceil(total / PAGE_SIZE)} basePath="/admin/notifications" params={{}} />
    </div>
  );
}
