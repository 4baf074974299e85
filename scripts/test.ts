/**
 * Every test, in one command (`npm test`):
 *   1. unit and integration tests (Vitest) against a real PostgreSQL and a real Redis,
 *   2. a production build of the app,
 *   3. the launcher suite: real `npm start` processes on that build (start-up failures, locks, seeding),
 *   4. e2e journeys (Playwright) in Debian's Chromium against that build.
 * Fails with a clear message when a system package it needs is missing; never skips.
 * Flags: --unit (only Vitest), --e2e (only build, launcher suite and Playwright), --no-build (reuse .next).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const args = new Set(process.argv.slice(2));
const runUnit = !args.has('--e2e');
const runE2e = !args.has('--unit');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const step = (text: string) => console.log(`\n\x1b[1m▶ ${text}\x1b[0m (${elapsed()})`);

function fail(message: string): never {
  console.error(`\n\x1b[31m✗ ${message}\x1b[0m`);
  process.exit(1);
}

function requireExecutable(file: string, hint: string) {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    fail(`${file} is missing. ${hint}`);
  }
}

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', env });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${[command, ...commandArgs].join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

async function main() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (runE2e) {
    requireExecutable(chromium, 'The e2e tests drive Debian\'s Chromium: run `apt-get install -y chromium` (or set CHROMIUM_PATH).');
  }
  if (runUnit && !process.env.REDIS_URL) {
    requireExecutable(process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server', 'redis-server not found: apt-get install -y redis-server (or set REDIS_URL)');
  }
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

  if (runUnit) {
    step('Unit and integration tests (Vitest, real PostgreSQL and Redis)');
    await run(bin('vitest'), ['run'], env);
  }
  if (runE2e) {
    if (!args.has('--no-build')) {
      step('Building the app (next build)');
      await run(bin('next'), ['build'], env);
    }
    step('Launcher tests (real npm start processes on the build)');
    await run(bin('vitest'), ['run', '--config', 'vitest.launcher.config.ts'], env);
    step(`End-to-end tests (Playwright, ${chromium})`);
    rmSync(path.join(root, process.env.E2E_DATA_DIR ?? path.join('.data', 'e2e-postgres')), { recursive: true, force: true });
    rmSync(path.join(root, process.env.STOCKWISE_DIST_DIR || '.next', 'cache', 'fetch-cache'), { recursive: true, force: true });
    await run(bin('playwright'), ['test'], { ...env, CHROMIUM_PATH: chromium });
    console.log(`Screenshots: ${path.join('artifacts', 'e2e')}/*.png`);
  }
  console.log(`\n\x1b[32m✓ All tests passed\x1b[0m in ${elapsed()}`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
