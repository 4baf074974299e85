import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle or the database itself: lib functions that write accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

type Connection = { url: string; sql: postgres.Sql; db: Db };

// Kept on globalThis so Next's dev server reloading modules does not open a new pool each time.
const holder = globalThis as unknown as { __stockwiseDb?: Connection };

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set. Start the store with `npm start` (it starts the embedded PostgreSQL) or set DATABASE_URL.',
    );
  }
  return url;
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Seconds before a dropped connection reconnects, after `retries` errored closes: 0.1 s doubling, at most 2 s, jittered. */
export function reconnectBackoff(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.1 * 2 ** retries, 2);
}

export function connect(url: string, options: { max?: number } = {}): Connection {
  const sql = postgres(url, {
    max: options.max ?? Number(process.env.DATABASE_POOL_MAX ?? 10),
    onnotice: () => {},
    connection: { application_name: 'stockwise' },
    // postgres.js waits (0.5–1) × min(3^n / 100, 20) s before reconnecting, n counting errored closes
    // pool-wide until a connection succeeds: after a burst of dropped connections (a failover, killed
    // backends) the whole pool sat idle for up to 20 s (test/faults/terminate-backend.test.ts). Cap it at 2 s.
    backoff: reconnectBackoff,
  });
  return { url, sql, db: drizzle(sql, { schema }) };
}

function connection(): Connection {
  const url = databaseUrl();
  const current = holder.__stockwiseDb;
  if (current && current.url === url) return current;
  if (current) void current.sql.end({ timeout: 5 });
  holder.__stockwiseDb = connect(url);
  return holder.__stockwiseDb;
}

/** The shared Drizzle database for DATABASE_URL. */
export function getDb(): Db {
  return connection().db;
}

/** The raw postgres.js client, for the few queries Drizzle cannot express. */
export function getSql(): postgres.Sql {
  return connection().sql;
}

export async function closeDb(): Promise<void> {
  const current = holder.__stockwiseDb;
  holder.__stockwiseDb = undefined;
  if (current) await current.sql.end({ timeout: 5 });
}

/** Runs `work` in a new transaction, or inside the caller's when `db` already is one. */
export function inTransaction<T>(db: DbOrTx, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return 'rollback' in db ? work(db) : db.transaction(work);
}

export { schema };
