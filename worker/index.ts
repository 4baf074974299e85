/**
 * The job runner: graphile-worker on the app's PostgreSQL. It runs inside the
 * web process by default (instrumentation.ts) and on its own with
 * `npm run worker` (then start the web with STOCKWISE_WORKER=off).
 */
import { Logger, run, type Runner } from 'graphile-worker';
import { crontab, taskList } from './tasks';

const logger = new Logger((scope) => (level, message) => {
  if (level === 'debug') return;
  const line = `[worker${scope.label ? `:${scope.label}` : ''}] ${message}`;
  if (level === 'error' || level === 'warning') console.error(line);
  else if (process.env.STOCKWISE_WORKER_VERBOSE === '1') console.log(line);
});

export async function startWorker(options: { connectionString: string; concurrency?: number; pollInterval?: number }): Promise<Runner> {
  return run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? Number(process.env.STOCKWISE_WORKER_CONCURRENCY ?? 4),
    pollInterval: options.pollInterval ?? 1000,
    noHandleSignals: false,
    taskList,
    crontab,
    logger,
  });
}
