import type { ReactNode } from 'react';
import type { CategoryNode } from '@/lib/catalog/types';
import { PRICE_RANGES, type Facet, type FacetCounts } from '@/lib/search/types';
import { FACET_TITLES, compareSizes, priceRangeLabel, swatchOf } from './facet-labels';
import { FacetCheckbox, FacetForm } from './facet-form';
import { ShowMore } from './show-more';
import { searchParamsOf, type SearchUrlState } from './search-url';

type Option = { value: string; label: string; count: number; selected: boolean; depth?: number; swatch?: string | null };

type Props = {
  facets: FacetCounts;
  categories: CategoryNode[];
  /** The current search; its filters are what is ticked. */
  state: SearchUrlState;
};

/**
 * Every facet with how many products each value would leave (given the other
 * filters). Values that would leave none are hidden unless ticked.
 */
export function FacetSidebar({ facets, categories, state }: Props) {
  const selected = new Set(state.filters);
  const isSelected = (facet: Facet, value: string) => selected.has(`${facet}:${value}`);
  const shown = (facet: Facet, value: string, count: number) => count > 0 || isSelected(facet, value);
  const option = (facet: Facet, value: string, label: string, extra: Partial<Option> = {}): Option => ({
    value,
    label,
    count: facets[facet][value] ?? 0,
    selected: isSelected(facet, value),
    ...extra,
  });

  // Categories as a tree: each category that has matches (or is ticked), under its parent, indented.
  const categoryOptions: Option[] = [];
  const known = new Set<string>();
  const walk = (nodes: CategoryNode[], depth: number): Option[] =>
    nodes.flatMap((node) => {
      known.add(node.slug);
      const below = walk(node.children, depth + 1);
      const own = shown('category', node.slug, facets.category[node.slug] ?? 0);
      return own || below.length > 0 ? [option('category', node.slug, node.name, { depth }), ...below] : [];
    });
  categoryOptions.push(...walk(categories, 0));
  // A ticked category the tree does not know (an old link) stays visible, so it can be unticked.
  for (const filter of selected) {
    const slug = filter.startsWith('category:') ? filter.slice('category:'.length) : null;
    if (slug && !known.has(slug)) categoryOptions.push(option('category', slug, slug));
  }

  const byCount = (facet: Facet) =>
    Object.entries(facets[facet])
      .filter(([value, count]) => shown(facet, value, count))
      .map(([value]) => value);
  const withSelected = (facet: Facet, values: string[]) => {
    const all = new Set(values);
    for (const filter of selected) if (filter.startsWith(`${facet}:`)) all.add(filter.slice(facet.length + 1));
    return [...all];
  };
  const brandOptions = withSelected('brand', byCount('brand'))
    .map((v) => option('brand', v, v))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const colorOptions = withSelected('color', byCount('color'))
    .map((v) => option('color', v, v, { swatch: swatchOf(v) }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const sizeOptions = withSelected('size', byCount('size'))
    .sort(compareSizes)
    .map((v) => option('size', v, v));
  const priceOptions = PRICE_RANGES.filter((r) => shown('price', r.key, facets.price[r.key] ?? 0)).map((r) => option('price', r.key, priceRangeLabel(r.key)));
  const inStockCount = facets.in_stock.true ?? 0;
  const inStockSelected = isSelected('in_stock', 'true');

  // What the checkboxes do not carry: the words, the sort, the page size, and filters with no checkbox (price_min, …).
  const rendered = new Set([
    ...categoryOptions.map((o) => `category:${o.value}`),
    ...brandOptions.map((o) => `brand:${o.value}`),
    ...colorOptions.map((o) => `color:${o.value}`),
    ...sizeOptions.map((o) => `size:${o.value}`),
    ...priceOptions.map((o) => `price:${o.value}`),
    ...(inStockCount > 0 || inStockSelected ? ['in_stock:true'] : []),
  ]);
  const hidden = [...searchParamsOf({ ...state, filters: state.filters.filter((f) => !rendered.has(f)) })].filter(([name]) => name !== 'page');

  return (
    <FacetForm hidden={hidden}>
      {(inStockCount > 0 || inStockSelected) && (
        <FacetGroup facet="in_stock" first>
          <label
            data-testid="facet-option"
            data-value="true"
            data-selected={inStockSelected}
            className="flex cursor-pointer items-center justify-between gap-3 py-1 text-sm text-slate-800"
          >
            <span>
              In stock only <Count n={inStockCount} />
            </span>
            <FacetCheckbox role="switch" name="filter" value="in_stock:true" checked={inStockSelected} className="peer sr-only" />
            <span
              aria-hidden
              className="relative h-6 w-11 shrink-0 rounded-full bg-slate-300 transition peer-checked:bg-slate-900 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 after:absolute after:left-0.5 after:top-0.5 after:size-5 after:rounded-full after:bg-white after:shadow after:transition peer-checked:after:translate-x-5"
            />
          </label>
        </FacetGroup>
      )}
      {categoryOptions.length > 0 && (
        <FacetGroup facet="category" first={!(inStockCount > 0 || inStockSelected)}>
          <OptionList facet="category" options={categoryOptions} limit={12} noun="categories" />
        </FacetGroup>
      )}
      {priceOptions.length > 0 && (
        <FacetGroup facet="price">
          <OptionList facet="price" options={priceOptions} limit={10} noun="prices" />
        </FacetGroup>
      )}
      {brandOptions.length > 0 && (
        <FacetGroup facet="brand">
          <OptionList facet="brand" options={brandOptions} limit={8} noun="brands" />
        </FacetGroup>
      )}
      {colorOptions.length > 0 && (
        <FacetGroup facet="color">
          <OptionList facet="color" options={colorOptions} limit={8} noun="colours" />
        </FacetGroup>
      )}
      {sizeOptions.length > 0 && (
        <FacetGroup facet="size">
          <ShowMore
            className="flex flex-wrap gap-2"
            limit={18}
            noun="sizes"
            initiallyOpen={sizeOptions.slice(18).some((o) => o.selected)}
            items={sizeOptions.map((o) => ({ key: o.value, node: <SizePill option={o} /> }))}
          />
        </FacetGroup>
      )}
    </FacetForm>
  );
}

function FacetGroup({ facet, first = false, children }: { facet: Facet; first?: boolean; children: ReactNode }) {
  const headingId = `facet-${facet}-title`;
  return (
    <div role="group" aria-labelledby={headingId} data-testid={`facet-${facet}`} className={`py-5 ${first ? 'lg:pt-0' : 'border-t border-slate-200'}`}>
      <h3 id={headingId} className="mb-2 text-sm font-semibold text-slate-900">
        {FACET_TITLES[facet]}
      </h3>
      {children}
    </div>
  );
}

function OptionList({ facet, options, limit, noun }: { facet: Facet; options: Option[]; limit: number; noun: string }) {
  return (
    <ShowMore
      className="space-y-0.5"
      limit={limit}
      noun={noun}
      initiallyOpen={options.slice(limit).some((o) => o.selected)}
      items={options.map((o) => ({ key: o.value, node: <CheckOption facet={facet} option={o} /> }))}
    />
  );
}

function CheckOption({ facet, option }: { facet: Facet; option: Option }) {
  return (
    <label
      data-testid="facet-option"
      data-value={option.value}
      data-selected={option.selected}
      style={option.depth ? { paddingLeft: `${option.depth * 1.5}rem` } : undefined}
      className={`flex cursor-pointer items-center gap-3 rounded-md py-1.5 text-sm hover:text-slate-950 ${
        option.selected ? 'font-medium text-slate-950' : 'text-slate-700'
      }`}
    >
      <FacetCheckbox
        name="filter"
        value={`${facet}:${option.value}`}
        checked={option.selected}
        className="size-4 shrink-0 cursor-pointer rounded border-slate-300 accent-slate-900"
      />
      {option.swatch !== undefined && (
        <span
          aria-hidden
          className="size-4 shrink-0 rounded-full ring-1 ring-inset ring-slate-900/15"
          style={{ background: option.swatch ?? 'conic-gradient(#dc2626, #eab308, #16a34a, #2563eb, #dc2626)' }}
        />
      )}
      <span className="min-w-0 flex-1 truncate">{option.label}</span>
      <Count n={option.count} />
    </label>
  );
}

function SizePill({ option }: { option: Option }) {
  return (
    <label
      data-testid="facet-option"
      data-value={option.value}
      data-selected={option.selected}
      className="inline-flex min-w-12 cursor-pointer items-center justify-center gap-1.5 rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-800 transition hover:border-slate-500 has-[:checked]:border-slate-900 has-[:checked]:bg-slate-900 has-[:checked]:text-white has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600"
    >
      <FacetCheckbox name="filter" value={`size:${option.value}`} checked={option.selected} className="sr-only" />
      <span>{option.value}</span>
      <span className="text-xs opacity-60">
        {option.count}
        <span className="sr-only"> {option.count === 1 ? 'product' : 'products'}</span>
      </span>
    </label>
  );
}

function Count({ n }: { n: number }) {
  return (
    <span className="text-xs tabular-nums text-slate-500">
      <span className="sr-only">(</span>
      {n}
      <span className="sr-only"> {n === 1 ? 'product' : 'products'})</span>
    </span>
  );
}
