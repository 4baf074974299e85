import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { buttonStyles } from '@/components/ui/button-styles';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { payStateFor } from '@/lib/payments/pay-page';
import { lastPaymentFailure } from '@/lib/payments/failures';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Payment failed' };

const EXPLAIN: Record<string, string> = {
  insufficient_funds: 'Your bank says there are not enough funds on the card.',
  generic_decline: 'Your bank declined the card.',
  card_declined: 'Your bank declined the card.',
};

export default async function PaymentFailedPage({ params }: { params: Promise<{ order_id: string }> }) {
  const { order_id } = await params;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/pay/${order_id}/failed`)}`);
  const id = idSchema.safeParse(order_id);
  const state = id.success ? await payStateFor(id.data, user.id) : null;
  if (!state) notFound();
  if (state.kind === 'paid') redirect(`/pay/${state.order.id}/success`);
  const reason = await lastPaymentFailure(getDb(), state.order.id);

  return (
    <Container className="max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold tracking-tight" data-testid="payment-result">
        Your payment didn’t go through
      </h1>
      <p className="mt-3 text-slate-600">
        {(reason && EXPLAIN[reason]) ?? 'The payment was not completed.'} Nothing was charged, and the items are no longer held for you.
      </p>
      {state.kind === 'payable' ? (
        <>
          <p className="mt-2 text-slate-600">You can try again with the same order while there is time left; we’ll reserve the items again if they’re still in stock.</p>
          <Link href={`/pay/${state.order.id}`} className={`${buttonStyles.primary} mt-8`} data-testid="try-again">
            Try again
          </Link>
        </>
      ) : (
        <>
          <p className="mt-2 text-slate-600">{state.why}</p>
          <Link href="/cart" className={`${buttonStyles.primary} mt-8`}>
            Back to your cart
          </Link>
        </>
      )}
    </Container>
  );
}
