/**
 * Gets a database ready for the app: the embedded PostgreSQL when DATABASE_URL
 * is unset, migrations applied, and demo data seeded once into an empty database.
 */
import path from 'node:path';
import { connect } from './client';
import { displayPath, embeddedUrl, startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { ensureDataParent } from './embedded-access';
import { migrateDatabase } from './migrate';
import { isDatabaseEmpty, seedDemoData } from './seed';
import { acquireStoreLock, liveOwner, type StoreLock } from './store-lock';
import { isDemoMode } from '../lib/config/demo';
import { PostgresSearchEngine } from '../lib/search/postgres-engine';
import { reindexAll } from '../lib/search/sync';

export type PreparedDatabase = {
  url: string;
  demo: boolean;
  embedded: EmbeddedServer | null;
  /** The data folder's lock, held while this process runs the embedded database. */
  lock: StoreLock | null;
  seeded: boolean;
  /** Stops the embedded database (if this process runs it) and releases the lock. */
  close(): Promise<void>;
};

export const EMBEDDED_DATABASE = 'stockwise';

export type Env = Record<string, string | undefined>;

// The embedded default is a demo shop; the rule lives with the demo accounts.
export { isDemoMode };

export async function prepareDatabase(options: {
  log: (line: string) => void;
  seed?: boolean;
  env?: Env;
  /** The address the store will serve, recorded in the data folder's lock. */
  appUrl?: string;
  /** Use the embedded database of a store already running from the same folder (the worker). */
  joinRunning?: boolean;
}): Promise<PreparedDatabase> {
  const { log, env = process.env } = options;
  const demo = isDemoMode(env);
  if (env.DATABASE_URL) {
    log(`Using the PostgreSQL server at ${redactUrl(env.DATABASE_URL)}`);
    return finishPreparing(env.DATABASE_URL, { demo, embedded: null, lock: null }, options);
  }

  const dataDir = path.resolve(env.STOCKWISE_DATA_DIR ?? '.data/postgres');
  const port = Number(env.STOCKWISE_PG_PORT ?? 54320);
  await ensureDataParent(path.dirname(dataDir));
  const running = options.joinRunning ? liveOwner(dataDir) : null;
  if (running) {
    log(`Using the database of the store running from this folder (pid ${running.pid}, port ${running.pgPort})`);
    return { url: embeddedUrl(running.pgPort, EMBEDDED_DATABASE), demo, embedded: null, lock: null, seeded: false, close: async () => {} };
  }
  const lock = acquireStoreLock(dataDir, { url: options.appUrl ?? null, pgPort: port });
  let embedded: EmbeddedServer | null = null;
  try {
    log(`Starting embedded PostgreSQL on port ${port} (data in ${displayPath(dataDir)})`);
    embedded = await startEmbeddedPostgres({ dataDir, port, log });
    await embedded.ensureDatabase(EMBEDDED_DATABASE);
  } catch (error) {
    await embedded?.stop();
    lock.release();
    throw error;
  }
  return finishPreparing(embedded.urlFor(EMBEDDED_DATABASE), { demo, embedded, lock }, options);
}

async function finishPreparing(
  url: string,
  prepared: Pick<PreparedDatabase, 'demo' | 'embedded' | 'lock'>,
  options: { log: (line: string) => void; seed?: boolean; env?: Env },
): Promise<PreparedDatabase> {
  const { log, env = process.env } = options;
  const close = async () => {
    await prepared.embedded?.stop();
    prepared.lock?.release();
  };
  try {
    log('Applying migrations');
    await migrateDatabase(url);
    const seeded = prepared.demo && options.seed !== false ? await seedIfEmpty(url, log, env) : false;
    await ensureSearchIndex(url, log, env);
    return { url, ...prepared, seeded, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The demo shop and its search index in one transaction: a start killed half-way leaves nothing to trip on. */
async function seedIfEmpty(url: string, log: (line: string) => void, env: Env): Promise<boolean> {
  const { db, sql } = connect(url, { max: 2 });
  try {
    if (!(await isDatabaseEmpty(db))) {
      log('Demo data already present: keeping the existing data');
      return false;
    }
    log('Seeding demo data (first start only)');
    const summary = await db.transaction(async (tx) => {
      const written = await seedDemoData(tx);
      if (!env.MEILISEARCH_HOST) await reindexAll(new PostgresSearchEngine(tx), tx);
      return written;
    });
    log(`Seeded ${summary.products} products, ${summary.variants} variants in ${summary.categories} categories, ${summary.users} demo accounts, ${summary.orders} past orders`);
    return true;
  } finally {
    await sql.end({ timeout: 5 });
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
