/**
 * Gets a database ready for the app: the embedded PostgreSQL when DATABASE_URL
 * is unset, migrations applied, and demo data seeded once into an empty database.
 */
import path from 'node:path';
import { connect } from './client';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { migrateDatabase } from './migrate';
import { isDatabaseEmpty, seedDemoData } from './seed';
import { isDemoMode } from '../lib/config/demo';
import { PostgresSearchEngine } from '../lib/search/postgres-engine';
import { reindexAll } from '../lib/search/sync';

export type PreparedDatabase = {
  url: string;
  demo: boolean;
  embedded: EmbeddedServer | null;
  seeded: boolean;
};

export const EMBEDDED_DATABASE = 'stockwise';

export type Env = Record<string, string | undefined>;

// The embedded default is a demo shop; the rule lives with the demo accounts.
export { isDemoMode };

export async function prepareDatabase(options: {
  log: (line: string) => void;
  seed?: boolean;
  env?: Env;
}): Promise<PreparedDatabase> {
  const { log, env = process.env } = options;
  const demo = isDemoMode(env);
  let embedded: EmbeddedServer | null = null;
  let url = env.DATABASE_URL;

  if (!url) {
    const dataDir = path.resolve(env.STOCKWISE_DATA_DIR ?? '.data/postgres');
    const port = Number(env.STOCKWISE_PG_PORT ?? 54320);
    log(`Starting embedded PostgreSQL on port ${port} (data in ${path.relative(process.cwd(), dataDir)})`);
    embedded = await startEmbeddedPostgres({ dataDir, port, log });
    await embedded.ensureDatabase(EMBEDDED_DATABASE);
    url = embedded.urlFor(EMBEDDED_DATABASE);
  } else {
    log(`Using the PostgreSQL server at ${redactUrl(url)}`);
  }

  try {
    log('Applying migrations');
    await migrateDatabase(url);

    let seeded = false;
    if (demo && options.seed !== false) {
      const { db, sql } = connect(url, { max: 2 });
      try {
        if (await isDatabaseEmpty(db)) {
          log('Seeding demo data (first start only)');
          const summary = await seedDemoData(db);
          log(`Seeded ${summary.products} products, ${summary.variants} variants in ${summary.categories} categories, ${summary.users} demo accounts, ${summary.orders} past orders`);
          seeded = true;
        } else {
          log('Demo data already present: keeping the existing data');
        }
      } finally {
        await sql.end({ timeout: 5 });
      }
    }
    await ensureSearchIndex(url, log, env);
    return { url, demo, embedded, seeded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/**
 * The built-in PostgreSQL search index is filled on first start (afterwards jobs keep
 * it in step). An external engine is filled with `npm run search:reindex`.
 */
async function ensureSearchIndex(url: string, log: (line: string) => void, env: Env): Promise<void> {
  if (env.MEILISEARCH_HOST) return;
  const { db, sql } = connect(url, { max: 2 });
  try {
    const [row] = await sql<{ empty: boolean }[]>`
      select not exists (select 1 from search_documents) and exists (select 1 from products where status = 'active') as empty`;
    if (!row?.empty) return;
    log('Building the search index');
    const count = await reindexAll(new PostgresSearchEngine(db), db);
    log(`Indexed ${count} products for search`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
