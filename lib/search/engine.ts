/** The search engine, chosen once from the environment: Meilisearch when MEILISEARCH_HOST is set, else PostgreSQL. */
import { getDb, type DbOrTx } from '@/db/client';
import { MeilisearchEngine } from './meilisearch-engine';
import { PostgresSearchEngine } from './postgres-engine';
import type { SearchEngine } from './types';

let meili: MeilisearchEngine | undefined;

export function searchEngine(db: DbOrTx = getDb()): SearchEngine {
  const host = process.env.MEILISEARCH_HOST;
  if (!host) return new PostgresSearchEngine(db);
  meili ??= new MeilisearchEngine({ host, apiKey: process.env.MEILISEARCH_API_KEY, indexName: process.env.MEILISEARCH_INDEX ?? 'products' });
  return meili;
}
