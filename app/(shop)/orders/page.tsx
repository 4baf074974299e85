import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Container } from '@/components/ui/container';
import { buttonStyles } from '@/components/ui/button-styles';
import { getDb } from '@/db/client';
import { formatMoney } from '@/lib/money';
import { listOrders } from '@/lib/orders/view';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your orders' };

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const LIMIT = 100;

export default async function OrdersPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?callbackUrl=/orders');
  const { orders, total } = await listOrders(getDb(), { userId: user.id, offset: 0, limit: LIMIT });
  const waiting = orders.filter((o) => o.status === 'pending_payment').length;

  return (
    <Container className="max-w-4xl py-8 sm:py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your orders</h1>
      {orders.length === 0 ? (
        <div className="mt-8 flex flex-col items-center rounded-2xl border border-dashed border-slate-300 px-6 py-14 text-center" data-testid="no-orders">
          <h2 className="text-lg font-semibold text-slate-900">No orders yet</h2>
          <p className="mt-1 max-w-sm text-sm text-slate-600">When you place an order, you can follow it here, from payment to your door.</p>
          <Link href="/" className={`${buttonStyles.primary} mt-6`}>
            Start shopping
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-600">
            {total} {total === 1 ? 'order' : 'orders'}
            {waiting > 0 && <> · {waiting} waiting for payment</>}
            {total > orders.length && <> · showing the latest {orders.length}</>}
          </p>
          <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white" data-testid="order-list">
            {orders.map((order) => (
              <li key={order.id} className="relative flex items-center gap-4 p-4 transition hover:bg-slate-50 sm:px-5" data-testid="order-row" data-order-id={order.id}>
                <div className="flex min-w-0 flex-1 flex-col gap-1 sm:flex-row sm:items-center sm:gap-6">
                  <div className="min-w-0 sm:flex-1">
                    <Link
                      href={`/orders/${order.id}`}
                      className="font-semibold text-slate-900 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-brand-600"
                    >
                      Order #{order.number}
                    </Link>
                    <p className="text-sm text-slate-600">
                      <time dateTime={order.createdAt.toISOString()}>{dateFormat.format(order.createdAt)}</time> · {order.itemCount}{' '}
                      {order.itemCount === 1 ? 'item' : 'items'}
                      {order.archived && <span data-testid="order-archived"> · archived</span>}
                    </p>
                  </div>
                  <div className="flex items-center justify-between gap-4 sm:contents">
                    <OrderStatusBadge status={order.status} />
                    <p className="font-semibold tabular-nums text-slate-900 sm:w-24 sm:text-right">{formatMoney(order.totalCents, order.currency)}</p>
                  </div>
                </div>
                <span aria-hidden className="text-slate-400">
                  ›
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Container>
  );
}
