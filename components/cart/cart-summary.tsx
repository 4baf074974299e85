import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import type { Rates } from '@/lib/checkout/rates';
import type { CartView } from '@/lib/cart/view';
import { formatMoney } from '@/lib/money';
import { PromoCodeForm } from './promo-code-form';

/** Subtotal, discount, tax, shipping and total, with the promo code form. */
export function CartSummary({ cart, rates }: { cart: CartView; rates: Pick<Rates, 'freeShippingOverCents'> }) {
  const { totals } = cart;
  const money = (cents: number) => formatMoney(cents, totals.currency);
  const afterDiscount = totals.subtotalCents - totals.discountCents;
  const toFreeShipping = totals.shippingCents > 0 ? rates.freeShippingOverCents - afterDiscount : 0;

  return (
    <section aria-labelledby="summary-heading" className="rounded-2xl border border-slate-200 bg-slate-50 p-5 sm:p-6">
      <h2 id="summary-heading" className="text-lg font-semibold text-slate-900">
        Order summary
      </h2>
      <dl className="mt-4 flex flex-col gap-3 text-sm">
        <Row label={`Subtotal (${cart.itemCount} ${cart.itemCount === 1 ? 'item' : 'items'})`}>{money(totals.subtotalCents)}</Row>
        {totals.discountCents > 0 && totals.promotion?.applied && (
          <Row label={<>Discount <span className="font-mono text-xs">({totals.promotion.code})</span></>} className="text-emerald-800">
            <span data-testid="cart-discount">−{money(totals.discountCents)}</span>
          </Row>
        )}
        <Row label={`Tax${totals.taxRateBasisPoints > 0 ? ` (${totals.taxRateBasisPoints / 100}%)` : ''}`}>{money(totals.taxCents)}</Row>
        <Row label="Shipping">
          <span data-testid="cart-shipping">{totals.shippingCents === 0 && totals.subtotalCents > 0 ? 'Free' : money(totals.shippingCents)}</span>
        </Row>
        {toFreeShipping > 0 && (
          <p className="-mt-1 text-xs text-slate-600" data-testid="free-shipping-hint">
            Add {money(toFreeShipping)} for free shipping
          </p>
        )}
        <div className="flex items-baseline justify-between border-t border-slate-200 pt-3 text-base font-semibold text-slate-900">
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="cart-total">
            {money(totals.totalCents)}
          </dd>
        </div>
      </dl>
      {cart.lines.length > 0 && (
        <div className="mt-5">
          {cart.problems > 0 ? (
            <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900" role="status">
              Fix the items marked above before checking out.
            </p>
          ) : (
            <Link href="/checkout" className={`${buttonStyles.primary} w-full`} data-testid="checkout-link">
              Check out
            </Link>
          )}
        </div>
      )}
      <div className="mt-6 border-t border-slate-200 pt-5">
        <PromoCodeForm code={cart.promoCode} promotion={totals.promotion} />
      </div>
    </section>
  );
}

function Row({ label, children, className = 'text-slate-700' }: { label: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={`flex items-baseline justify-between gap-4 ${className}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{children}</dd>
    </div>
  );
}
