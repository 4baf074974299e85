/**
 * Gets a database ready for the app: the embedded PostgreSQL when DATABASE_URL
 * is unset, migrations applied, and demo data seeded once into an empty database.
 */
import path from 'node:path';
import { connect } from './client';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded';
import { migrateDatabase } from './migrate';
import { isDatabaseEmpty, seedDemoData } from './seed';

export type PreparedDatabase = {
  url: string;
  demo: boolean;
  embedded: EmbeddedServer | null;
  seeded: boolean;
};

export const EMBEDDED_DATABASE = 'stockwise';

export type Env = Record<string, string | undefined>;

export function isDemoMode(env: Env = process.env): boolean {
  if (env.STOCKWISE_DEMO === '1') return true;
  if (env.STOCKWISE_DEMO === '0') return false;
  return !env.DATABASE_URL; // the embedded default is a demo shop
}

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
          log(`Seeded ${summary.products} products, ${summary.variants} variants in ${summary.categories} categories, ${summary.users} demo accounts`);
          seeded = true;
        } else {
          log('Demo data already present: keeping the existing data');
        }
      } finally {
        await sql.end({ timeout: 5 });
      }
    }
    return { url, demo, embedded, seeded };
  } catch (error) {
    await embedded?.stop();
    throw error;
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
