import Link from 'next/link';
import { filterLabel } from './facet-labels';
import { CloseIcon } from './icons';
import { searchHref, type SearchUrlState } from './search-url';

/** The filters in force as chips, each a link to the same search without it, and "Clear all". */
export function SelectedFilters({ state, categoryNames }: { state: SearchUrlState; categoryNames: ReadonlyMap<string, string> }) {
  const filters = [...new Set(state.filters)];
  if (filters.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="selected-filters">
      <h2 className="sr-only">Selected filters</h2>
      <ul className="contents">
        {filters.map((filter) => {
          const colon = filter.indexOf(':');
          const label = filterLabel(filter.slice(0, colon), filter.slice(colon + 1), categoryNames);
          return (
            <li key={filter}>
              <Link
                href={searchHref({ ...state, filters: filters.filter((f) => f !== filter) })}
                scroll={false}
                data-testid="filter-chip"
                data-filter={filter}
                aria-label={`Remove filter ${label.facet}: ${label.value}`}
                className="inline-flex h-8 items-center gap-1.5 rounded-full border border-slate-300 bg-slate-50 pl-3 pr-2 text-sm text-slate-800 transition hover:border-slate-500 hover:bg-white"
              >
                <span className="text-slate-500">{label.facet}:</span>
                <span className="font-medium">{label.value}</span>
                <CloseIcon className="size-3.5 text-slate-500" />
              </Link>
            </li>
          );
        })}
      </ul>
      <Link
        href={searchHref({ ...state, filters: [] })}
        scroll={false}
        data-testid="clear-filters"
        className="px-1 text-sm font-medium text-brand-600 hover:text-brand-700 hover:underline"
      >
        Clear all
      </Link>
    </div>
  );
}
