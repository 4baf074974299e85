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

export function connect(url: string, options: { max?: number } = {}): Connection {
  const sql = postgres(url, {
    max: options.max ?? Number(process.env.DATABASE_POOL_MAX ?? 10),
    onnotice: () => {},
    connection: { application_name: 'stockwise' },
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
