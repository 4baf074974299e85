import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, EmptyState, PageHeader, Pill, Stat, cell } from '@/components/admin/orders/dashboard-ui';
import { firstParam, formatDay, formatDayTime, timeAgo } from '@/components/admin/orders/format';
import { Pagination } from '@/components/catalog/pagination';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { getDb } from '@/db/client';
import { customerOrders, customerStats } from '@/lib/analytics/customers';
import { formatMoney } from '@/lib/money';
import { PAID_ORDER_STATUSES } from '@/lib/orders/admin-orders';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ user_id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { user_id } = await params;
  // Metadata renders alongside the page (and streams after it): it checks for itself too.
  await requireStaff(`/admin/customers/${user_id}`);
  const stats = await customerStats(getDb(), user_id).catch(() => null);
  return { title: stats ? stats.name || stats.email : 'Customer' };
}

export default async function CustomerPage({ params, searchParams }: Props) {
  const { user_id } = await params;
  await requireStaff(`/admin/customers/${user_id}`);
  const db = getDb();
  const stats = await customerStats(db, user_id);
  if (!stats) notFound();
  const requested = Number(firstParam((await searchParams).page) ?? 1);
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1;
  const orders = await customerOrders(db, stats.id, { page, limit: 20 });
  const money = (cents: number) => formatMoney(cents, stats.currency);
  const average = stats.paidOrderCount > 0 ? Math.round(stats.lifetimeValueCents / stats.paidOrderCount) : 0;

  return (
    <>
      <PageHeader
        back={{ href: '/admin/customers', label: 'Customers' }}
        title={stats.name || stats.email}
        description={
          <>
            {stats.name && <span className="break-all">{stats.email} · </span>}
            Customer since {formatDay(stats.since)}
          </>
        }
        actions={
          stats.orderCount > 0 ? (
            <Link href={`/admin/orders?customer=${encodeURIComponent(stats.email)}`} className="text-sm font-medium text-brand-700 hover:underline">
              Open in Orders →
            </Link>
          ) : undefined
        }
      />

      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Lifetime value" value={money(stats.lifetimeValueCents)} hint="Paid orders only" testId="customer-ltv" />
        <Stat label="Paid orders" value={stats.paidOrderCount} hint={`${stats.orderCount} placed in all`} />
        <Stat label="Average paid order" value={stats.paidOrderCount ? money(average) : '—'} />
        <Stat label="Last order" value={stats.lastOrderAt ? timeAgo(stats.lastOrderAt) : 'Never'} hint={stats.lastOrderAt ? formatDayTime(stats.lastOrderAt) : undefined} />
      </dl>

      <Card title={`Orders (${orders.total})`} id="customer-orders" flush className="mt-6">
        {orders.orders.length === 0 ? (
          <EmptyState title={orders.total === 0 ? 'No orders yet' : 'No orders on this page'}>
            {orders.total === 0 ? 'This customer has an account but hasn’t ordered anything.' : <Link href={`/admin/customers/${stats.id}`} className="text-brand-700 hover:underline">Back to the first page</Link>}
          </EmptyState>
        ) : (
          <>
            <div className="overflow-x-auto">
              <table className={cell.table} data-testid="customer-orders">
                <thead className={cell.head}>
                  <tr>
                    <th scope="col" className={cell.th}>
                      Order
                    </th>
                    <th scope="col" className={`${cell.th} hidden sm:table-cell`}>
                      Placed
                    </th>
                    <th scope="col" className={`${cell.th} hidden text-right md:table-cell`}>
                      Items
                    </th>
                    <th scope="col" className={cell.th}>
                      Status
                    </th>
                    <th scope="col" className={`${cell.th} text-right`}>
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {orders.orders.map((o) => (
                    <tr key={o.id} className={`${cell.row} hover:bg-slate-50`}>
                      <td className={cell.td}>
                        <Link href={`/admin/orders/${o.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                          #{o.number}
                        </Link>
                        <p className="mt-0.5 text-xs text-slate-500 sm:hidden">{formatDay(o.createdAt)}</p>
                      </td>
                      <td className={`${cell.td} hidden text-slate-700 sm:table-cell`}>{formatDayTime(o.createdAt)}</td>
                      <td className={`${cell.num} hidden text-slate-700 md:table-cell`}>{o.itemCount}</td>
                      <td className={cell.td}>
                        <OrderStatusBadge status={o.status} />
                      </td>
                      <td className={`${cell.num} font-medium text-slate-900`}>
                        {formatMoney(o.totalCents, o.currency)}
                        {!(PAID_ORDER_STATUSES as readonly string[]).includes(o.status) && (
                          <span className="mt-1 block">
                            <Pill>not counted</Pill>
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {orders.pageCount > 1 && (
              <div className="border-t border-slate-200 px-4 py-3 [&>nav]:mt-0">
                <Pagination page={orders.page} pageCount={orders.pageCount} basePath={`/admin/customers/${stats.id}`} params={[]} />
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
