import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { Logger, runMigrations as installJobQueue } from 'graphile-worker';
import { connect } from './client';

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

const quietLogger = new Logger(() => (level, message) => {
  if (level === 'error' || level === 'warning') console.error(`[jobs] ${message}`);
});

/**
 * Applies every pending drizzle-kit migration, then installs or upgrades the
 * job queue's schema (graphile-worker), which business transactions write to.
 * Safe to run on every start.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const { sql, db } = connect(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await sql.end({ timeout: 5 });
  }
  await installJobQueue({ connectionString: url, logger: quietLogger });
}
