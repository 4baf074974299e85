import Link from 'next/link';
import { StockBadge } from '@/components/catalog/stock-badge';
import { formatMoney } from '@/lib/money';
import type { SearchHit } from '@/lib/search/types';

/** One result, in the catalog card's look; it opens the product on the variant that matched (the cheapest one). */
export function SearchResultCard({ hit, categoryName, priority = false }: { hit: SearchHit; categoryName?: string; priority?: boolean }) {
  return (
    <li className="group relative flex flex-col" data-testid="search-result" data-product-id={hit.productId} data-category={hit.category}>
      <div className="aspect-square overflow-hidden rounded-xl bg-slate-100">
        {hit.imageUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- generated SVGs need no optimisation
          <img
            src={hit.imageUrl}
            alt=""
            width={600}
            height={600}
            loading={priority ? 'eager' : 'lazy'}
            className="size-full object-cover transition duration-300 group-hover:scale-[1.03]"
          />
        ) : (
          <div className="flex size-full items-center justify-center text-sm text-slate-500">No image yet</div>
        )}
      </div>
      <div className="mt-3 flex flex-1 flex-col gap-1">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{hit.brand}</p>
        <h3 className="text-sm font-medium text-slate-900">
          <Link href={`/products/${hit.slug}?variant=${hit.itemId}`} className="after:absolute after:inset-0" data-testid="result-link">
            {hit.name}
          </Link>
        </h3>
        {categoryName && <p className="text-xs text-slate-500">{categoryName}</p>}
        <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-1">
          <p className="text-sm font-semibold text-slate-900" data-testid="result-price">
            {formatMoney(hit.priceCents, hit.currency)}
          </p>
          {!hit.inStock && <StockBadge label={{ state: 'sold_out', text: 'Sold out' }} />}
        </div>
      </div>
    </li>
  );
}

export function SearchResultGrid({ hits, categoryNames }: { hits: SearchHit[]; categoryNames: ReadonlyMap<string, string> }) {
  return (
    <ul className="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3" data-testid="search-results">
      {hits.map((hit, index) => (
        <SearchResultCard key={hit.productId} hit={hit} categoryName={categoryNames.get(hit.category)} priority={index < 3} />
      ))}
    </ul>
  );
}
