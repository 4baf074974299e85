import Link from 'next/link';
import { inputStyles } from '@/components/account/form-field';
import { buttonStyles } from '@/components/ui/button-styles';
import type { CustomerSort } from '@/lib/analytics/customers';

const SORTS: { value: CustomerSort; label: string }[] = [
  { value: 'recent', label: 'Most recent order' },
  { value: 'value', label: 'Highest lifetime value' },
  { value: 'orders', label: 'Most orders' },
  { value: 'newest', label: 'Newest customers' },
  { value: 'name', label: 'Name' },
];

/** Search by email or name and choose the order: a plain GET form, so the result can be shared as a link. */
export function CustomerSearch({ search, sort }: { search?: string; sort: CustomerSort }) {
  return (
    <form method="get" action="/admin/customers" role="search" aria-label="Find customers" className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[minmax(0,1fr)_minmax(0,14rem)_auto]">
      <div>
        <label htmlFor="customer-search" className="block text-sm font-medium text-slate-900">
          Email or name
        </label>
        <input id="customer-search" name="q" type="search" defaultValue={search} placeholder="e.g. jane@ or Jane" className={`${inputStyles} mt-1.5`} />
      </div>
      <div>
        <label htmlFor="customer-sort" className="block text-sm font-medium text-slate-900">
          Sort by
        </label>
        <select id="customer-sort" name="sort" defaultValue={sort} className={`${inputStyles} mt-1.5`}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className={`${buttonStyles.primary} flex-1 py-2.5 sm:flex-none`}>
          Search
        </button>
        {search && (
          <Link href={sort === 'recent' ? '/admin/customers' : `/admin/customers?sort=${sort}`} className={`${buttonStyles.secondary} flex-1 py-2.5 sm:flex-none`}>
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
