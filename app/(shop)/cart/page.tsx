import type { Metadata } from 'next';
import { CartLineItem } from '@/components/cart/cart-line-item';
import { CartSummary } from '@/components/cart/cart-summary';
import { EmptyCart } from '@/components/cart/empty-cart';
import { CartRecommendations } from '@/components/recommendations/cart-recommendations';
import { Container } from '@/components/ui/container';
import { getDb } from '@/db/client';
import { maxLineQuantity } from '@/lib/cart/limits';
import { loadCart, type CartView } from '@/lib/cart/view';
import { ratesFromEnv } from '@/lib/checkout/rates';
import { currentCartId } from '@/lib/session/cart-cookie';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your cart' };

async function currentCart(): Promise<CartView | null> {
  const cartId = await currentCartId();
  return cartId ? loadCart(getDb(), cartId) : null;
}

export default async function CartPage() {
  const [cart, user] = await Promise.all([currentCart(), getCurrentUser()]);

  return (
    <Container className="py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your cart</h1>
      {!cart || cart.lines.length === 0 ? (
        <EmptyCart signedIn={user !== null} />
      ) : (
        <div className="mt-8 grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-12">
          <section aria-labelledby="cart-items-heading">
            <h2 id="cart-items-heading" className="sr-only">
              Items in your cart
            </h2>
            {cart.problems > 0 && (
              <p className="mb-2 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900">
                {cart.problems === 1 ? 'One item needs' : `${cart.problems} items need`} your attention: see the note on the line.
              </p>
            )}
            <ul className="divide-y divide-slate-200 border-y border-slate-200">
              {cart.lines.map((line) => (
                <CartLineItem key={line.variantId} line={line} lineLimit={maxLineQuantity()} />
              ))}
            </ul>
          </section>
          <div className="w-full sm:ml-auto sm:max-w-md lg:sticky lg:top-32 lg:max-w-none">
            <CartSummary cart={cart} rates={ratesFromEnv()} />
          </div>
        </div>
      )}
      {cart && cart.lines.length > 0 && (
        <div className="mt-16">
          <CartRecommendations productIds={[...new Set(cart.lines.map((line) => line.productId))]} />
        </div>
      )}
    </Container>
  );
}
