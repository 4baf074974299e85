/** `npm run worker`: the job runner on its own, against DATABASE_URL (or the embedded default). */
import { prepareDatabase } from '../db/bootstrap';
import { startWorker } from '../worker';
import { exitOnSignals } from './exit-on-signals';

exitOnSignals();

// With the embedded default, a worker started next to a running store joins its database.
const db = await prepareDatabase({ log: (line) => console.log(`[worker] ${line}`), seed: false, joinRunning: true });
process.env.DATABASE_URL = db.url;
const worker = await startWorker({ connectionString: db.url });

// Stop the worker (it finishes or releases its jobs) before the embedded database goes away.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('[worker] stopping');
  await worker.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// A database going away during shutdown is expected, not a crash.
process.on('uncaughtException', (error) => {
  if (!stopping) throw error;
});
console.log('[worker] running; Ctrl-C to stop');
await worker.promise;
