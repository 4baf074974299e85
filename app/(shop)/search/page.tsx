import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { Pagination } from '@/components/catalog/pagination';
import { FacetSidebar } from '@/components/search/facet-sidebar';
import { FiltersPanel, FiltersToggle } from '@/components/search/filters-panel';
import { NoResults } from '@/components/search/no-results';
import { SearchBox } from '@/components/search/search-box';
import { SearchResultGrid } from '@/components/search/search-results';
import { SearchSort } from '@/components/search/search-sort';
import { PendingRegion, SearchUiProvider } from '@/components/search/search-ui';
import { queryHref, searchHref, searchParamsOf, type SearchUrlState } from '@/components/search/search-url';
import { SelectedFilters } from '@/components/search/selected-filters';
import { Container } from '@/components/ui/container';
import { trackSearch } from '@/lib/analytics/searches';
import { ApiError } from '@/lib/api/errors';
import { getCategoryTree } from '@/lib/catalog/cached';
import type { CategoryNode } from '@/lib/catalog/types';
import { filterStrings, parseSearchParams } from '@/lib/search/params';
import { searchEngine } from '@/lib/search/engine';
import type { SearchRequest, SearchResult } from '@/lib/search/types';

// Every search is its own: rendered per request from the URL, so links can be shared and the back button works.
export const dynamic = 'force-dynamic';

/** Results per page when the URL does not say (divides into rows of 2 and 3). */
const PAGE_SIZE = 24;

type RawParams = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<RawParams> };

type Outcome =
  | { ok: true; request: SearchRequest; result: SearchResult; state: SearchUrlState }
  | { ok: false; message: string; query: string };

/** The URL's parameters, repeated ones (`filter`) kept. */
function urlParams(raw: RawParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params;
}

/** Parses and runs the search once per request (the page and its title share it). */
const runSearch = cache(async (query: string): Promise<Outcome> => {
  const params = new URLSearchParams(query);
  const userLimit = params.has('limit');
  if (!userLimit) params.set('limit', String(PAGE_SIZE));
  let request: SearchRequest;
  try {
    request = parseSearchParams(params);
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      return { ok: false, message: error.message, query: (params.get('query') ?? params.get('q') ?? '').trim().slice(0, 200) };
    }
    throw error;
  }
  const result = await searchEngine().search(request);
  const state: SearchUrlState = {
    // After a correction, further links (facets, sort, pages) search for the corrected words.
    query: result.didYouMean ?? request.query,
    filters: [...new Set(filterStrings(request.filters))],
    sort: request.sort,
    limit: userLimit ? request.limit : undefined,
  };
  return { ok: true, request, result, state };
});

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const outcome = await runSearch(urlParams(await searchParams).toString());
  const robots = { index: false, follow: true };
  if (!outcome.ok) return { title: 'Search', robots };
  const words = outcome.result.didYouMean ?? outcome.request.query;
  const count = plural(outcome.result.total, 'result', 'results');
  return { title: words ? `“${words}”: ${count}` : `Search: ${count}`, robots };
}

export default async function SearchPage({ searchParams }: Props) {
  const [outcome, categories] = await Promise.all([runSearch(urlParams(await searchParams).toString()), getCategoryTree()]);
  if (outcome.ok) {
    const { request, result } = outcome;
    trackSearch({ query: request.query, total: result.total, page: request.page, filters: filterStrings(request.filters).length, source: 'page', correctedTo: result.didYouMean });
  }
  return <SearchUiProvider>{outcome.ok ? <Results outcome={outcome} categories={categories} /> : <InvalidSearch {...outcome} />}</SearchUiProvider>;
}

function Results({ outcome, categories }: { outcome: Extract<Outcome, { ok: true }>; categories: CategoryNode[] }) {
  const { request, result, state } = outcome;
  const categoryNames = namesBySlug(categories);
  const words = result.didYouMean ?? request.query;
  const pageCount = Math.max(1, Math.ceil(result.total / request.limit));
  const first = (request.page - 1) * request.limit + 1;
  const hasFilters = state.filters.length > 0;
  const withoutFilters = searchHref({ ...state, filters: [] });
  // Pagination takes a record; URLSearchParams reads any iterable of pairs, which keeps repeated `filter`s.
  const pageParams = [...searchParamsOf(state)] as unknown as Record<string, string>;

  return (
    <Container className="py-6 sm:py-8">
      <div className="max-w-3xl">
        <SearchBox key={request.query} variant="page" defaultValue={request.query} inputId="search-query" />
      </div>

      <div className="mt-6 border-b border-slate-200 pb-5">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl" data-testid="result-count">
          {words ? (
            <>
              {plural(result.total, 'result', 'results')} for “<span className="break-words">{words}</span>”
            </>
          ) : (
            plural(result.total, 'product', 'products')
          )}
        </h1>
        {result.didYouMean && (
          <p className="mt-2 text-slate-600" data-testid="did-you-mean">
            Showing results for{' '}
            <Link href={queryHref(result.didYouMean)} className="font-semibold text-brand-600 hover:underline">
              {result.didYouMean}
            </Link>{' '}
            — no results for “<span className="break-words">{request.query}</span>”
          </p>
        )}
      </div>

      {result.total === 0 && !hasFilters ? (
        <div className="mt-8">
          <NoResults query={request.query} clearFiltersHref={null} categories={categories} />
        </div>
      ) : (
        <div className="mt-6 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-10">
          <FiltersPanel total={result.total}>
            <FacetSidebar facets={result.facets} categories={categories} state={state} />
          </FiltersPanel>

          <section aria-label="Results" className="min-w-0">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <FiltersToggle selectedCount={state.filters.length} />
              <p className="hidden text-sm text-slate-600 lg:block">
                {result.hits.length > 0
                  ? `Showing ${first.toLocaleString('en-US')}–${(first + result.hits.length - 1).toLocaleString('en-US')} of ${result.total.toLocaleString('en-US')}`
                  : ''}
              </p>
              {result.total > 0 && <SearchSort state={state} />}
            </div>
            {hasFilters && (
              <div className="mt-4">
                <SelectedFilters state={state} categoryNames={categoryNames} />
              </div>
            )}

            <PendingRegion className="mt-6">
              {result.hits.length > 0 ? (
                <SearchResultGrid hits={result.hits} categoryNames={categoryNames} />
              ) : result.total > 0 ? (
                <div className="rounded-xl border border-dashed border-slate-300 p-10 text-center">
                  <p className="text-slate-700">There is no page {request.page} of these results.</p>
                  <Link href={searchHref(state)} className="mt-3 inline-block font-medium text-brand-600 hover:underline">
                    Go to the first page
                  </Link>
                </div>
              ) : (
                <NoResults query={words} clearFiltersHref={withoutFilters} categories={categories} />
              )}
            </PendingRegion>

            <Pagination page={request.page} pageCount={pageCount} basePath="/search" params={pageParams} />
          </section>
        </div>
      )}
    </Container>
  );
}

function InvalidSearch({ message, query }: { message: string; query: string }) {
  return (
    <Container className="py-6 sm:py-8">
      <div className="max-w-3xl">
        <SearchBox variant="page" defaultValue={query} inputId="search-query" />
      </div>
      <div role="alert" data-testid="search-error" className="mt-8 max-w-3xl rounded-xl border border-red-200 bg-red-50 p-5 sm:p-6">
        <h1 className="text-lg font-semibold text-red-900">This search could not be run</h1>
        <p className="mt-1 break-words text-red-800">{message}</p>
        <Link href={queryHref(query)} className="mt-4 inline-block font-medium text-red-900 underline hover:no-underline">
          {query ? `Search for “${query}” without filters` : 'Start a new search'}
        </Link>
      </div>
    </Container>
  );
}

function namesBySlug(categories: CategoryNode[]): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (nodes: CategoryNode[]) => {
    for (const node of nodes) {
      names.set(node.slug, node.name);
      walk(node.children);
    }
  };
  walk(categories);
  return names;
}
