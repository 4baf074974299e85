/**
 * Search on a Meilisearch server: one multi-search per search (the page of
 * hits plus, for each filtered facet, its counts without its own filter).
 */
import {
  Meilisearch,
  MeilisearchApiError,
  type FacetDistribution,
  type Index,
  type MultiSearchQuery,
  type SearchParams,
} from 'meilisearch';
import {
  FACET_ATTRIBUTES,
  HIT_ATTRIBUTES,
  PRIMARY_KEY,
  buildFilter,
  facetCountsFrom,
  filteredFacets,
  indexSettings,
  sortFor,
  toMeiliDocument,
  toSearchHit,
  type MeiliDocument,
  type MeiliHitDocument,
} from './meilisearch-mapping';
import { FACETS, type Facet, type SearchDocument, type SearchEngine, type SearchRequest, type SearchResult } from './types';

export type MeilisearchEngineOptions = {
  host: string;
  apiKey?: string;
  indexName?: string;
  /** Per HTTP request; a search that takes longer fails rather than hanging the page. */
  requestTimeoutMs?: number;
  /** How long to wait for an indexing or settings task to finish. */
  taskTimeoutMs?: number;
  /** How often to poll a task while waiting. */
  taskPollMs?: number;
};

const BATCH_SIZE = 1_000;

const inBatches = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

// Every query must contain every (non-stop) word, as with the PostgreSQL
// engine; otherwise a chosen sort would interleave partial matches.
const MATCHING = { matchingStrategy: 'all' } as const satisfies SearchParams;

/** The message of an error and of its causes, with Meilisearch's error code when there is one. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 4; depth++) {
    if (current instanceof MeilisearchApiError) {
      parts.push(current.cause?.code ? `${current.message} (${current.cause.code})` : current.message);
      break;
    }
    parts.push(current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  readonly #host: string;
  readonly #indexName: string;
  readonly #client: Meilisearch;
  readonly #index: Index<MeiliDocument>;
  readonly #wait: { timeout: number; interval: number };

  constructor(options: MeilisearchEngineOptions) {
    this.#host = options.host;
    this.#indexName = options.indexName ?? 'products';
    this.#wait = { timeout: options.taskTimeoutMs ?? 120_000, interval: options.taskPollMs ?? 100 };
    try {
      this.#client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.requestTimeoutMs ?? 10_000 });
    } catch (error) {
      throw this.#failure('configuring the client', error);
    }
    this.#index = this.#client.index<MeiliDocument>(this.#indexName);
  }

  /** Creates the index if needed and applies its settings; waits until they are in effect. */
  /** Applies the index settings (searchable, filterable, sortable attributes, facets). */
  prepare(): Promise<void> {
    return this.applySettings();
  }

  async applySettings(): Promise<void> {
    await this.#attempt('applying index settings', async () => this.#succeeded((await this.#index.updateSettings(indexSettings())).taskUid));
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const { filters } = request;
    const filtered = filteredFacets(filters);
    const base = { indexUid: this.#indexName, q: request.query, ...MATCHING };
    const main: MultiSearchQuery = {
      ...base,
      filter: nonEmpty(buildFilter(filters)),
      // Without words to rank by, newest first (as the PostgreSQL engine does), not index order.
      sort: sortFor(request.sort) ?? (request.query.trim() === '' ? sortFor('newest') : undefined),
      page: request.page,
      hitsPerPage: request.limit,
      facets: FACETS.filter((facet) => !filtered.includes(facet)).map((facet) => FACET_ATTRIBUTES[facet]),
      attributesToRetrieve: [...HIT_ATTRIBUTES],
    };
    const countsWithoutOwnFilter: MultiSearchQuery[] = filtered.map((facet) => ({
      ...base,
      filter: nonEmpty(buildFilter(filters, facet)),
      limit: 0,
      facets: [FACET_ATTRIBUTES[facet]],
    }));

    const { results } = await this.#attempt('searching', () =>
      this.#client.multiSearch<{ queries: MultiSearchQuery[] }, MeiliHitDocument>({ queries: [main, ...countsWithoutOwnFilter] }),
    );
    const [page, ...perFacet] = results;
    if (!page || perFacet.length !== filtered.length) {
      throw this.#failure('searching', new Error(`expected ${filtered.length + 1} results, got ${results.length}`));
    }
    const perFacetDistribution: Partial<Record<Facet, FacetDistribution | undefined>> = Object.fromEntries(
      filtered.map((facet, i) => [facet, perFacet[i]?.facetDistribution]),
    );

    return {
      hits: page.hits.map((hit) => toSearchHit(hit, filters)),
      facets: facetCountsFrom(page.facetDistribution, perFacetDistribution),
      total: page.totalHits ?? page.estimatedTotalHits ?? 0,
      page: request.page,
      limit: request.limit,
      // Meilisearch already matches through typos, so there is no corrected query to offer.
      didYouMean: null,
    };
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    if (prefix.trim() === '' || limit <= 0) return [];
    const response = await this.#attempt('suggesting', () =>
      this.#index.search<Pick<MeiliDocument, 'name'>>(prefix, { limit, attributesToRetrieve: ['name'], ...MATCHING }),
    );
    return [...new Set(response.hits.map((hit) => hit.name))];
  }

  async upsert(documents: readonly SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.#attempt('indexing documents', async () => {
      // Enqueue every batch before waiting, so Meilisearch can index them together.
      const taskUids: number[] = [];
      for (const batch of inBatches(documents.map(toMeiliDocument), BATCH_SIZE)) {
        taskUids.push((await this.#index.addDocuments(batch, { primaryKey: PRIMARY_KEY })).taskUid);
      }
      for (const taskUid of taskUids) await this.#succeeded(taskUid);
    });
  }

  async remove(productIds: readonly string[]): Promise<void> {
    if (productIds.length === 0) return;
    await this.#attempt('removing documents', async () => {
      for (const batch of inBatches([...new Set(productIds)], BATCH_SIZE)) await this.#succeeded((await this.#index.deleteDocuments(batch)).taskUid);
    });
  }

  /** Waits for a task to finish; fails unless it succeeded. */
  async #succeeded(taskUid: number): Promise<void> {
    const task = await this.#client.tasks.waitForTask(taskUid, this.#wait);
    if (task.status !== 'succeeded') {
      const reason = task.error ? `${task.error.message} (${task.error.code})` : 'no reason given';
      throw new Error(`task ${task.uid} ${task.status}: ${reason}`);
    }
  }

  async #attempt<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.#failure(operation, error);
    }
  }

  #failure(operation: string, error: unknown): Error {
    return new Error(`Meilisearch at ${this.#host} (index "${this.#indexName}"): ${operation} failed: ${describeError(error)}`, { cause: error });
  }
}

/** Meilisearch takes no filter as "everything"; an empty array is left out rather than sent. */
function nonEmpty(groups: string[][]): string[][] | undefined {
  return groups.length > 0 ? groups : undefined;
}
