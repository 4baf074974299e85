import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button-styles';
import { notFound, redirect } from 'next/navigation';
import { CancelOrderButton } from '@/components/orders/cancel-order-button';
import { ExpiryCountdown } from '@/components/orders/expiry-countdown';
import { OrderProgress } from '@/components/orders/order-progress';
import { OrderTimeline } from '@/components/orders/order-timeline';
import { OrderTotals } from '@/components/orders/order-totals';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Container } from '@/components/ui/container';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { formatMoney } from '@/lib/money';
import { shopperMayCancel } from '@/lib/orders/status';
import { loadOrder, type OrderDetail } from '@/lib/orders/view';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ order_id: string }> };

export const metadata: Metadata = { title: 'Your order' };

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const timeFormat = new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'UTC' });
const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

export default async function OrderPage({ params }: Props) {
  const { order_id } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/orders/${order_id}`)}`);
  const id = idSchema.safeParse(order_id);
  const order = id.success ? await loadOrder(getDb(), id.data) : null;
  // Someone else's order looks exactly like a missing one.
  if (!order || order.userId !== user.id) notFound();

  const pending = order.status === 'pending_payment';
  const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
  return (
    <Container className="max-w-5xl py-8 sm:py-10">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/orders" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          ← Your orders
        </Link>
      </nav>
      <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Order #{order.number}</h1>
        <OrderStatusBadge status={order.status} size="md" />
        {order.archived && (
          <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200" data-testid="order-archived">
            Archived
          </span>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Placed on <time dateTime={order.createdAt.toISOString()}>{dateFormat.format(order.createdAt)}</time> at{' '}
        {timeFormat.format(order.createdAt)} UTC · {units} {units === 1 ? 'item' : 'items'} · {formatMoney(order.totalCents, order.currency)}
      </p>
      <OrderProgress status={order.status} />

      {pending && order.expiresAt && (
        <section
          aria-labelledby="payment-due-heading"
          className="mt-6 flex flex-col gap-4 rounded-2xl border border-amber-200 bg-amber-50 p-5 sm:flex-row sm:items-center sm:justify-between sm:p-6"
          data-testid="payment-due"
        >
          <div>
            <h2 id="payment-due-heading" className="font-semibold text-amber-950">
              Your items are reserved — waiting for payment
            </h2>
            <p className="mt-1 max-w-prose text-sm text-amber-900">
              Nobody else can buy them while we hold them for you. If the order isn’t paid in time, it is cancelled, nothing is
              charged and the items go back on sale.
            </p>
            <Link href={`/pay/${order.id}`} className={`${buttonStyles.primary} mt-4`} data-testid="pay-now">
              Pay now
            </Link>
          </div>
          <div className="shrink-0 rounded-xl bg-white px-4 py-3 text-center ring-1 ring-amber-200 sm:min-w-36">
            <p className="text-xs font-medium uppercase tracking-wide text-amber-800">Time left to pay</p>
            <p className="mt-0.5 text-2xl text-slate-900">
              <ExpiryCountdown expiresAt={order.expiresAt.toISOString()} />
            </p>
          </div>
        </section>
      )}
      <StatusNote order={order} />

      <div className="mt-8 grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-10">
        <div className="space-y-8">
          <section aria-labelledby="items-heading" className="overflow-hidden rounded-2xl border border-slate-200 bg-white">
            <h2 id="items-heading" className="border-b border-slate-200 px-5 py-4 text-lg font-semibold text-slate-900">
              Items
            </h2>
            <ul className="divide-y divide-slate-200">
              {order.items.map((item) => (
                <li key={item.variantId} className="flex items-start justify-between gap-4 px-5 py-4 text-sm" data-testid="order-item" data-item-id={item.variantId}>
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{item.name}</p>
                    <p className="mt-0.5 text-slate-600">
                      {item.quantity} × {formatMoney(item.unitPriceCents, order.currency)}
                    </p>
                    <p className="mt-0.5 break-all font-mono text-xs text-slate-500">SKU {item.sku}</p>
                  </div>
                  <p className="font-medium tabular-nums text-slate-900">{formatMoney(item.unitPriceCents * item.quantity, order.currency)}</p>
                </li>
              ))}
            </ul>
            <div className="border-t border-slate-200 bg-slate-50 px-5 py-4">
              <h3 className="sr-only">Order total</h3>
              <OrderTotals totals={order} promoCode={order.promoCode} />
            </div>
          </section>

          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="text-lg font-semibold text-slate-900">
              Timeline
            </h2>
            <div className="mt-4 pl-1.5">
              <OrderTimeline events={order.events} />
            </div>
          </section>
        </div>

        <aside className="space-y-6" aria-label="Delivery and changes">
          {order.shippingAddress && (
            <section className="rounded-2xl border border-slate-200 bg-white p-5 text-sm" aria-labelledby="ship-heading">
              <h2 id="ship-heading" className="font-semibold text-slate-900">
                Delivery
              </h2>
              <address className="mt-2 not-italic leading-relaxed text-slate-700">
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
                {order.shippingAddress.postalCode} {order.shippingAddress.city}
                <br />
                {countryName(order.shippingAddress.country)}
                {order.shippingAddress.phone && (
                  <>
                    <br />
                    {order.shippingAddress.phone}
                  </>
                )}
              </address>
              <p className="mt-3 border-t border-slate-100 pt-3 text-slate-600">
                {order.shippingMethod === 'express' ? 'Express delivery · next business day' : 'Standard delivery · 3–5 business days'}
              </p>
              {order.shipments.map((s) => (
                <p key={s.trackingNumber} className="mt-2 text-slate-700">
                  {s.carrier} tracking <span className="break-all font-mono">{s.trackingNumber}</span>
                  {s.deliveredAt ? ' · delivered' : ''}
                </p>
              ))}
            </section>
          )}
          <section className="rounded-2xl border border-slate-200 bg-white p-5 text-sm" aria-labelledby="help-heading">
            <h2 id="help-heading" className="font-semibold text-slate-900">
              {shopperMayCancel(order.status) ? 'Changed your mind?' : 'Questions about this order?'}
            </h2>
            <p className="mt-1 text-slate-600">
              {shopperMayCancel(order.status)
                ? 'You can cancel until the order ships.'
                : `Quote order #${order.number} when you contact us, and we’ll help.`}
            </p>
            {shopperMayCancel(order.status) && (
              <div className="mt-4">
                <CancelOrderButton orderId={order.id} paid={!pending} />
              </div>
            )}
          </section>
        </aside>
      </div>
    </Container>
  );
}

function countryName(code: string): string {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A line about why the order stopped, for orders that did. */
function StatusNote({ order }: { order: OrderDetail }) {
  const last = order.events.at(-1);
  let text: string | null = null;
  if (order.status === 'cancelled') {
    if (last?.reason.startsWith('expired')) {
      text = 'This order expired before it was paid, so its items were released and nothing was charged. You can order them again if they’re still in stock.';
    } else if (last?.actor === 'shopper') {
      text = `You cancelled this order${last.from === 'pending_payment' ? '; nothing was charged' : ' and your payment is being refunded'}. Its items went back on sale.`;
    } else {
      text = `The shop cancelled this order${last?.from === 'pending_payment' ? '; nothing was charged' : ' and your payment is being refunded'}.`;
    }
  } else if (order.status === 'payment_failed') {
    text = 'The payment didn’t go through, so the order was not placed and its items were released. Nothing was charged.';
  } else if (order.status === 'refunded') {
    text = 'This order was returned and refunded.';
  }
  if (!text) return null;
  return (
    <p role="status" className="mt-6 rounded-2xl border border-slate-200 bg-slate-50 p-5 text-sm text-slate-700" data-testid="order-note">
      {text}
    </p>
  );
}
