'use client';

import type { ListingSort } from '@/lib/catalog/types';

const LABELS: Record<ListingSort, string> = {
  featured: 'Featured',
  newest: 'Newest',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
};

/** A GET form: works without JavaScript (the button), and submits on change with it. */
export function SortSelect({ sort }: { sort: ListingSort }) {
  return (
    <form method="get" className="flex items-center gap-2">
      <label htmlFor="sort" className="text-sm text-slate-600">
        Sort by
      </label>
      <select
        id="sort"
        name="sort"
        defaultValue={sort}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="rounded-lg border border-slate-300 bg-white py-2 pl-3 pr-8 text-sm"
      >
        {(Object.keys(LABELS) as ListingSort[]).map((value) => (
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
