import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { Container } from '@/components/ui/container';
import { buttonStyles } from '@/components/ui/button-styles';
import { getDb } from '@/db/client';
import { getOrCreateUserCart } from '@/lib/cart/store';
import { loadCart } from '@/lib/cart/view';
import { ratesFromEnv } from '@/lib/checkout/rates';
import { formatMoney } from '@/lib/money';
import { getCurrentUser } from '@/lib/session/current-user';

export const metadata = { title: 'Checkout' };

export default async function CheckoutPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?callbackUrl=/checkout');
  const cart = await loadCart(getDb(), await getOrCreateUserCart(getDb(), user.id));
  const rates = ratesFromEnv();

  if (cart.lines.length === 0) {
    return (
      <Container className="max-w-xl py-16 text-center">
        <h1 className="text-3xl font-bold tracking-tight">Your cart is empty</h1>
        <p className="mt-3 text-slate-600">Add something to your cart, then come back to check out.</p>
        <Link href="/" className={`${buttonStyles.primary} mt-8`}>
          Browse the shop
        </Link>
      </Container>
    );
  }

  return (
    <Container className="py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Checkout</h1>
      {cart.problems > 0 && (
        <div role="alert" className="mt-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          Some items in your cart are sold out, short or no longer sold. Placing the order will fail for them —{' '}
          <Link href="/cart" className="font-medium underline">
            review your cart
          </Link>
          .
        </div>
      )}
      <section aria-label="Items" className="mt-6 rounded-2xl border border-slate-200 bg-white p-5">
        <ul className="divide-y divide-slate-100 text-sm">
          {cart.lines.map((line) => (
            <li key={line.variantId} className="flex justify-between gap-4 py-2">
              <span>
                {line.quantity} × {line.name} <span className="text-slate-500">({line.variantTitle})</span>
              </span>
              <span className="tabular-nums">{formatMoney(line.lineTotalCents, line.currency)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-3 text-sm">
          <Link href="/cart" className="text-brand-600 hover:underline">
            Edit cart
          </Link>
        </p>
      </section>
      <div className="mt-8">
        <CheckoutForm
          initialTotals={cart.totals}
          defaultName={user.name ?? ''}
          standardCents={rates.shippingFlatCents}
          expressSurchargeCents={rates.expressSurchargeCents}
          freeShippingOverCents={rates.freeShippingOverCents}
        />
      </div>
    </Container>
  );
}
