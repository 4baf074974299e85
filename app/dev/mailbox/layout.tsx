import type { ReactNode } from 'react';
import { ToolPageShell } from '@/components/layout/tool-page-shell';
import { notFound } from 'next/navigation';
import { mayReadMailbox } from '@/lib/notifications/mailbox';
import { getCurrentUser } from '@/lib/session/current-user';

export const dynamic = 'force-dynamic';
export const metadata = { title: { default: 'Dev mailbox', template: '%s · Dev mailbox · Stockwise' }, robots: { index: false } };

/** Every mail the shop wrote. Outside development only merchants and admins may look; others get a 404. */
export default async function MailboxLayout({ children }: { children: ReactNode }) {
  if (!mayReadMailbox(await getCurrentUser())) notFound();
  return (
    <ToolPageShell href="/dev/mailbox" label="dev mailbox">
      {children}
    </ToolPageShell>
  );
}
