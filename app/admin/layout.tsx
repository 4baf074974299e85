import Link from 'next/link';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { getDb } from '@/db/client';
import { unreadCount } from '@/lib/notifications/inbox';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: { default: 'Dashboard', template: '%s · Dashboard · Stockwise' } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff();
  const unread = await unreadCount(getDb(), user.id);
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4 sm:px-6 lg:px-8">
          <Link href="/admin" className="font-bold tracking-tight">
            Stockwise <span className="font-normal text-slate-500">dashboard</span>
          </Link>
          <span className="ml-auto truncate text-sm text-slate-600">
            {user.name ?? user.email} · {user.role}
          </span>
          <NotificationBell href="/admin/notifications" count={unread} />
          <Link href="/" className="text-sm font-medium text-brand-600 hover:underline">
            View shop
          </Link>
        </div>
      </header>
      <AdminNav />
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
