import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MailStatus } from '@/components/notifications/mail-status';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { loadMail } from '@/lib/notifications/mailbox';
import { requireMailboxReader } from '@/lib/session/require-mailbox-reader';

export const metadata = { title: 'Message' };

const timeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

export default async function MailPage({ params }: { params: Promise<{ mail_id: string }> }) {
  await requireMailboxReader();
  const id = idSchema.safeParse((await params).mail_id);
  const mail = id.success ? await loadMail(getDb(), id.data) : null;
  if (!mail) notFound();
  return (
    <article>
      <p className="text-sm">
        <Link href="/dev/mailbox" className="text-slate-600 underline underline-offset-2 hover:text-slate-900">
          ← All mail
        </Link>
      </p>
      <h1 className="mt-2 break-words text-2xl font-bold tracking-tight" data-testid="mail-subject">
        {mail.subject}
      </h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">To</dt>
        <dd className="break-all">{mail.to}</dd>
        <dt className="text-slate-500">Written</dt>
        <dd>{timeFormat.format(mail.createdAt)} UTC</dd>
        <dt className="text-slate-500">Status</dt>
        <dd>
          <MailStatus status={mail.status} />
          {mail.sentAt && <span className="ml-2 text-slate-600">sent {timeFormat.format(mail.sentAt)} UTC</span>}
        </dd>
        {mail.error && (
          <>
            <dt className="text-slate-500">Last error</dt>
            <dd className="break-words text-rose-700">{mail.error}</dd>
          </>
        )}
      </dl>
      <h2 className="mt-8 text-sm font-semibold text-slate-900">HTML</h2>
      {/* The mail's own HTML in a sandbox: no scripts, no access to this page. */}
      <iframe title={`HTML of: ${mail.subject}`} sandbox="" srcDoc={mail.html} className="mt-2 h-80 w-full rounded-xl border border-slate-200 bg-white" />
      <h2 className="mt-8 text-sm font-semibold text-slate-900">Plain text</h2>
      <pre className="mt-2 overflow-x-auto whitespace-pre-wrap rounded-xl border border-slate-200 bg-white p-4 text-sm" data-testid="mail-text">
        {mail.text}
      </pre>
    </article>
  );
}
