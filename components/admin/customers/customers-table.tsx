import Link from 'next/link';
import { cell } from '@/components/admin/orders/dashboard-ui';
import { formatDay, timeAgo } from '@/components/admin/orders/format';
import type { CustomerStats } from '@/lib/analytics/customers';
import { formatMoney } from '@/lib/money';

/** Customers with what they are worth; on a phone the figures sit under the name. */
export function CustomersTable({ customers, now }: { customers: CustomerStats[]; now: Date }) {
  return (
    <div className="overflow-x-auto">
      <table className={cell.table} data-testid="customers-table">
        <thead className={cell.head}>
          <tr>
            <th scope="col" className={cell.th}>
              Customer
            </th>
            <th scope="col" className={`${cell.th} hidden text-right sm:table-cell`}>
              Orders
            </th>
            <th scope="col" className={`${cell.th} text-right`}>
              Lifetime value
            </th>
            <th scope="col" className={`${cell.th} hidden md:table-cell`}>
              Last order
            </th>
            <th scope="col" className={`${cell.th} hidden lg:table-cell`}>
              Customer since
            </th>
          </tr>
        </thead>
        <tbody>
          {customers.map((c) => (
            <tr key={c.id} className={`${cell.row} hover:bg-slate-50`} data-testid="customer-row" data-user-id={c.id}>
              <td className={cell.td}>
                <Link href={`/admin/customers/${c.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                  {c.name || c.email}
                </Link>
                {c.name && <p className="max-w-[16rem] truncate text-slate-600 sm:max-w-none">{c.email}</p>}
                <p className="mt-0.5 text-xs text-slate-500 md:hidden">
                  <span className="sm:hidden">
                    {c.orderCount} {c.orderCount === 1 ? 'order' : 'orders'} ·{' '}
                  </span>
                  {c.lastOrderAt ? `last ordered ${timeAgo(c.lastOrderAt, now)}` : 'no orders yet'}
                </p>
              </td>
              <td className={`${cell.num} hidden text-slate-700 sm:table-cell`}>
                {c.orderCount}
                {c.orderCount !== c.paidOrderCount && <span className="block text-xs text-slate-500">{c.paidOrderCount} paid</span>}
              </td>
              <td className={`${cell.num} font-medium text-slate-900`}>{formatMoney(c.lifetimeValueCents, c.currency)}</td>
              <td className={`${cell.td} hidden text-slate-700 md:table-cell`}>
                {c.lastOrderAt ? (
                  <time dateTime={c.lastOrderAt.toISOString()} title={formatDay(c.lastOrderAt)}>
                    {timeAgo(c.lastOrderAt, now)}
                  </time>
                ) : (
                  <span className="text-slate-400">Never</span>
                )}
              </td>
              <td className={`${cell.td} hidden text-slate-700 lg:table-cell`}>{formatDay(c.since)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
