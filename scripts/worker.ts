/** `npm run worker`: the job runner on its own, against DATABASE_URL (or the embedded default). */
import { prepareDatabase } from '../db/bootstrap';
import { startWorker } from '../worker';

const db = await prepareDatabase({ log: (line) => console.log(`[worker] ${line}`), seed: false });
process.env.DATABASE_URL = db.url;
const runner = await startWorker({ connectionString: db.url });
console.log('[worker] running; Ctrl-C to stop');
await runner.promise;
await db.embedded?.stop();
