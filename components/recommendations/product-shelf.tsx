import { ProductGrid } from '@/components/catalog/product-card';
import type { ProductCard } from '@/lib/catalog/types';

/** A titled row of product cards ("Bought together", "Recommended for you"); nothing when empty. */
export function ProductShelf({ title, products, testId, note }: { title: string; products: ProductCard[]; testId: string; note?: string }) {
  if (products.length === 0) return null;
  const headingId = `${testId}-heading`;
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className="text-2xl font-bold tracking-tight text-slate-900">
        {title}
      </h2>
      {note && <p className="mt-1 text-sm text-slate-600">{note}</p>}
      <div className="mt-6">
        <ProductGrid products={products} hideStock />
      </div>
    </section>
  );
}
