import Link from 'next/link';
import type { AdminProductRow } from '@/lib/catalog/admin-products';
import { formatMoney } from '@/lib/money';
import { ProductStatusBadge } from './status-badge';

const date = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

function priceRange(p: AdminProductRow): string {
  if (p.priceMinCents === null || !p.currency) return '—';
  const low = formatMoney(p.priceMinCents, p.currency);
  return p.priceMaxCents !== null && p.priceMaxCents !== p.priceMinCents ? `${low} – ${formatMoney(p.priceMaxCents, p.currency)}` : low;
}

function Thumb({ url, size = 'size-12' }: { url: string | null; size?: string }) {
  return (
    <span className={`flex ${size} shrink-0 items-center justify-center overflow-hidden rounded-lg bg-slate-100 ring-1 ring-inset ring-slate-200`}>
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- small thumbnails, local files
        <img src={url} alt="" className="size-full object-cover" />
      ) : (
        <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-1/2 text-slate-400">
          <rect x="3" y="4" width="18" height="16" rx="2" />
          <circle cx="9" cy="10" r="1.75" />
          <path d="m4 18 5-5 3 3 3-3 5 5" />
        </svg>
      )}
    </span>
  );
}

function StockSummary({ p, threshold }: { p: AdminProductRow; threshold: number }) {
  if (p.variantCount === 0) return <span className="text-slate-500">No variants on sale</span>;
  return (
    <span className="flex flex-wrap items-center gap-x-1.5 gap-y-1">
      <span className="tabular-nums">
        <span className="font-medium text-slate-900">{p.available.toLocaleString('en-US')}</span> available
      </span>
      {p.soldOutVariants > 0 && (
        <span className="rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-600/20" title="Variants with nothing to sell">
          {p.soldOutVariants} sold out
        </span>
      )}
      {p.lowStockVariants > 0 && (
        <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/30" title={`Variants with ${threshold} or fewer units`}>
          {p.lowStockVariants} low
        </span>
      )}
    </span>
  );
}

/** The product list: a table on wide screens, stacked cards on a phone. */
export function ProductTable({ items, threshold }: { items: AdminProductRow[]; threshold: number }) {
  return (
    <>
      <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white md:block">
        <table className="w-full text-left text-sm" data-testid="products-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">Product</th>
              <th scope="col" className="px-3 py-3">Status</th>
              <th scope="col" className="px-3 py-3">Category</th>
              <th scope="col" className="px-3 py-3 text-right">Price</th>
              <th scope="col" className="px-3 py-3">Stock</th>
              <th scope="col" className="hidden px-4 py-3 text-right xl:table-cell">Updated</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((p) => (
              <tr key={p.id} className="group hover:bg-slate-50">
                <td className="px-4 py-3">
                  <div className="flex w-72 items-center gap-3 lg:w-80">
                    <Thumb url={p.imageUrl} />
                    <div className="min-w-0">
                      <Link href={`/admin/products/${p.id}`} className="line-clamp-2 font-medium text-slate-900 hover:text-brand-700 hover:underline">
                        {p.name}
                      </Link>
                      <p className="truncate text-xs text-slate-500" title={p.skus.join(', ')}>
                        {[p.brand, `${p.variantCount} ${p.variantCount === 1 ? 'variant' : 'variants'}`, p.skus[0] ? `${p.skus[0]}${p.variantCount > 1 ? ', …' : ''}` : ''].filter(Boolean).join(' · ')}
                      </p>
                    </div>
                  </div>
                </td>
                <td className="px-3 py-3">
                  <ProductStatusBadge status={p.status} />
                </td>
                <td className="px-3 py-3 text-slate-700">{p.categoryName}</td>
                <td className="whitespace-nowrap px-3 py-3 text-right tabular-nums text-slate-900">{priceRange(p)}</td>
                <td className="min-w-40 px-3 py-3 text-slate-700">
                  <StockSummary p={p} threshold={threshold} />
                </td>
                <td className="hidden whitespace-nowrap px-4 py-3 text-right text-slate-500 xl:table-cell">{date.format(p.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ul className="space-y-3 md:hidden" data-testid="products-cards">
        {items.map((p) => (
          <li key={p.id} className="relative rounded-xl border border-slate-200 bg-white p-4">
            <div className="flex gap-3">
              <Thumb url={p.imageUrl} size="size-16" />
              <div className="min-w-0 flex-1">
                <div className="flex items-start justify-between gap-2">
                  <Link href={`/admin/products/${p.id}`} className="font-medium leading-snug text-slate-900 after:absolute after:inset-0 hover:underline">
                    {p.name}
                  </Link>
                  <ProductStatusBadge status={p.status} />
                </div>
                <p className="mt-0.5 truncate text-xs text-slate-500">{[p.brand, p.categoryName].filter(Boolean).join(' · ')}</p>
                <p className="mt-1.5 text-sm font-medium tabular-nums text-slate-900">{priceRange(p)}</p>
              </div>
            </div>
            <div className="mt-3 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3 text-sm text-slate-700">
              <StockSummary p={p} threshold={threshold} />
              <span className="text-xs text-slate-500">
                {p.variantCount} {p.variantCount === 1 ? 'variant' : 'variants'}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
