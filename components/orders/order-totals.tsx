import { formatMoney } from '@/lib/money';

type Amounts = { subtotalCents: number; discountCents: number; taxCents: number; shippingCents: number; totalCents: number; currency: string };

/** Subtotal, discount, tax, shipping, total: the same rows on the checkout, order and confirmation pages. */
export function OrderTotals({ totals, promoCode, taxRateBasisPoints }: { totals: Amounts; promoCode?: string | null; taxRateBasisPoints?: number }) {
  const money = (cents: number) => formatMoney(cents, totals.currency);
  return (
    <dl className="space-y-2 text-sm">
      <div className="flex justify-between">
        <dt className="text-slate-600">Subtotal</dt>
        <dd className="tabular-nums">{money(totals.subtotalCents)}</dd>
      </div>
      {totals.discountCents > 0 && (
        <div className="flex justify-between text-emerald-700">
          <dt>Discount{promoCode ? ` (${promoCode})` : ''}</dt>
          <dd className="tabular-nums">−{money(totals.discountCents)}</dd>
        </div>
      )}
      <div className="flex justify-between">
        <dt className="text-slate-600">Tax{taxRateBasisPoints ? ` (${taxRateBasisPoints / 100}%)` : ''}</dt>
        <dd className="tabular-nums">{money(totals.taxCents)}</dd>
      </div>
      <div className="flex justify-between">
        <dt className="text-slate-600">Shipping</dt>
        <dd className="tabular-nums">{totals.shippingCents === 0 ? 'Free' : money(totals.shippingCents)}</dd>
      </div>
      <div className="flex justify-between border-t border-slate-200 pt-2 text-base font-semibold">
        <dt>Total</dt>
        <dd className="tabular-nums" data-testid="order-total">
          {money(totals.totalCents)}
        </dd>
      </div>
    </dl>
  );
}
