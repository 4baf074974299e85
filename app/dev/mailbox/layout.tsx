import type { ReactNode } from 'react';
import { ToolPageShell } from '@/components/layout/tool-page-shell';
import { requireMailboxReader } from '@/lib/session/require-mailbox-reader';

export const dynamic = 'force-dynamic';
export const metadata = { title: { default: 'Dev mailbox', template: '%s · Dev mailbox · Stockwise' }, robots: { index: false } };

/** Every mail the shop wrote. Outside development only merchants and admins may look; others get a 404 (each page checks too). */
export default async function MailboxLayout({ children }: { children: ReactNode }) {
  await requireMailboxReader();
  return (
    <ToolPageShell href="/dev/mailbox" label="dev mailbox">
      {children}
    </ToolPageShell>
  );
}
