import Link from 'next/link';
import { Pagination } from '@/components/catalog/pagination';
import { MailStatus } from '@/components/notifications/mail-status';
import { getDb } from '@/db/client';
import { mailSettings } from '@/lib/notifications/config';
import { listMail } from '@/lib/notifications/mailbox';
import { requireMailboxReader } from '@/lib/session/require-mailbox-reader';

export const metadata = { title: 'Mail' };

const PAGE_SIZE = 50;
const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MailboxPage({ searchParams }: Props) {
  await requireMailboxReader();
  const params = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const { mails, total } = await listMail(getDb(), { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const settings = mailSettings();
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Mail</h1>
      <p className="mt-1 text-sm text-slate-600">
        {settings.kind === 'smtp'
          ? 'SMTP is configured: mails are sent through it and kept here too.'
          : 'No SMTP server is configured (SMTP_URL), so mails are stored here instead of being sent.'}{' '}
        {total} in all.
      </p>
      {mails.length === 0 ? (
        <p className="mt-8 rounded-2xl border border-dashed border-slate-300 px-6 py-12 text-center text-slate-600" data-testid="mailbox-empty">
          No mail yet. Place an order and its confirmation shows up here.
        </p>
      ) : (
        <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white" data-testid="mailbox">
          {mails.map((mail) => (
            <li key={mail.id} data-testid="mail" className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:gap-4">
              <div className="min-w-0 flex-1">
                <Link href={`/dev/mailbox/${mail.id}`} className="block truncate font-semibold text-slate-900 hover:underline">
                  {mail.subject}
                </Link>
                <p className="truncate text-sm text-slate-600">To {mail.to}</p>
              </div>
              <div className="flex shrink-0 items-center gap-3 text-xs text-slate-500">
                <MailStatus status={mail.status} />
                <time dateTime={mail.createdAt.toISOString()}>{timeFormat.format(mail.createdAt)} UTC</time>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={Math.ceil(total / PAGE_SIZE)} basePath="/dev/mailbox" params={{}} />
    </>
  );
}
