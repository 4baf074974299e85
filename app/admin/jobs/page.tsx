import Link from 'next/link';
import type { ReactNode } from 'react';
import { DeadJobActions } from '@/components/admin/jobs/dead-job-actions';
import { formatDayTime } from '@/components/admin/orders/format';
import { Pagination } from '@/components/catalog/pagination';
import { getDb } from '@/db/client';
import { catalogueRows } from '@/lib/events/catalogue';
import { listDeadJobs, listRetryingJobs, type JobRow } from '@/lib/events/dead-letters';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Background jobs' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function JobsPage({ searchParams }: Props) {
  const actor = await requireStaff('/admin/jobs');
  const params = await searchParams;
  const [dead, retrying] = await Promise.all([listDeadJobs(getDb(), actor, { page: params.page }), listRetryingJobs(getDb(), actor)]);
  const catalogue = catalogueRows();

  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Background jobs</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Mail, search updates, stock labels and refunds run as background jobs. A job that fails is tried again later, waiting longer each time;
          after its last attempt it stops here, until you retry or discard it.
        </p>
      </div>

      <section aria-labelledby="failed" className="mt-8">
        <h2 id="failed" className="text-lg font-semibold">
          Failed jobs {dead.total > 0 && <span className="ml-1 rounded-full bg-red-100 px-2 py-0.5 text-sm font-medium text-red-800">{dead.total}</span>}
        </h2>
        {dead.total === 0 ? (
          <p className="mt-3 rounded-xl border border-emerald-200 bg-emerald-50 p-6 text-center text-emerald-900" data-testid="no-failed-jobs">
            No failed jobs. Everything that was queued has run, or is still being tried.
          </p>
        ) : (
          <>
            <ul className="mt-3 space-y-3 sm:hidden" aria-label="Failed jobs">
              {dead.items.map((job) => (
                <li key={job.id} className="rounded-xl border border-red-200 bg-white p-4" data-testid="dead-job">
                  <JobTitle job={job} />
                  <div className="mt-1 text-sm">
                    <Concerns job={job} />
                  </div>
                  <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
                    <div>
                      <dt className="text-xs text-slate-500">Attempts</dt>
                      <dd className="tabular-nums">
                        {job.attempts} of {job.maxAttempts}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-xs text-slate-500">Failed at</dt>
                      <dd>{formatDayTime(job.updatedAt)}</dd>
                    </div>
                  </dl>
                  <LastError error={job.lastError} />
                  <div className="mt-3">
                    <DeadJobActions jobId={job.id} label={jobLabel(job)} />
                  </div>
                </li>
              ))}
            </ul>
            <div className="mt-3 hidden overflow-x-auto rounded-xl border border-slate-200 bg-white sm:block">
              <table className="w-full text-left text-sm" data-testid="dead-jobs-table">
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    <th className="p-3">Job</th>
                    <th className="p-3">Concerns</th>
                    <th className="p-3 text-right">Attempts</th>
                    <th className="p-3">Last error</th>
                    <th className="p-3">Failed at</th>
                    <th className="p-3 text-right">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {dead.items.map((job) => (
                    <tr key={job.id} className="border-t border-slate-100 align-top" data-testid="dead-job">
                      <td className="p-3">
                        <JobTitle job={job} />
                      </td>
                      <td className="p-3">
                        <Concerns job={job} />
                      </td>
                      <td className="p-3 text-right tabular-nums">
                        {job.attempts}/{job.maxAttempts}
                      </td>
                      <td className="max-w-sm p-3">
                        <LastError error={job.lastError} bare />
                      </td>
                      <td className="whitespace-nowrap p-3">{formatDayTime(job.updatedAt)}</td>
                      <td className="p-3">
                        <DeadJobActions jobId={job.id} label={jobLabel(job)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={dead.page} pageCount={dead.pageCount} basePath="/admin/jobs" params={{}} />
          </>
        )}
      </section>

      <section aria-labelledby="retrying" className="mt-10">
        <h2 id="retrying" className="text-lg font-semibold">
          Being retried
        </h2>
        <p className="mt-1 text-sm text-slate-600">Jobs that failed at least once and will be tried again by themselves.</p>
        {retrying.length === 0 ? (
          <p className="mt-3 rounded-xl border border-slate-200 bg-white p-6 text-center text-slate-600" data-testid="no-retrying-jobs">
            Nothing is being retried.
          </p>
        ) : (
          <>
            <ul className="mt-3 space-y-3 sm:hidden" aria-label="Jobs being retried">
              {retrying.map((job) => (
                <li key={job.id} className="rounded-xl border border-amber-200 bg-white p-4" data-testid="retrying-job">
                  <JobTitle job={job} />
                  <div className="mt-1 text-sm">
                    <Concerns job={job} />
                  </div>
                  <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
                    <div>
                      <dt className="text-xs text-slate-500">Attempts</dt>
                      <dd className="tabular-nums">
                        {job.attempts} of {job.maxAttempts}
                      </dd>
                    </div>
                    <div>
                      <dt className="text-xs text-slate-500">Next try</dt>
                      <dd>
                        <NextRun job={job} />
                      </dd>
                    </div>
                  </dl>
                  <LastError error={job.lastError} />
                </li>
              ))}
            </ul>
            <div className="mt-3 hidden overflow-x-auto rounded-xl border border-slate-200 bg-white sm:block">
              <table className="w-full text-left text-sm" data-testid="retrying-jobs-table">
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    <th className="p-3">Job</th>
                    <th className="p-3">Concerns</th>
                    <th className="p-3 text-right">Attempts</th>
                    <th className="p-3">Last error</th>
                    <th className="p-3">Next try</th>
                  </tr>
                </thead>
                <tbody>
                  {retrying.map((job) => (
                    <tr key={job.id} className="border-t border-slate-100 align-top" data-testid="retrying-job">
                      <td className="p-3">
                        <JobTitle job={job} />
                      </td>
                      <td className="p-3">
                        <Concerns job={job} />
                      </td>
                      <td className="p-3 text-right tabular-nums">
                        {job.attempts}/{job.maxAttempts}
                      </td>
                      <td className="max-w-sm p-3">
                        <LastError error={job.lastError} bare />
                      </td>
                      <td className="whitespace-nowrap p-3">
                        <NextRun job={job} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="catalogue" className="mt-10">
        <h2 id="catalogue" className="text-lg font-semibold">
          Event catalogue
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          What the shop announces when something happens, and who listens. Each event is recorded in the same transaction as its cause, so it
          exists exactly when the change does.
        </p>
        <ul className="mt-3 space-y-3 sm:hidden" aria-label="Events">
          {catalogue.map((event) => (
            <li key={event.type} className="rounded-xl border border-slate-200 bg-white p-4">
              <p className="font-mono text-xs font-semibold">{event.type}</p>
              <p className="mt-1 text-sm">{event.description}</p>
              <p className="mt-2 text-xs text-slate-500">From {event.emittedBy}</p>
              <p className="mt-1 text-xs text-slate-500">Consumers: {event.consumerLabels.length ? event.consumerLabels.join(', ') : 'none yet'}</p>
            </li>
          ))}
        </ul>
        <div className="mt-3 hidden overflow-x-auto rounded-xl border border-slate-200 bg-white sm:block">
          <table className="w-full text-left text-sm" data-testid="event-catalogue">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="p-3">Event</th>
                <th className="p-3">Means</th>
                <th className="p-3">Emitted by</th>
                <th className="p-3">Consumers</th>
              </tr>
            </thead>
            <tbody>
              {catalogue.map((event) => (
                <tr key={event.type} className="border-t border-slate-100 align-top">
                  <td className="whitespace-nowrap p-3 font-mono text-xs font-semibold">{event.type}</td>
                  <td className="p-3">{event.description}</td>
                  <td className="p-3 text-slate-600">{event.emittedBy}</td>
                  <td className="p-3 text-slate-600">{event.consumerLabels.length ? event.consumerLabels.join(', ') : <span className="text-slate-400">none yet</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

const TASK_NAMES: Record<string, string> = {
  'domain-event': 'Event',
  'expire-order': 'Expire unpaid order',
  'sweep-expired-orders': 'Sweep expired orders',
  'reconcile-flash-gates': 'Reconcile flash-sale gates',
  'refund-payment': 'Refund payment',
  'cancel-payment': 'Cancel payment',
};

function jobLabel(job: JobRow): string {
  return `job ${job.id} (${job.eventType ?? job.task})`;
}

function JobTitle({ job }: { job: JobRow }) {
  return (
    <div>
      <p className="font-medium">
        {TASK_NAMES[job.task] ?? job.task}
        {job.eventType && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-normal text-slate-700">{job.eventType}</span>}
      </p>
      <p className="text-xs text-slate-500">
        #{job.id} · queued {formatDayTime(job.createdAt)}
      </p>
    </div>
  );
}

function Concerns({ job }: { job: JobRow }) {
  const { orderId, orderNumber, variantId, sku, moreVariants, productId, productName } = job.concerns;
  const parts: ReactNode[] = [];
  if (orderId) {
    parts.push(
      <Link key="order" href={`/admin/orders/${orderId}`} className="text-brand-600 hover:underline">
        {orderNumber ? `Order #${orderNumber}` : `Order ${orderId.slice(0, 8)}`}
      </Link>,
    );
  }
  if (variantId && sku) {
    parts.push(
      <span key="variant" className="font-mono text-xs">
        {sku}
        {moreVariants > 0 && <span className="font-sans text-slate-500"> and {moreVariants} more</span>}
      </span>,
    );
  }
  if (productId && productName && !orderId) {
    parts.push(
      <Link key="product" href={`/admin/products/${productId}`} className="text-brand-600 hover:underline">
        {productName}
      </Link>,
    );
  }
  if (parts.length === 0) return <span className="text-slate-400">—</span>;
  return <span className="flex flex-col gap-0.5">{parts}</span>;
}

function LastError({ error, bare = false }: { error: string | null; bare?: boolean }) {
  if (!error) return bare ? <span className="text-slate-400">—</span> : null;
  const firstLine = error.split('\n')[0]!.slice(0, 160);
  return (
    <details className={bare ? '' : 'mt-3'}>
      <summary className="cursor-pointer break-words text-xs text-red-800">{firstLine}</summary>
      <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs text-slate-700">{error}</pre>
    </details>
  );
}

function NextRun({ job }: { job: JobRow }) {
  if (job.lockedAt) return <span className="text-amber-700">running now</span>;
  return <span>{formatDayTime(job.runAt)}</span>;
}
