/**
 * `npm run bench` runs every benchmark; `npm run bench -- reserve http` only those.
 * Each prints a table and writes bench/results/<name>.json. Not tests: no
 * pass/fail on speed, but a wrong answer (an oversold unit) fails the run.
 */
import { existsSync } from 'node:fs';
import { startRedisServer } from '../test/redis-server';
import { runHttpBenchmark } from './http';
import { runReserveBenchmark } from './reserve';
import { runSearchBenchmark } from './search';

const BENCHMARKS: Record<string, (log: (line: string) => void) => Promise<unknown>> = {
  reserve: runReserveBenchmark,
  http: runHttpBenchmark,
  search: runSearchBenchmark,
};

// The hot-item gate runs on Redis when one can be had: REDIS_URL, or a redis-server started for the run.
let redis: { stop(): Promise<void> } | null = null;
if (!process.env.REDIS_URL && existsSync(process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server')) {
  const server = await startRedisServer();
  process.env.REDIS_URL = server.url;
  redis = server;
}

const started = Date.now();
const log = (line: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !BENCHMARKS[name]);
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHMARKS)) {
  log(`── ${name} ──`);
  await BENCHMARKS[name]!(log);
}
log('done');
await redis?.stop();
process.exit(process.exitCode ?? 0);
