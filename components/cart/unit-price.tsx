import { formatMoney } from '@/lib/money';
import type { CartLine } from '@/lib/cart/view';

/** Today's price of one unit; when it moved since the shopper added it, the old price struck through and a note. */
export function UnitPrice({ line }: { line: Pick<CartLine, 'unitPriceCents' | 'priceAtAddCents' | 'priceChanged' | 'currency'> }) {
  if (!line.priceChanged) {
    return <p className="text-sm text-slate-700">{formatMoney(line.unitPriceCents, line.currency)} each</p>;
  }
  return (
    <div className="text-sm">
      <p className="text-slate-700">
        <s className="text-slate-500">
          <span className="sr-only">Was </span>
          {formatMoney(line.priceAtAddCents, line.currency)}
        </s>{' '}
        <span className="font-medium text-slate-900">
          <span className="sr-only">now </span>
          {formatMoney(line.unitPriceCents, line.currency)}
        </span>{' '}
        each
      </p>
      <p className="text-xs text-amber-800">Price changed since you added it</p>
    </div>
  );
}
