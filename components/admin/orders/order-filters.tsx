import Link from 'next/link';
import type { InputHTMLAttributes } from 'react';
import { inputStyles } from '@/components/account/form-field';
import { orderStatusText } from '@/components/orders/status-badge';
import { buttonStyles } from '@/components/ui/button-styles';
import type { OrderStatus } from '@/lib/orders/status';

/** The statuses as tabs, in the order a merchant works through them. */
const TABS: OrderStatus[] = ['confirmed', 'processing', 'shipped', 'delivered', 'pending_payment', 'payment_failed', 'cancelled', 'refunded'];

export type OrderFilterValues = { status?: string; customer?: string; from?: string; to?: string };

export function ordersHref(values: OrderFilterValues & { page?: number }): string {
  const query = new URLSearchParams();
  for (const key of ['status', 'customer', 'from', 'to'] as const) if (values[key]) query.set(key, values[key]!);
  if (values.page && values.page > 1) query.set('page', String(values.page));
  const qs = query.toString();
  return qs ? `/admin/orders?${qs}` : '/admin/orders';
}

/** Status tabs with counts, then search by customer or order number and a date range. A plain GET form: links can be shared. */
export function OrderFilters({ values, counts, fieldErrors = {} }: { values: OrderFilterValues; counts: Record<OrderStatus, number>; fieldErrors?: Record<string, string> }) {
  const all = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const tab = (status: OrderStatus | undefined, label: string, n: number) => {
    const current = (values.status || undefined) === status;
    return (
      <li key={status ?? 'all'}>
        <Link
          href={ordersHref({ ...values, status })}
          aria-current={current ? 'page' : undefined}
          className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-3 py-1.5 text-sm font-medium ring-1 ring-inset transition ${
            current ? 'bg-slate-900 text-white ring-slate-900' : 'bg-white text-slate-700 ring-slate-200 hover:bg-slate-50'
          }`}
        >
          {label}
          <span className={`tabular-nums ${current ? 'text-slate-300' : 'text-slate-500'}`}>{n.toLocaleString('en-US')}</span>
        </Link>
      </li>
    );
  };
  const filtered = Boolean(values.customer || values.from || values.to);
  return (
    <div className="space-y-4">
      <nav aria-label="Order status" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex gap-2 pb-1">
          {tab(undefined, 'All', all)}
          {TABS.map((status) => tab(status, orderStatusText(status), counts[status]))}
        </ul>
      </nav>
      <form method="get" action="/admin/orders" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto]" role="search" aria-label="Filter orders">
        {values.status && <input type="hidden" name="status" value={values.status} />}
        <FilterField name="customer" label="Customer or order #" type="search" placeholder="Email, name or 1042" defaultValue={values.customer} error={fieldErrors.customer} className="sm:col-span-2 lg:col-span-1" />
        <FilterField name="from" label="Placed from" type="date" defaultValue={values.from} error={fieldErrors.from} />
        <FilterField name="to" label="Placed until" type="date" defaultValue={values.to} error={fieldErrors.to} />
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-1">
          <button type="submit" className={`${buttonStyles.primary} flex-1 py-2.5 lg:flex-none`}>
            Filter
          </button>
          {filtered && (
            <Link href={ordersHref({ status: values.status })} className={`${buttonStyles.secondary} flex-1 py-2.5 lg:flex-none`}>
              Clear
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}

function FilterField({ name, label, error, className = '', ...input }: { name: string; label: string; error?: string; className?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `filter-${name}`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={`${inputStyles} mt-1.5`} {...input} />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
