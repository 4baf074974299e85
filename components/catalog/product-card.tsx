import Link from 'next/link';
import { stockLabel } from '@/lib/catalog/stock-label';
import type { ProductCard as ProductCardData } from '@/lib/catalog/types';
import { Price } from './price';
import { StockBadge } from './stock-badge';

/** `hideStock`: shelves whose stock would go stale in a cached page (recommendations) leave the badge to the product page. */
export function ProductCard({ product, priority = false, hideStock = false }: { product: ProductCardData; priority?: boolean; hideStock?: boolean }) {
  const label = stockLabel(product.available);
  return (
    <li className="group relative flex flex-col">
      <div className="aspect-square overflow-hidden rounded-xl bg-slate-100">
        {product.image ? (
          // eslint-disable-next-line @next/next/no-img-element -- generated SVGs need no optimisation
          <img
            src={product.image.url}
            alt={product.image.alt}
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
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{product.brand}</p>
        <h3 className="text-sm font-medium text-slate-900 [overflow-wrap:anywhere]">
          <Link href={`/products/${product.slug}`} className="after:absolute after:inset-0">
            {product.name}
          </Link>
        </h3>
        <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-1">
          <p className="text-sm font-semibold text-slate-900" data-testid="card-price">
            <Price minCents={product.priceMinCents} maxCents={product.priceMaxCents} currency={product.currency} />
          </p>
          {!hideStock && label.state !== 'in_stock' && <StockBadge label={label} />}
        </div>
      </div>
    </li>
  );
}

export function ProductGrid({ products, eager = 0, hideStock = false }: { products: ProductCardData[]; eager?: number; hideStock?: boolean }) {
  return (
    <ul className="grid grid-cols-2 gap-x-4 gap-y-8 sm:grid-cols-3 lg:grid-cols-4" data-testid="product-grid">
      {products.map((product, index) => (
        <ProductCard key={product.id} product={product} priority={index < eager} hideStock={hideStock} />
      ))}
    </ul>
  );
}
