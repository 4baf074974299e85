import { LineStatus } from '@/components/cart/line-status';
import type { CartLine } from '@/lib/cart/view';
import { formatMoney } from '@/lib/money';

/** The cart's lines as the checkout summary lists them: picture, name, variant, quantity and line total. */
export function CheckoutItems({ lines }: { lines: CartLine[] }) {
  return (
    <ul className="divide-y divide-slate-200" data-testid="checkout-items">
      {lines.map((line) => (
        <li key={line.variantId} className="flex gap-3 py-3 first:pt-0 last:pb-0" data-testid="checkout-item" data-item-id={line.variantId}>
          <div className="relative shrink-0">
            <div className="size-16 overflow-hidden rounded-lg border border-slate-200 bg-white">
              {line.imageUrl && (
                // eslint-disable-next-line @next/next/no-img-element -- generated SVGs need no optimisation
                <img src={line.imageUrl} alt="" width={64} height={64} className="size-full object-cover" />
              )}
            </div>
            <span
              aria-hidden
              className="absolute -right-2 -top-2 grid h-5 min-w-5 place-items-center rounded-full bg-slate-700 px-1 text-xs font-semibold text-white"
            >
              {line.quantity}
            </span>
          </div>
          <div className="min-w-0 flex-1 text-sm">
            <p className="font-medium text-slate-900">{line.name}</p>
            <p className="text-slate-600">
              {line.variantTitle !== 'Standard' && <>{line.variantTitle} · </>}
              Qty {line.quantity}
            </p>
            <LineStatus line={line} />
          </div>
          <p className="text-sm font-medium tabular-nums text-slate-900">
            {line.status === 'unavailable' ? '—' : formatMoney(line.lineTotalCents, line.currency)}
          </p>
        </li>
      ))}
    </ul>
  );
}
