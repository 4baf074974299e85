import Link from 'next/link';
import { StockBadge } from '@/components/catalog/stock-badge';
import { stockLabel } from '@/lib/catalog/stock-label';
import { formatMoney } from '@/lib/money';
import type { WishlistEntry } from '@/lib/wishlist/wishlist';
import { WishlistItemActions } from './wishlist-item-actions';

export function WishlistItem({ entry, lowStockThreshold }: { entry: WishlistEntry; lowStockThreshold: number }) {
  const href = `/products/${entry.productSlug}?variant=${entry.variantId}`;
  const canBuy = entry.sellable && entry.available > 0;

  return (
    <li data-testid="wishlist-item" data-item-id={entry.variantId} className="flex gap-4 py-6">
      <Link href={href} className="shrink-0" tabIndex={-1} aria-hidden>
        <div className={`size-20 overflow-hidden rounded-xl bg-slate-100 sm:size-24 ${canBuy ? '' : 'opacity-60'}`}>
          {entry.imageUrl && (
            // eslint-disable-next-line @next/next/no-img-element -- generated SVGs need no optimisation
            <img src={entry.imageUrl} alt="" width={96} height={96} className="size-full object-cover" />
          )}
        </div>
      </Link>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <div className="min-w-0">
            <h2 className="font-medium text-slate-900">
              <Link href={href} className="hover:underline">
                {entry.name}
              </Link>
            </h2>
            {entry.variantTitle !== 'Standard' && <p className="text-sm text-slate-600">{entry.variantTitle}</p>}
          </div>
          <p className="font-semibold tabular-nums text-slate-900">{formatMoney(entry.priceCents, entry.currency)}</p>
        </div>
        <div>
          {entry.sellable ? (
            <StockBadge label={stockLabel(entry.available, lowStockThreshold)} />
          ) : (
            <span className="text-sm font-medium text-slate-600">No longer sold</span>
          )}
        </div>
        <WishlistItemActions itemId={entry.variantId} name={entry.name} canBuy={canBuy} />
      </div>
    </li>
  );
}
