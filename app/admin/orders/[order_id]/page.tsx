import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AdminOrderTimeline } from '@/components/admin/orders/admin-order-timeline';
import { Card, PageHeader } from '@/components/admin/orders/dashboard-ui';
import { formatDay, formatDayTime } from '@/components/admin/orders/format';
import { OrderActions } from '@/components/admin/orders/order-actions';
import { PaymentPanel } from '@/components/admin/orders/payment-panel';
import { ReservationsTable } from '@/components/admin/orders/reservations-table';
import { OrderTotals } from '@/components/orders/order-totals';
import { OrderStatusBadge, orderStatusText } from '@/components/orders/status-badge';
import { getDb } from '@/db/client';
import { formatMoney } from '@/lib/money';
import { loadAdminOrder } from '@/lib/orders/admin-orders';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ order_id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { order_id } = await params;
  // Metadata renders alongside the page (and streams after it): it checks for itself too.
  await requireStaff(`/admin/orders/${order_id}`);
  const order = await loadAdminOrder(getDb(), order_id).catch(() => null);
  return { title: order ? `Order #${order.number}` : 'Order' };
}

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });
function countryName(code: string): string {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export default async function AdminOrderPage({ params }: Props) {
  const { order_id } = await params;
  await requireStaff(`/admin/orders/${order_id}`);
  const order = await loadAdminOrder(getDb(), order_id);
  if (!order) notFound();

  const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const paid = order.paymentDetail?.status === 'succeeded';
  const money = (cents: number) => formatMoney(cents, order.currency);
  const address = order.shippingAddress;

  return (
    <>
      <PageHeader
        back={{ href: '/admin/orders', label: 'Orders' }}
        title={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-2">
            Order #{order.number}
            <OrderStatusBadge status={order.status} size="md" />
            {order.archived && (
              <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200" data-testid="order-archived" title="Archived: kept for your records, no longer changes">
                Archived
              </span>
            )}
          </span>
        }
        description={
          <>
            Placed {formatDayTime(order.createdAt)} · {units} {units === 1 ? 'item' : 'items'} · {money(order.totalCents)}
            {order.customer && (
              <>
                {' · '}
                <Link href={`/admin/customers/${order.customer.id}`} className="font-medium text-brand-700 hover:underline">
                  {order.customer.name || order.customer.email}
                </Link>
              </>
            )}
          </>
        }
      />

      {/* On a phone the next step comes first; on a wide screen it sits beside the order. */}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <aside className="space-y-6 lg:order-2" aria-label="Fulfilment and customer">
          <Card title="Next step" id="next-step">
            <OrderActions
              orderId={order.id}
              allowed={order.allowedActions}
              statusText={orderStatusText(order.status)}
              refundText={paid && order.paymentDetail ? formatMoney(order.paymentDetail.amountCents, order.paymentDetail.currency) : null}
            />
          </Card>

          <Card title="Shipment" id="shipment">
            {order.shipments.length === 0 ? (
              <p className="text-sm text-slate-600">{order.shippingMethod === 'express' ? 'Express delivery' : 'Standard delivery'} · not shipped yet.</p>
            ) : (
              <ul className="space-y-3 text-sm" data-testid="shipments">
                {order.shipments.map((s) => (
                  <li key={s.trackingNumber}>
                    <p className="font-medium text-slate-900">{s.carrier}</p>
                    <p className="break-all font-mono text-slate-700" data-testid="tracking-number">
                      {s.trackingNumber}
                    </p>
                    <p className="mt-0.5 text-xs text-slate-500">
                      Shipped {formatDayTime(s.shippedAt)}
                      {s.deliveredAt ? ` · delivered ${formatDayTime(s.deliveredAt)}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card title="Customer" id="customer">
            <div className="space-y-3 text-sm">
              {order.customer ? (
                <div>
                  <Link href={`/admin/customers/${order.customer.id}`} className="font-medium text-brand-700 hover:underline">
                    {order.customer.name || order.customer.email}
                  </Link>
                  {order.customer.name && <p className="break-all text-slate-600">{order.customer.email}</p>}
                  <p className="mt-0.5 text-xs text-slate-500">
                    {order.customer.orderCount} {order.customer.orderCount === 1 ? 'order' : 'orders'} · customer since {formatDay(order.customer.since)}
                  </p>
                </div>
              ) : (
                <p className="break-all text-slate-700">{order.email || 'Guest'} · account deleted</p>
              )}
              {address && (
                <address className="border-t border-slate-100 pt-3 not-italic leading-relaxed text-slate-700">
                  {address.name}
                  <br />
                  {address.line1}
                  {address.line2 && (
                    <>
                      <br />
                      {address.line2}
                    </>
                  )}
                  <br />
                  {address.postalCode} {address.city}
                  <br />
                  {countryName(address.country)}
                  {address.phone && (
                    <>
                      <br />
                      {address.phone}
                    </>
                  )}
                </address>
              )}
            </div>
          </Card>
        </aside>
        <div className="space-y-6 lg:order-1">
          <Card title="Items" id="items" flush>
            <ul className="divide-y divide-slate-100">
              {order.items.map((item) => (
                <li key={item.variantId} className="flex items-start justify-between gap-4 px-4 py-3 text-sm sm:px-5" data-testid="order-item">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{item.name}</p>
                    <p className="mt-0.5 text-slate-600">
                      {item.quantity} × {money(item.unitPriceCents)}
                    </p>
                    <p className="mt-0.5 break-all font-mono text-xs text-slate-500">SKU {item.sku}</p>
                  </div>
                  <p className="font-medium tabular-nums text-slate-900">{money(item.unitPriceCents * item.quantity)}</p>
                </li>
              ))}
            </ul>
            <div className="border-t border-slate-200 bg-slate-50 px-4 py-4 sm:px-5">
              <OrderTotals totals={order} promoCode={order.promoCode} />
            </div>
          </Card>

          <Card title="Payment" id="payment">
            <PaymentPanel payment={order.paymentDetail} refunds={order.refunds} />
          </Card>

          <Card title="Reserved stock" id="reservations" description="Where the units come from: warehouse and stock bucket." flush>
            <ReservationsTable reservations={order.reservations} />
          </Card>

          <Card title="Timeline" id="timeline" description="Newest first.">
            <div className="pl-1.5">
              <AdminOrderTimeline events={order.timeline} />
            </div>
          </Card>
        </div>

      </div>
    </>
  );
}
