import Link from 'next/link';
import { inputStyles } from '@/components/account/form-field';
import { ProductTable } from '@/components/admin/products/product-table';
import { Pagination } from '@/components/catalog/pagination';
import { buttonStyles } from '@/components/ui/button-styles';
import { getDb } from '@/db/client';
import { categoryOptions, listAdminProducts, PRODUCT_STATUSES, type ProductStatus } from '@/lib/catalog/admin-products';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Products' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);
const STATUS_TABS: { value: ProductStatus | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'draft', label: 'Drafts' },
  { value: 'archived', label: 'Archived' },
];

export default async function ProductsPage({ searchParams }: Props) {
  const actor = await requireStaff('/admin/products');
  const params = await searchParams;
  const status = PRODUCT_STATUSES.find((s) => s === one(params.status));
  const query = { q: one(params.q), status, category: one(params.category), lowStock: one(params.low), page: one(params.page), limit: 20 };
  const [list, categories] = await Promise.all([listAdminProducts(getDb(), actor, query), categoryOptions(getDb())]);
  const { filters } = list;

  const keep: Record<string, string> = {};
  if (filters.q) keep.q = filters.q;
  if (filters.status) keep.status = filters.status;
  if (filters.category) keep.category = filters.category;
  if (filters.lowStock) keep.low = '1';
  const hrefWith = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(keep);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    }
    const qs = next.toString();
    return qs ? `/admin/products?${qs}` : '/admin/products';
  };
  const exportHref = `/admin/products/export${Object.keys(keep).length ? `?${new URLSearchParams(keep)}` : ''}`;
  const filtered = Boolean(filters.q || filters.category || filters.lowStock);
  const first = (list.page - 1) * list.limit + 1;
  const last = first + list.items.length - 1;

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Products</h1>
          <p className="mt-1 text-sm text-slate-600">Everything in the catalog: what is on sale, drafts being prepared, and archived items.</p>
        </div>
        <div className="grid w-full grid-cols-2 gap-2 sm:flex sm:w-auto">
          <Link href="/admin/products/new" className={`${buttonStyles.primary} col-span-2 py-2 sm:order-last`}>
            <span aria-hidden>+</span> New product
          </Link>
          <Link href="/admin/products/import" className={buttonStyles.secondary}>
            Import CSV
          </Link>
          <a href={exportHref} className={buttonStyles.secondary} download>
            Export CSV
          </a>
        </div>
      </div>

      <nav aria-label="Product status" className="mt-6 -mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-slate-200">
          {STATUS_TABS.map((tab) => {
            const active = (filters.status ?? 'all') === tab.value;
            return (
              <li key={tab.value}>
                <Link
                  href={hrefWith({ status: tab.value === 'all' ? undefined : tab.value, page: undefined })}
                  aria-current={active ? 'page' : undefined}
                  className={`inline-flex items-center gap-2 border-b-2 px-2.5 py-2.5 text-sm font-medium sm:px-3 ${active ? 'border-slate-900 text-slate-900' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
                >
                  {tab.label}
                  <span className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${active ? 'bg-slate-900 text-white' : 'bg-slate-100 text-slate-600'}`}>
                    {list.statusCounts[tab.value].toLocaleString('en-US')}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <form method="get" role="search" aria-label="Filter products" className="mt-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1.2fr)_auto_auto] sm:items-center">
        {filters.status && <input type="hidden" name="status" value={filters.status} />}
        <div>
          <label htmlFor="product-search" className="sr-only">
            Search products
          </label>
          <input id="product-search" type="search" name="q" defaultValue={filters.q ?? ''} placeholder="Search by name, brand or SKU" className={inputStyles} />
        </div>
        <div>
          <label htmlFor="product-category" className="sr-only">
            Category
          </label>
          <select id="product-category" name="category" defaultValue={filters.category ?? ''} className={inputStyles}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c.id} value={c.slug}>
                {c.depth > 0 ? `\u00a0\u00a0\u00a0${c.label.split(' › ').pop()}` : c.label}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-center gap-2 whitespace-nowrap px-1 text-sm text-slate-700">
          <input type="checkbox" name="low" value="1" defaultChecked={filters.lowStock} className="size-4 rounded border-slate-300" />
          Low stock (≤ {list.lowStockThreshold})
        </label>
        <div className="flex gap-2">
          <button type="submit" className={`${buttonStyles.primary} flex-1 py-2 sm:flex-none`}>
            Filter
          </button>
          {filtered && (
            <Link href={hrefWith({ q: undefined, category: undefined, low: undefined, page: undefined })} className={`${buttonStyles.secondary} flex-1 sm:flex-none`}>
              Clear
            </Link>
          )}
        </div>
      </form>

      <div className="mt-4">
        {list.items.length === 0 ? (
          <EmptyState catalogEmpty={list.statusCounts.all === 0} clearHref={hrefWith({ q: undefined, category: undefined, low: undefined, status: undefined, page: undefined })} outOfRange={list.total > 0} />
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600" aria-live="polite">
              Showing <span className="font-medium tabular-nums text-slate-900">{first.toLocaleString('en-US')}–{last.toLocaleString('en-US')}</span> of{' '}
              <span className="font-medium tabular-nums text-slate-900">{list.total.toLocaleString('en-US')}</span> {list.total === 1 ? 'product' : 'products'}
            </p>
            <ProductTable items={list.items} threshold={list.lowStockThreshold} />
            <Pagination page={list.page} pageCount={list.pageCount} basePath="/admin/products" params={keep} />
          </>
        )}
      </div>
    </>
  );
}

function EmptyState({ catalogEmpty, clearHref, outOfRange }: { catalogEmpty: boolean; clearHref: string; outOfRange: boolean }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-14 text-center" data-testid="products-empty">
      <div aria-hidden className="mx-auto flex size-12 items-center justify-center rounded-full bg-slate-100 text-2xl">
        {catalogEmpty ? '📦' : '🔍'}
      </div>
      {catalogEmpty ? (
        <>
          <h2 className="mt-4 font-semibold text-slate-900">No products yet</h2>
          <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600">Add your first product with its variants and stock, or bring your whole catalog in from a spreadsheet.</p>
          <div className="mt-6 flex flex-wrap justify-center gap-2">
            <Link href="/admin/products/new" className={`${buttonStyles.primary} py-2`}>
              Add a product
            </Link>
            <Link href="/admin/products/import" className={buttonStyles.secondary}>
              Import a CSV
            </Link>
          </div>
        </>
      ) : (
        <>
          <h2 className="mt-4 font-semibold text-slate-900">{outOfRange ? 'This page is past the end of the list' : 'No products match these filters'}</h2>
          <p className="mx-auto mt-1 max-w-sm text-sm text-slate-600">Try another search or category, or clear the filters to see every product.</p>
          <div className="mt-6">
            <Link href={clearHref} className={buttonStyles.secondary}>
              Clear filters
            </Link>
          </div>
        </>
      )}
    </div>
  );
}
