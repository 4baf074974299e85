import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Breadcrumb } from '@/components/catalog/breadcrumb';
import { Pagination } from '@/components/catalog/pagination';
import { ProductGrid } from '@/components/catalog/product-card';
import { SortSelect } from '@/components/catalog/sort-select';
import { Container } from '@/components/ui/container';
import { getCategoryTree, getListing } from '@/lib/catalog/cached';
import { LISTING_PAGE_SIZE, parseListingParams } from '@/lib/catalog/listing-params';
import { descendantIds, findCategoryPath } from '@/lib/catalog/queries';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function loadCategory(slug: string) {
  const path = findCategoryPath(await getCategoryTree(), (node) => node.slug === slug);
  return path ? { category: path[path.length - 1]!, path } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await loadCategory((await params).slug);
  return found ? { title: found.category.name, description: found.category.description } : { title: 'Not found' };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const found = await loadCategory((await params).slug);
  if (!found) notFound();
  const { category, path } = found;
  const { page, sort } = parseListingParams(await searchParams);
  const listing = await getListing({ categoryIds: descendantIds(category), sort, page, limit: LISTING_PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(listing.total / LISTING_PAGE_SIZE));
  const first = (page - 1) * LISTING_PAGE_SIZE + 1;

  return (
    <Container className="py-8">
      <Breadcrumb
        trail={path.slice(0, -1).map((node) => ({ href: `/categories/${node.slug}`, label: node.name }))}
        current={category.name}
      />
      <div className="mt-4 flex flex-col gap-4 border-b border-slate-200 pb-6 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{category.name}</h1>
          <p className="mt-2 max-w-2xl text-slate-600">{category.description}</p>
        </div>
        {listing.total > 0 && <SortSelect sort={sort} />}
      </div>

      {category.children.length > 0 && (
        <nav aria-label={`${category.name} subcategories`} className="mt-6">
          <ul className="flex flex-wrap gap-2">
            {category.children.map((child) => (
              <li key={child.id}>
                <Link href={`/categories/${child.slug}`} className="inline-block rounded-full border border-slate-300 px-4 py-1.5 text-sm hover:border-slate-500 hover:bg-slate-50">
                  {child.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      <div className="mt-8">
        {listing.items.length > 0 ? (
          <>
            <p className="mb-4 text-sm text-slate-600" aria-live="polite">
              Showing {first}–{first + listing.items.length - 1} of {listing.total} products
            </p>
            <ProductGrid products={listing.items} eager={4} />
          </>
        ) : listing.total > 0 ? (
          <div className="rounded-xl border border-dashed border-slate-300 p-10 text-center">
            <p className="text-slate-700">There is no page {page} here.</p>
            <Link href={`/categories/${category.slug}`} className="mt-3 inline-block font-medium text-brand-600 hover:underline">
              Go to the first page
            </Link>
          </div>
        ) : (
          <div className="rounded-xl border border-dashed border-slate-300 p-10 text-center">
            <p className="text-slate-700">Nothing in {category.name} yet. New stock is on its way.</p>
            <Link href="/" className="mt-3 inline-block font-medium text-brand-600 hover:underline">
              Browse the rest of the shop
            </Link>
          </div>
        )}
      </div>

      <Pagination page={page} pageCount={pageCount} basePath={`/categories/${category.slug}`} params={sort === 'featured' ? {} : { sort }} />
    </Container>
  );
}
