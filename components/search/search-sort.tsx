'use client';

import { useEffect, useRef, type FormEvent } from 'react';
import { SEARCH_SORTS, type SearchSort } from '@/lib/search/types';
import { useSearchUi } from './search-ui';
import { SEARCH_PATH, hrefFromFormData, searchParamsOf, type SearchUrlState } from './search-url';

const LABELS: Record<SearchSort, string> = {
  relevance: 'Relevance',
  price: 'Price: low to high',
  '-price': 'Price: high to low',
  newest: 'Newest',
};

/** Like the catalog's SortSelect: a GET form (Apply button without JavaScript) that searches on change, keeping the words and filters. */
export function SearchSort({ state }: { state: SearchUrlState }) {
  const { navigate } = useSearchUi();
  const select = useRef<HTMLSelectElement>(null);
  // Follow the URL (back button) without remounting, so focus stays on the select.
  useEffect(() => {
    if (select.current) select.current.value = state.sort;
  }, [state.sort]);
  const hidden = [...searchParamsOf({ ...state, sort: 'relevance' })];
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(hrefFromFormData(new FormData(event.currentTarget)), { scroll: false });
  };
  return (
    <form action={SEARCH_PATH} method="get" onSubmit={onSubmit} className="flex items-center gap-2">
      {hidden.map(([name, value], index) => (
        <input key={`${name}-${value}-${index}`} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor="search-sort" className="whitespace-nowrap text-sm text-slate-600 max-sm:sr-only">
        Sort by
      </label>
      <select
        ref={select}
        id="search-sort"
        name="sort"
        data-testid="sort"
        defaultValue={state.sort}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="h-10 rounded-lg border border-slate-300 bg-white pl-3 pr-8 text-sm"
      >
        {SEARCH_SORTS.map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-lg border border-slate-300 px-3 py-2 text-sm">
          Apply
        </button>
      </noscript>
    </form>
  );
}
