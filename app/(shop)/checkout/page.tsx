import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { CheckoutItems } from '@/components/checkout/checkout-items';
import { CheckoutForm } from '@/components/checkout/checkout-form';
import { CheckoutSteps } from '@/components/checkout/checkout-steps';
import { CartIcon } from '@/components/layout/icons';
import { Container } from '@/components/ui/container';
import { buttonStyles } from '@/components/ui/button-styles';
import { getDb } from '@/db/client';
import { findOpenUserCart } from '@/lib/cart/store';
import { loadCart } from '@/lib/cart/view';
import { track } from '@/lib/analytics/recorder';
import { ratesFromEnv } from '@/lib/checkout/rates';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Checkout' };

/** The countries the shop has a tax rate for are the ones it delivers to; the default one first. */
function deliveryCountries(taxBasisPoints: Record<string, number>, defaultCountry: string): [string, string][] {
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const codes = [...new Set([defaultCountry, ...Object.keys(taxBasisPoints)])];
  const named = codes.map((code): [string, string] => [code, names.of(code) ?? code]);
  return [named[0]!, ...named.slice(1).sort((a, b) => a[1].localeCompare(b[1]))];
}

export default async function CheckoutPage() {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in?callbackUrl=/checkout');
  // A page only reads: no cart yet means nothing to check out.
  const cartId = await findOpenUserCart(getDb(), user.id);
  const cart = cartId ? await loadCart(getDb(), cartId) : null;
  if (cart && cart.lines.length > 0) track({ type: 'checkout_started', userId: user.id, data: { cartId: cart.id, items: cart.itemCount } });
  const rates = ratesFromEnv();

  if (!cart || cart.lines.length === 0) {
    return (
      <Container className="max-w-xl py-16">
        <div className="flex flex-col items-center rounded-2xl border border-dashed border-slate-300 px-6 py-14 text-center" data-testid="checkout-empty">
          <span className="grid size-14 place-items-center rounded-full bg-slate-100 text-slate-500">
            <CartIcon className="size-7" />
          </span>
          <h1 className="mt-4 text-2xl font-bold tracking-tight text-slate-900">Your cart is empty</h1>
          <p className="mt-2 max-w-sm text-sm text-slate-600">
            Add something to your cart, then come back to check out. Just placed an order? It’s in your orders.
          </p>
          <div className="mt-6 flex flex-wrap justify-center gap-3">
            <Link href="/" className={buttonStyles.primary}>
              Browse the shop
            </Link>
            <Link href="/orders" className={`${buttonStyles.secondary} py-3`}>
              Your orders
            </Link>
          </div>
        </div>
      </Container>
    );
  }

  return (
    <Container className="py-8 sm:py-10">
      <CheckoutSteps current="details" />
      <div className="mt-6 flex flex-wrap items-baseline justify-between gap-x-6 gap-y-2">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Checkout</h1>
        <Link href="/cart" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          ← Back to your cart
        </Link>
      </div>
      {cart.problems > 0 && (
        <div role="alert" className="mt-6 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          {cart.problems === 1 ? 'One item in your cart is' : `${cart.problems} items in your cart are`} sold out, short or no longer sold,
          so the order can’t be placed as it is.{' '}
          <Link href="/cart" className="font-semibold underline underline-offset-2">
            Review your cart
          </Link>
          .
        </div>
      )}
      <div className="mt-6">
        <CheckoutForm
          cartId={cart.id}
          initialTotals={cart.totals}
          defaultName={user.name ?? ''}
          countries={deliveryCountries(rates.taxBasisPoints, rates.defaultCountry)}
          standardCents={rates.shippingFlatCents}
          expressSurchargeCents={rates.expressSurchargeCents}
          freeShippingOverCents={rates.freeShippingOverCents}
          items={<CheckoutItems lines={cart.lines} />}
          itemCount={cart.itemCount}
        />
      </div>
    </Container>
  );
}
