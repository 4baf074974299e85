import Link from 'next/link';
import type { CartLine } from '@/lib/cart/view';
import { formatMoney } from '@/lib/money';
import { CartLineActions } from './cart-line-actions';
import { LineStatus } from './line-status';
import { UnitPrice } from './unit-price';

/** One line of the cart; `lineLimit` is the most units one line may hold. */
export function CartLineItem({ line, lineLimit }: { line: CartLine; lineLimit: number }) {
  const href = `/products/${line.slug}?variant=${line.variantId}`;
  // "+" may go as far as the shelf allows; a line that is already over stays where it is until reduced.
  const maxQuantity = line.status === 'unavailable' ? line.quantity : Math.min(lineLimit, Math.max(line.available, 1));
  const muted = line.status === 'unavailable' || line.status === 'sold_out';

  return (
    <li data-testid="cart-line" data-item-id={line.variantId} data-status={line.status} className="flex gap-4 py-6">
      <Link href={href} className="shrink-0" tabIndex={-1} aria-hidden>
        <div className={`size-20 overflow-hidden rounded-xl bg-slate-100 sm:size-24 ${muted ? 'opacity-60' : ''}`}>
          {line.imageUrl && (
            // eslint-disable-next-line @next/next/no-img-element -- generated SVGs need no optimisation
            <img src={line.imageUrl} alt="" width={96} height={96} className="size-full object-cover" />
          )}
        </div>
      </Link>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <div className="min-w-0">
            <h3 className="font-medium text-slate-900">
              <Link href={href} className="hover:underline">
                {line.name}
              </Link>
            </h3>
            {line.variantTitle !== 'Standard' && <p className="text-sm text-slate-600">{line.variantTitle}</p>}
            <UnitPrice line={line} />
          </div>
          {line.status !== 'unavailable' && (
            <p className="font-semibold tabular-nums text-slate-900" data-testid="line-total">
              {formatMoney(line.lineTotalCents, line.currency)}
            </p>
          )}
        </div>
        <LineStatus line={line} />
        <CartLineActions itemId={line.variantId} name={line.name} quantity={line.quantity} maxQuantity={maxQuantity} />
      </div>
    </li>
  );
}
