/**
 * Building blocks the dashboard's pages share (orders, promotions, suppliers,
 * customers), so they look and space alike: a page header, cards, notices,
 * empty states, table cell styles and stat tiles. Server-safe: no hooks.
 */
import Link from 'next/link';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  description,
  back,
  actions,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  back?: { href: string; label: string };
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="mb-6">
      {back && (
        <nav aria-label="Breadcrumb" className="mb-3 text-sm">
          <Link href={back.href} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            ← {back.label}
          </Link>
        </nav>
      )}
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
          {description && <p className="mt-1 max-w-3xl text-sm text-slate-600">{description}</p>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {children}
    </div>
  );
}

export function Card({
  title,
  id,
  description,
  actions,
  children,
  className = '',
  flush = false,
  testId,
}: {
  title?: ReactNode;
  id?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** No padding around the body (tables that run to the edges). */
  flush?: boolean;
  testId?: string;
}) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section aria-labelledby={headingId} className={`rounded-xl border border-slate-200 bg-white shadow-sm ${className}`} data-testid={testId}>
      {(title || actions) && (
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-3 sm:px-5">
          <div className="min-w-0">
            {title && (
              <h2 id={headingId} className="font-semibold text-slate-900">
                {title}
              </h2>
            )}
            {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </div>
      )}
      <div className={flush ? '' : 'p-4 sm:p-5'}>{children}</div>
    </section>
  );
}

const TONES = {
  success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  error: 'border-red-200 bg-red-50 text-red-900',
  warning: 'border-amber-200 bg-amber-50 text-amber-950',
  info: 'border-slate-200 bg-slate-50 text-slate-800',
} as const;

export function Notice({ tone = 'info', title, children, className = '', testId }: { tone?: keyof typeof TONES; title?: ReactNode; children?: ReactNode; className?: string; testId?: string }) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`rounded-lg border px-4 py-3 text-sm ${TONES[tone]} ${className}`} data-testid={testId}>
      {title && <p className="font-semibold">{title}</p>}
      {children && <div className={title ? 'mt-1' : ''}>{children}</div>}
    </div>
  );
}

export function EmptyState({ title, children, action, testId }: { title: ReactNode; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <div className="px-4 py-12 text-center sm:px-6" data-testid={testId}>
      <div aria-hidden className="mx-auto flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-400">
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.5} className="size-6">
          <path strokeLinecap="round" strokeLinejoin="round" d="M20.25 7.5l-.625 10.632a2.25 2.25 0 01-2.247 2.118H6.622a2.25 2.25 0 01-2.247-2.118L3.75 7.5m8.25 3v6.75m0 0l-3-3m3 3l3-3M3.375 7.5h17.25c.621 0 1.125-.504 1.125-1.125v-1.5c0-.621-.504-1.125-1.125-1.125H3.375c-.621 0-1.125.504-1.125 1.125v1.5c0 .621.504 1.125 1.125 1.125z" />
        </svg>
      </div>
      <p className="mt-3 font-semibold text-slate-900">{title}</p>
      {children && <div className="mx-auto mt-1 max-w-md text-sm text-slate-600">{children}</div>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

/** Table cell classes: compact on a phone, roomier from `sm` up. */
export const cell = {
  table: 'w-full text-left text-sm',
  head: 'border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-500',
  th: 'px-3 py-2.5 font-semibold sm:px-4',
  row: 'border-b border-slate-100 last:border-0 align-top',
  td: 'px-3 py-3 sm:px-4',
  num: 'px-3 py-3 text-right tabular-nums sm:px-4',
} as const;

export function Stat({ label, value, hint, testId }: { label: ReactNode; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900 sm:text-2xl">{value}</dd>
      {hint && <dd className="mt-0.5 text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

/** A small rounded label (states other than an order's status). */
export function Pill({ tone = 'slate', children, testId }: { tone?: 'slate' | 'green' | 'amber' | 'red' | 'blue' | 'indigo'; children: ReactNode; testId?: string }) {
  const tones = {
    slate: 'bg-slate-100 text-slate-700 ring-slate-500/20',
    green: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
    amber: 'bg-amber-50 text-amber-900 ring-amber-600/30',
    red: 'bg-red-50 text-red-800 ring-red-600/20',
    blue: 'bg-sky-50 text-sky-800 ring-sky-600/20',
    indigo: 'bg-indigo-50 text-indigo-800 ring-indigo-600/20',
  };
  return (
    <span className={`inline-flex shrink-0 items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`} data-testid={testId}>
      {children}
    </span>
  );
}
