import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { OrderTotals } from '@/components/orders/order-totals';
import { ExpiryCountdown } from '@/components/orders/expiry-countdown';
import { SimulatedCardForm } from '@/components/pay/simulated-card-form';
import { Container } from '@/components/ui/container';
import { buttonStyles } from '@/components/ui/button-styles';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { formatMoney } from '@/lib/money';
import { paymentProvider } from '@/lib/payments/config';
import { payStateFor } from '@/lib/payments/pay-page';
import { startPayment } from '@/lib/payments/start-payment';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Pay' };

type Props = { params: Promise<{ order_id: string }> };

export default async function PayPage({ params }: Props) {
  const { order_id } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/pay/${order_id}`)}`);
  const id = idSchema.safeParse(order_id);
  const state = id.success ? await payStateFor(id.data, user.id) : null;
  if (!state) notFound();
  if (state.kind === 'paid') redirect(`/pay/${state.order.id}/success`);
  const { order } = state;

  if (state.kind === 'closed') {
    return (
      <Container className="max-w-xl py-16 text-center">
        <h1 className="text-3xl font-bold tracking-tight">This order can’t be paid</h1>
        <p className="mt-3 text-slate-600">{state.why} Nothing was charged.</p>
        <div className="mt-8 flex justify-center gap-3">
          <Link href={`/orders/${order.id}`} className={buttonStyles.secondary}>
            View the order
          </Link>
          <Link href="/" className={buttonStyles.primary}>
            Back to the shop
          </Link>
        </div>
      </Container>
    );
  }

  // Stripe hosts its own card form: send the shopper there (the same session on every visit).
  if (paymentProvider().name === 'stripe') {
    const { checkoutUrl } = await startPayment(getDb(), order.id);
    redirect(checkoutUrl);
  }

  return (
    <Container className="grid max-w-4xl gap-8 py-10 md:grid-cols-[1fr_18rem]">
      <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6" aria-labelledby="pay-heading">
        <p className="text-xs font-semibold uppercase tracking-wider text-slate-500">Stockwise Pay · simulated</p>
        <h1 id="pay-heading" className="mt-1 text-2xl font-bold tracking-tight">
          {state.retry ? 'Try the payment again' : 'Pay for your order'}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Order #{order.number} · time left to pay: {order.expiresAt && <ExpiryCountdown expiresAt={order.expiresAt.toISOString()} />}
        </p>
        <div className="mt-6">
          <SimulatedCardForm orderId={order.id} amountLabel={formatMoney(order.totalCents, order.currency)} />
        </div>
      </section>
      <aside className="h-fit rounded-2xl border border-slate-200 bg-slate-50 p-5" aria-label="Order summary">
        <ul className="mb-4 space-y-1 text-sm text-slate-700">
          {order.items.map((item) => (
            <li key={item.variantId}>
              {item.quantity} × {item.name}
            </li>
          ))}
        </ul>
        <OrderTotals totals={order} promoCode={order.promoCode} />
      </aside>
    </Container>
  );
}
