import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { CancelOrderButton } from '@/components/orders/cancel-order-button';
import { ExpiryCountdown } from '@/components/orders/expiry-countdown';
import { OrderTimeline } from '@/components/orders/order-timeline';
import { OrderTotals } from '@/components/orders/order-totals';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Container } from '@/components/ui/container';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { formatMoney } from '@/lib/money';
import { shopperMayCancel } from '@/lib/orders/status';
import { loadOrder } from '@/lib/orders/view';
import { getCurrentUser } from '@/lib/session/current-user';

type Props = { params: Promise<{ order_id: string }> };

export const metadata: Metadata = { title: 'Your order' };

export default async function OrderPage({ params }: Props) {
  const { order_id } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/orders/${order_id}`)}`);
  const id = idSchema.safeParse(order_id);
  const order = id.success ? await loadOrder(getDb(), id.data) : null;
  // Someone else's order looks exactly like a missing one.
  if (!order || order.userId !== user.id) notFound();

  const pending = order.status === 'pending_payment';
  return (
    <Container className="max-w-5xl py-10">
      <p className="text-sm">
        <Link href="/orders" className="text-brand-600 hover:underline">
          ← All orders
        </Link>
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Order #{order.number}</h1>
        <OrderStatusBadge status={order.status} />
      </div>

      {pending && order.expiresAt && (
        <div className="mt-6 rounded-2xl border border-amber-200 bg-amber-50 p-5" data-testid="payment-due">
          <h2 className="font-semibold text-amber-900">Your items are reserved — waiting for payment</h2>
          <p className="mt-1 text-sm text-amber-900">
            We hold them for you for <ExpiryCountdown expiresAt={order.expiresAt.toISOString()} />. If the order isn’t paid by then,
            it is cancelled and the items go back on sale.
          </p>
        </div>
      )}
      {order.status === 'cancelled' && order.events.at(-1)?.reason.startsWith('expired') && (
        <p className="mt-6 rounded-2xl border border-slate-200 bg-slate-50 p-5 text-sm text-slate-700" role="status">
          This order expired before it was paid, so its items were released. You can order them again if they’re still in stock.
        </p>
      )}

      <div className="mt-8 grid gap-8 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-8">
          <section aria-labelledby="items-heading">
            <h2 id="items-heading" className="text-lg font-semibold">
              Items
            </h2>
            <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200">
              {order.items.map((item) => (
                <li key={item.variantId} className="flex items-center justify-between gap-4 p-4 text-sm" data-testid="order-item">
                  <div>
                    <p className="font-medium text-slate-900">{item.name}</p>
                    <p className="text-slate-500">
                      SKU {item.sku} · {item.quantity} × {formatMoney(item.unitPriceCents, order.currency)}
                    </p>
                  </div>
                  <p className="font-medium tabular-nums">{formatMoney(item.unitPriceCents * item.quantity, order.currency)}</p>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="text-lg font-semibold">
              Timeline
            </h2>
            <div className="mt-4 pl-2">
              <OrderTimeline events={order.events} />
            </div>
          </section>
        </div>

        <aside className="space-y-6">
          <section className="rounded-2xl border border-slate-200 bg-white p-5" aria-label="Order total">
            <OrderTotals totals={order} promoCode={order.promoCode} />
          </section>
          {order.shippingAddress && (
            <section className="rounded-2xl border border-slate-200 bg-white p-5 text-sm" aria-labelledby="ship-heading">
              <h2 id="ship-heading" className="font-semibold">
                Shipping to
              </h2>
              <address className="mt-2 not-italic text-slate-700">
                {order.shippingAddress.name}
                <br />
                {order.shippingAddress.line1}
                {order.shippingAddress.line2 && (
                  <>
                    <br />
                    {order.shippingAddress.line2}
                  </>
                )}
                <br />
                {order.shippingAddress.postalCode} {order.shippingAddress.city}, {order.shippingAddress.country}
              </address>
              <p className="mt-2 text-slate-500">{order.shippingMethod === 'express' ? 'Express delivery' : 'Standard delivery'}</p>
              {order.shipments.map((s) => (
                <p key={s.trackingNumber} className="mt-2 text-slate-700">
                  {s.carrier} tracking <span className="font-mono">{s.trackingNumber}</span>
                  {s.deliveredAt ? ' · delivered' : ''}
                </p>
              ))}
            </section>
          )}
          {shopperMayCancel(order.status) && <CancelOrderButton orderId={order.id} />}
        </aside>
      </div>
    </Container>
  );
}
