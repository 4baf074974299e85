/**
 * The job runner: graphile-worker on the app's PostgreSQL, plus the relay
 * that feeds it from the transactional outbox. It runs inside the web process
 * by default (instrumentation.ts) and on its own with `npm run worker` (then
 * start the web with STOCKWISE_WORKER=off).
 */
import { Logger, run } from 'graphile-worker';
import { connect } from '@/db/client';
import { relayOutbox } from '@/lib/events/relay';
import { crontab, startupJobs, taskList } from './tasks';

const logger = new Logger((scope) => (level, message) => {
  if (level === 'debug') return;
  const line = `[worker${scope.label ? `:${scope.label}` : ''}] ${message}`;
  if (level === 'error' || level === 'warning') console.error(line);
  else if (process.env.STOCKWISE_WORKER_VERBOSE === '1') console.log(line);
});

export type Worker = { stop(): Promise<void>; promise: Promise<void> };

export async function startWorker(options: { connectionString: string; concurrency?: number; pollInterval?: number; relayEveryMs?: number }): Promise<Worker> {
  const runner = await run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? Number(process.env.STOCKWISE_WORKER_CONCURRENCY ?? 4),
    pollInterval: options.pollInterval ?? 1000,
    // Whoever runs the worker decides how to shut down (the web process, or scripts/worker.ts).
    noHandleSignals: true,
    taskList,
    crontab,
    logger,
  });
  for (const job of startupJobs) await runner.addJob(job.task, {}, { jobKey: job.jobKey });

  const { db, sql } = connect(options.connectionString, { max: 1 });
  let stopped = false;
  const relayLoop = (async () => {
    while (!stopped) {
      let moved = 0;
      try {
        moved = await relayOutbox(db);
      } catch (error) {
        if (!stopped) console.error('[worker] outbox relay failed; retrying', error);
      }
      // A full batch means more is waiting: go again at once.
      if (moved < 1000 && !stopped) await new Promise((resolve) => setTimeout(resolve, options.relayEveryMs ?? 100));
    }
  })();

  return {
    promise: runner.promise,
    async stop() {
      stopped = true;
      await relayLoop;
      await sql.end({ timeout: 5 });
      await runner.stop();
    },
  };
}
