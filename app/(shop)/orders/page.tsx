import Link from 'next/link';
import { redirect } from 'next/navigation';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Container } from '@/components/ui/container';
import { buttonStyles } from '@/components/ui/button-styles';
import { getDb } from '@/db/client';
import { formatMoney } from '@/lib/money';
import { listOrders } from '@/lib/orders/view';
import { getCurrentUser } from '@/lib/session/current-user';

export const metadata = { title: 'Your orders' };

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

export default async function OrdersPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?callbackUrl=/orders');
  const { orders } = await listOrders(getDb(), { userId: user.id, offset: 0, limit: 100 });

  return (
    <Container className="max-w-4xl py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your orders</h1>
      {orders.length === 0 ? (
        <div className="mt-8 rounded-2xl border border-dashed border-slate-300 p-10 text-center">
          <p className="text-slate-700">You haven’t ordered anything yet.</p>
          <Link href="/" className={`${buttonStyles.primary} mt-5`}>
            Start shopping
          </Link>
        </div>
      ) : (
        <ul className="mt-8 divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white" data-testid="order-list">
          {orders.map((order) => (
            <li key={order.id} className="relative flex flex-wrap items-center gap-x-6 gap-y-2 p-4 hover:bg-slate-50">
              <div className="min-w-0 flex-1">
                <Link href={`/orders/${order.id}`} className="font-semibold text-slate-900 after:absolute after:inset-0">
                  Order #{order.number}
                </Link>
                <p className="text-sm text-slate-600">
                  {dateFormat.format(order.createdAt)} · {order.itemCount} {order.itemCount === 1 ? 'item' : 'items'}
                </p>
              </div>
              <OrderStatusBadge status={order.status} />
              <p className="w-24 text-right font-medium tabular-nums">{formatMoney(order.totalCents, order.currency)}</p>
            </li>
          ))}
        </ul>
      )}
    </Container>
  );
}
