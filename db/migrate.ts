import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { Logger, runMigrations as installJobQueue } from 'graphile-worker';
import { connect } from './client';
import { errorChain, StartupError } from './startup-error';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.error(`[jobs] ${message}`);
});

/**
 * Applies every pending drizzle-kit migration (in one transaction: a failure
 * applies none), then installs or upgrades the job queue's schema
 * (graphile-worker), which business transactions write to. Safe to run on
 * every start. A failure is a StartupError carrying the database's own words.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const { sql, db } = connect(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
    await installJobQueue({ connectionString: url, logger: quietLogger });
  } catch (error) {
    throw new StartupError(`Applying the database migrations failed: ${describeFailure(error)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** "relation "users" already exists (while running: CREATE TABLE "users" …)": the cause first, the statement after. */
function describeFailure(error: unknown): string {
  const chain = errorChain(error);
  const cause = chain[chain.length - 1] ?? 'unknown error';
  const query = chain.find((m) => m.startsWith('Failed query:'))?.replace(/^Failed query:\s*/, '').split('\n')[0];
  return query && query !== cause ? `${cause} (while running: ${query.slice(0, 160)})` : cause;
}
