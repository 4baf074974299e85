/** `npm run search:reindex`: rebuilds the search index (Meilisearch or the built-in one) from the catalog, with progress. */
import { sql } from 'drizzle-orm';
import { connect } from '../db/client';
import { prepareDatabase } from '../db/bootstrap';
import { searchEngine } from '../lib/search/engine';
import { reindexAll } from '../lib/search/sync';
import { exitOnSignals } from './exit-on-signals';

exitOnSignals();

const prepared = await prepareDatabase({ log: (line) => console.log(`[reindex] ${line}`), seed: false, joinRunning: true });
const { db, sql: client } = connect(prepared.url, { max: 2 });
try {
  const [{ total } = { total: 0 }] = await db.execute<{ total: number }>(sql`select count(*)::int as total from products where status = 'active'`);
  const engine = searchEngine(db);
  await engine.prepare();
  const started = Date.now();
  const bar = (done: number) => {
    const width = 30;
    const filled = total ? Math.round((done / total) * width) : width;
    process.stdout.write(`\r[reindex] ${engine.name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} products`);
  };
  bar(0);
  const done = await reindexAll(engine, db, bar);
  process.stdout.write(`\n[reindex] ${done} products indexed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
} finally {
  await client.end({ timeout: 5 });
  await prepared.close();
}
