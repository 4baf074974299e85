import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Pagination } from '@/components/catalog/pagination';
import { NotificationList } from '@/components/notifications/notification-list';
import { Container } from '@/components/ui/container';
import { getDb } from '@/db/client';
import { listNotifications } from '@/lib/notifications/inbox';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper: never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Notifications' };

const PAGE_SIZE = 20;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NotificationsPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent('/account/notifications')}`);
  const params = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const { items, total, unread } = await listNotifications(getDb(), user.id, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });

  return (
    <Container className="max-w-3xl py-10">
      <p className="text-sm">
        <Link href="/account" className="text-slate-600 underline underline-offset-2 hover:text-slate-900">
          Your account
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">Notifications</h1>
      <p className="mt-1 text-slate-600">Every step of your orders, newest first. We also send each one to {user.email}.</p>
      <NotificationList items={items} unread={unread} emptyHint="When you place an order, each step — paid, packed, shipped, delivered — shows up here." />
      <Pagination page={page} pageCount={Math.ceil(total / PAGE_SIZE)} basePath="/account/notifications" params={{}} />
    </Container>
  );
}
