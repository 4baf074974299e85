import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { mayReadMailbox } from '@/lib/notifications/mailbox';
import { getCurrentUser } from '@/lib/session/current-user';

export const dynamic = 'force-dynamic';
export const metadata = { title: { default: 'Dev mailbox', template: '%s · Dev mailbox · Stockwise' }, robots: { index: false } };

/** Every mail the shop wrote. Outside development only merchants and admins may look; others get a 404. */
export default async function MailboxLayout({ children }: { children: ReactNode }) {
  if (!mayReadMailbox(await getCurrentUser())) notFound();
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-5xl items-center gap-4 px-4 sm:px-6">
          <Link href="/dev/mailbox" className="font-bold tracking-tight">
            Stockwise <span className="font-normal text-slate-500">dev mailbox</span>
          </Link>
          <Link href="/" className="ml-auto text-sm font-medium text-brand-600 hover:underline">
            View shop
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
