import Link from 'next/link';
import type { CategoryNode } from '@/lib/catalog/types';
import { SearchIcon } from './icons';

/** Nothing found: why that may be and where to go from here. */
export function NoResults({
  query,
  clearFiltersHref,
  categories,
}: {
  query: string;
  /** Set when filters are in force: the same words without them. */
  clearFiltersHref: string | null;
  categories: CategoryNode[];
}) {
  return (
    <div data-testid="no-results" className="rounded-2xl border border-dashed border-slate-300 px-6 py-10 text-center sm:px-10">
      <span aria-hidden className="mx-auto grid size-12 place-items-center rounded-full bg-slate-100 text-slate-500">
        <SearchIcon className="size-6" />
      </span>
      <h2 className="mt-4 text-lg font-semibold text-slate-900">
        {query ? (
          <>
            Nothing matches “<span className="break-words">{query}</span>”{clearFiltersHref ? ' with these filters' : ''}
          </>
        ) : (
          'Nothing matches these filters'
        )}
      </h2>
      <ul className="mx-auto mt-4 max-w-md space-y-1.5 text-left text-sm text-slate-600 sm:text-center">
        {query && <li>Check the spelling, or try another word for the same thing.</li>}
        {query && <li>Use fewer or more general words: “jacket” rather than “waterproof red jacket”.</li>}
        {clearFiltersHref && (
          <li>
            Remove some filters, or{' '}
            <Link href={clearFiltersHref} className="font-medium text-brand-600 hover:underline" data-testid="no-results-clear">
              clear all filters
            </Link>
            .
          </li>
        )}
      </ul>
      {categories.length > 0 && (
        <nav aria-label="Browse categories" className="mt-8">
          <h3 className="text-sm font-semibold text-slate-900">Or browse a category</h3>
          <ul className="mt-3 flex flex-wrap justify-center gap-2">
            {categories.map((category) => (
              <li key={category.id}>
                <Link
                  href={`/categories/${category.slug}`}
                  className="inline-block rounded-full border border-slate-300 px-4 py-1.5 text-sm hover:border-slate-500 hover:bg-slate-50"
                >
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
