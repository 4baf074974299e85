import Link from 'next/link';
import { Card, EmptyState, Notice, PageHeader } from '@/components/admin/orders/dashboard-ui';
import { firstParam, formatDayTime } from '@/components/admin/orders/format';
import { OrderFilters, ordersHref, type OrderFilterValues } from '@/components/admin/orders/order-filters';
import { OrdersTable, type OrderRowView } from '@/components/admin/orders/orders-table';
import { Pagination } from '@/components/catalog/pagination';
import { orderStatusText } from '@/components/orders/status-badge';
import { getDb } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import { formatMoney } from '@/lib/money';
import { listAdminOrders, orderStatusCounts, type AdminOrderList } from '@/lib/orders/admin-orders';
import { isOrderStatus } from '@/lib/orders/status';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Orders' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminOrdersPage({ searchParams }: Props) {
  const params = await searchParams;
  const values: OrderFilterValues = {
    status: firstParam(params.status) || undefined,
    customer: firstParam(params.customer)?.trim() || undefined,
    from: firstParam(params.from) || undefined,
    to: firstParam(params.to) || undefined,
  };
  await requireStaff(ordersHref(values));
  const db = getDb();

  const [counts, outcome] = await Promise.all([
    orderStatusCounts(db),
    listAdminOrders(db, { ...values, page: firstParam(params.page) }).then(
      (list): { list: AdminOrderList; problem?: undefined } => ({ list }),
      (error: unknown): { list?: undefined; problem: ApiError } => {
        // Filters a person typed into the address bar: say what is wrong with them instead of failing.
        if (error instanceof ApiError && error.status === 400) return { problem: error };
        throw error;
      },
    ),
  ]);
  const { problem } = outcome;
  const result = outcome.list ?? null;
  const fieldErrors = (problem?.details?.fields ?? {}) as Record<string, string>;
  const filtered = Boolean(values.status || values.customer || values.from || values.to);

  const rows: OrderRowView[] = (result?.orders ?? []).map((o) => ({
    id: o.id,
    number: o.number,
    status: o.status,
    total: formatMoney(o.totalCents, o.currency),
    placed: formatDayTime(o.createdAt),
    placedIso: o.createdAt.toISOString(),
    email: o.email,
    customerName: o.customerName,
    itemCount: o.itemCount,
    flaggedReason: o.flaggedReason,
    archived: o.archived,
  }));

  const toDo = counts.confirmed;
  return (
    <>
      <PageHeader
        title="Orders"
        description={
          toDo > 0 ? (
            <>
              <strong className="font-semibold text-slate-900">{toDo.toLocaleString('en-US')}</strong> paid {toDo === 1 ? 'order is' : 'orders are'} waiting to be packed.{' '}
              {values.status !== 'confirmed' && (
                <Link href={ordersHref({ status: 'confirmed' })} className="font-medium text-brand-700 hover:underline">
                  Show {toDo === 1 ? 'it' : 'them'}
                </Link>
              )}
            </>
          ) : (
            'Every paid order is on its way. New orders show up here as soon as they are paid.'
          )
        }
      />

      <OrderFilters values={values} counts={counts} fieldErrors={fieldErrors} />

      {problem && (
        <Notice tone="error" title="Those filters don’t work" className="mt-4">
          {Object.entries(fieldErrors)
            .map(([field, message]) => `${{ from: 'Placed from', to: 'Placed until', customer: 'Customer', status: 'Status', page: 'Page' }[field] ?? field} ${message}.`)
            .join(' ')}{' '}
          <Link href="/admin/orders" className="font-semibold underline">
            Show all orders
          </Link>
        </Notice>
      )}

      {result && (
        <Card className="mt-4 overflow-hidden" flush>
          {rows.length === 0 ? (
            <EmptyState
              title={filtered ? 'No orders match these filters' : 'No orders yet'}
              testId="orders-empty"
              action={
                filtered ? (
                  <Link href="/admin/orders" className="font-medium text-brand-700 hover:underline">
                    Clear the filters
                  </Link>
                ) : undefined
              }
            >
              {filtered
                ? `Nothing ${values.status ? `${orderStatusText(isOrderStatus(values.status) ? values.status : 'confirmed').toLowerCase()} ` : ''}was found${values.customer ? ` for “${values.customer}”` : ''}${values.from || values.to ? ' in that period' : ''}.`
                : 'When shoppers check out, their orders appear here, newest first.'}
            </EmptyState>
          ) : (
            <>
              <OrdersTable rows={rows} />
              <div className="flex flex-col items-center justify-between gap-2 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 sm:flex-row">
                <p>
                  {result.total === 0
                    ? ''
                    : `Showing ${((result.page - 1) * result.limit + 1).toLocaleString('en-US')}–${Math.min(result.page * result.limit, result.total).toLocaleString('en-US')} of ${result.total.toLocaleString('en-US')}`}
                </p>
                <div className="[&>nav]:mt-0">
                  <Pagination page={result.page} pageCount={result.pageCount} basePath="/admin/orders" params={Object.entries(values).filter((e): e is [string, string] => Boolean(e[1]))} />
                </div>
              </div>
            </>
          )}
        </Card>
      )}
    </>
  );
}
