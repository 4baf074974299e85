/**
 * The store's launcher.
 *   npm start          embedded PostgreSQL (unless DATABASE_URL), migrations, demo data, build if needed, next start
 *   npm run dev        the same with `next dev`
 *   npm run db:migrate apply migrations and stop
 *   npm run db:seed    seed demo data into an empty database and stop
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareDatabase, type PreparedDatabase } from '../db/bootstrap';
import { connect } from '../db/client';
import { isPortInUse } from '../db/embedded';
import { StartupError } from '../db/startup-error';
import { productionProblems } from '../lib/config/production';
import { parseTrustedProxies } from '../lib/security/client-address';
import { nodeProblem } from './check-node.mjs';
import { exitOnSignals } from './exit-on-signals';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

const started = Date.now();
const log = (line: string) => console.log(`[stockwise +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const distDir = path.join(root, process.env.STOCKWISE_DIST_DIR || '.next');

async function main(): Promise<void> {
  const problem = nodeProblem();
  if (problem) throw new StartupError(problem);
  exitOnSignals();
  const command = process.argv[2] ?? 'start';
  switch (command) {
    case 'start':
      return serve('start');
    case 'dev':
      return serve('dev');
    case 'migrate':
    case 'seed': {
      const db = await prepareDatabase({ log, seed: command === 'seed' });
      await db.close();
      log('Done');
      return;
    }
    default:
      console.error(`Unknown command "${command}". Use start, dev, migrate or seed.`);
      process.exitCode = 2;
  }
}

async function serve(mode: 'start' | 'dev'): Promise<void> {
  const port = process.env.PORT ?? '3000';
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new StartupError(`PORT must be a port number (1–65535), not "${port}".`);
  const proxies = parseTrustedProxies(process.env.STOCKWISE_TRUSTED_PROXIES);
  if (proxies.problems.length > 0) {
    throw new StartupError(`STOCKWISE_TRUSTED_PROXIES: ${proxies.problems.join('; ')}. Give addresses or CIDRs separated by commas, e.g. 127.0.0.1,10.0.0.0/8.`);
  }
  await assertAppPortFree(Number(port));
  const db = await prepareDatabase({ log, appUrl: `http://localhost:${port}` });
  await refuseUnsafeProduction(db);
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    STOCKWISE_DEMO: db.demo ? '1' : '0',
    AUTH_SECRET: authSecret(db.demo),
    NEXT_TELEMETRY_DISABLED: '1',
  };

  if (mode === 'start') {
    if (needsBuild()) {
      log('Building the app (first start or changed sources; a few minutes on a small machine)');
      const code = await run([nextBin, 'build'], env);
      if (code !== 0) {
        await db.close();
        throw new StartupError(`The build failed (next build exit ${code}): see its output above.`);
      }
      writeFileSync(sourceStampFile, sourceStamp());
    }
    // Cached catalog data belongs to the database it was read from: start cold.
    rmSync(path.join(distDir, 'cache', 'fetch-cache'), { recursive: true, force: true });
  }

  log(`Starting Next.js (${mode}) on http://localhost:${port}`);
  // Every request is stamped with its socket's address before Next sees it (lib/security/client-address.ts).
  const stamp = pathToFileURL(path.join(root, 'scripts', 'stamp-peer-address.mjs')).href;
  const child = spawn(process.execPath, ['--import', stamp, nextBin, mode, '-p', port], { env, stdio: 'inherit' });
  await supervise(child, db);
}

async function assertAppPortFree(port: number): Promise<void> {
  if (await isPortInUse(port)) {
    throw new StartupError(`Port ${port} is in use (another program, or another store): set PORT to a free port, e.g. PORT=${port + 1} npm start.`);
  }
}

/**
 * Forwards Ctrl-C / SIGTERM to Next, then stops the embedded database (which runs in
 * its own process group, so the terminal's Ctrl-C does not pull it from under the app).
 * Next stopping on its own (it could not listen, it crashed) is a failure.
 */
function supervise(child: ChildProcess, db: PreparedDatabase): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      child.kill(signal);
    };
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    child.on('exit', async (code, signal) => {
      if (db.embedded) log('Stopping embedded PostgreSQL');
      await db.close();
      if (stopping) {
        process.exitCode = 0;
      } else {
        console.error(`\n[stockwise] The app stopped by itself (${signal ?? `exit ${code}`}); see its output above.`);
        process.exitCode = code || 1;
      }
      resolve();
    });
  });
}

/**
 * A real shop (not demo mode) must not start with published secrets or with the
 * demo accounts' published passwords still valid: each problem is named and the
 * launcher stops. A demo on your own DATABASE_URL (STOCKWISE_DEMO=1) is allowed, with a warning.
 */
async function refuseUnsafeProduction(db: PreparedDatabase): Promise<void> {
  if (db.demo) {
    if (process.env.DATABASE_URL) log('Warning: demo mode on your own DATABASE_URL. The demo accounts and their published passwords sign in: never run a real shop like this.');
    return;
  }
  const { db: conn, sql } = connect(db.url, { max: 1 });
  let problems: string[];
  try {
    problems = await productionProblems(conn, { ...process.env, STOCKWISE_DEMO: '0' });
  } finally {
    await sql.end({ timeout: 5 });
  }
  if (problems.length === 0) return;
  await db.close();
  throw new StartupError(`Refusing to start a non-demo shop (STOCKWISE_DEMO is off):\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix these, or run the demo with STOCKWISE_DEMO=1.`);
}

/**
 * Sessions and cart cookies are signed with AUTH_SECRET. The demo store makes
 * one on first start and keeps it in .data/, so sign-ins survive restarts;
 * a production store must be given one.
 */
function authSecret(demo: boolean): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (!demo) throw new StartupError('AUTH_SECRET is not set. Set it to a long random string (e.g. `openssl rand -base64 32`).');
  const file = path.join(root, '.data', 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const sourceStampFile = path.join(distDir, 'stockwise-source-stamp');
const SOURCE_DIRS = ['app', 'components', 'lib', 'db', 'public', 'worker'];
const SOURCE_FILES = ['next.config.ts', 'package.json', 'postcss.config.mjs', 'tsconfig.json', 'proxy.ts', 'instrumentation.ts', 'auth.ts'];

/** A fingerprint of everything the build reads, so `npm start` rebuilds after the code changes. */
function sourceStamp(): string {
  const hash = createHash('sha256');
  const visit = (file: string) => {
    const stat = statSync(file);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(file).sort()) visit(path.join(file, entry));
    } else {
      hash.update(`${file}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const entry of [...SOURCE_DIRS, ...SOURCE_FILES]) if (existsSync(entry)) visit(entry);
  return hash.digest('hex');
}

function needsBuild(): boolean {
  if (process.env.STOCKWISE_SKIP_BUILD === '1') return false;
  if (!existsSync(path.join(distDir, 'BUILD_ID')) || !existsSync(sourceStampFile)) return true;
  return readFileSync(sourceStampFile, 'utf8') !== sourceStamp();
}

/** One clear message, no stack (set STOCKWISE_DEBUG=1 for it), and a non-zero exit. */
function failStartup(error: unknown): never {
  const known = error instanceof StartupError;
  console.error(`\n[stockwise] ${error instanceof Error ? error.message : String(error)}`);
  if (!known) console.error('[stockwise] This is unexpected: run again with STOCKWISE_DEBUG=1 for the details, and report it.');
  if (process.env.STOCKWISE_DEBUG === '1' && error instanceof Error) console.error(error.stack);
  process.exit(1);
}

process.on('uncaughtException', failStartup);
process.on('unhandledRejection', failStartup);
main().catch(failStartup);
