import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { Container } from '@/components/ui/container';
import { buttonStyles } from '@/components/ui/button-styles';
import { idSchema } from '@/lib/api/ids';
import { formatMoney } from '@/lib/money';
import { payStateFor } from '@/lib/payments/pay-page';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Thank you' };

export default async function PaymentSuccessPage({ params }: { params: Promise<{ order_id: string }> }) {
  const { order_id } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/pay/${order_id}/success`)}`);
  const id = idSchema.safeParse(order_id);
  const state = id.success ? await payStateFor(id.data, user.id) : null;
  if (!state) notFound();
  const { order } = state;
  const paid = state.kind === 'paid';

  return (
    <Container className="max-w-xl py-16 text-center">
      <p aria-hidden className="mx-auto grid size-14 place-items-center rounded-full bg-emerald-100 text-2xl text-emerald-700">
        {paid ? '✓' : '…'}
      </p>
      <h1 className="mt-4 text-3xl font-bold tracking-tight" data-testid="payment-result">
        {paid ? 'Thank you — your order is confirmed' : 'We’re confirming your payment'}
      </h1>
      <p className="mt-3 text-slate-600">
        {paid
          ? `We received ${formatMoney(order.totalCents, order.currency)} for order #${order.number}. We’ll let you know when it ships.`
          : 'Your bank has not told us yet. This page shows the latest once it has; you can also follow the order from your orders.'}
      </p>
      <div className="mt-4 flex justify-center">
        <OrderStatusBadge status={order.status} />
      </div>
      <div className="mt-8 flex justify-center gap-3">
        <Link href={`/orders/${order.id}`} className={buttonStyles.primary}>
          View your order
        </Link>
        <Link href="/" className={buttonStyles.secondary}>
          Keep shopping
        </Link>
      </div>
    </Container>
  );
}
