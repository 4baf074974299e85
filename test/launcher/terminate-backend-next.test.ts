/**
 * pg_terminate_backend against the built app under `next start` (issue 17, item 9):
 * the same scenario as test/faults/terminate-backend.test.ts, but over HTTP through
 * the real Next router and proxy.ts (which rate-limits /api/v1 and looks up the API
 * key before the route does). Every caller gets success, 409 out of stock or a
 * retryable 503 `unavailable` with Retry-After: never a 500, never a 401 for a
 * valid key; no partial order; the inventory invariants hold.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { seedDemoData } from '@/db/seed';
import { createApiKey } from '@/lib/auth/api-keys';
import { brokenInvariants, SEED, waitFor } from '@/test/faults/harness';
import { expectFaultsWithstood, lostAndPhantomOrders, runTerminateRounds } from '@/test/faults/terminate-scenario';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock } from '@/test/stock';
import { repoRoot } from './launcher-process';

const SECRET = 'whsec_faults_terminate_next';
const DEMO_KEY = 'sw_test_shopper_demo';
const ROUNDS = Number(process.env.FAULT_TERMINATE_NEXT_ROUNDS ?? 6);
const ROUND_MS = Number(process.env.FAULT_TERMINATE_NEXT_ROUND_MS ?? 1500);
const CLIENTS = 8;

const scratch = mkdtempSync(path.join(os.tmpdir(), 'stockwise-terminate-next-'));
let server: EmbeddedServer | undefined;
let url = '';
let next: { child: ChildProcess; output: string[]; exited: Promise<void> } | undefined;
let admin: postgres.Sql | undefined;

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'pg'), port: await freePort(), fast: true });
  await server.ensureDatabase('stockwise');
  url = server.urlFor('stockwise');
  await migrateDatabase(url);
  const setup = connect(url, { max: 2 });
  try {
    await seedDemoData(setup.db);
  } finally {
    await setup.sql.end();
  }
});

afterAll(async () => {
  await admin?.end({ timeout: 5 });
  if (next && next.child.exitCode === null && next.child.signalCode === null) {
    next.child.kill('SIGTERM');
    const stopped = await Promise.race([next.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))]);
    if (!stopped) {
      next.child.kill('SIGKILL');
      await next.exited;
    }
  }
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function startNext(port: number) {
  // As scripts/stockwise.ts starts it: every request stamped with its socket's address first.
  const stamp = pathToFileURL(path.join(repoRoot, 'scripts', 'stamp-peer-address.mjs')).href;
  const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['PORT', 'REDIS_URL', 'STOCKWISE_DATA_DIR', 'STOCKWISE_PG_PORT', 'STRIPE_SECRET_KEY', 'NODE_OPTIONS']) delete env[key];
  Object.assign(env, {
    DATABASE_URL: url,
    STOCKWISE_DEMO: '1',
    AUTH_SECRET: 'terminate-backend-next-test-secret-0123456789',
    STOCKWISE_WORKER: 'off',
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_ENV: 'production',
    STOCKWISE_RATE_LIMITS: 'api=100000/60,checkout=100000/60',
    STRIPE_WEBHOOK_SECRET: SECRET,
  });
  const child = spawn(process.execPath, ['--import', stamp, nextBin, 'start', '-p', String(port)], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, output, exited };
}

it('answers success or a retryable 503 through next start and proxy.ts while connections are terminated, and leaves no partial order', async () => {
  const started = Date.now();
  console.log(`[faults:terminate-next] seed ${SEED} (FAULT_SEED to override)`);
  admin = postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: 'faults-killer' } });
  const since = (await admin<{ now: Date }[]>`select now()`)[0]!.now;

  // Keys and stock, through a connection of our own that is closed before the killing starts
  // (it carries the app's application_name, which the killer aims at).
  const setup = connect(url, { max: 2 });
  let keys: string[];
  let variantIds: string[];
  try {
    const userRows = await admin<{ id: string }[]>`select id from users order by email limit 3`;
    keys = [DEMO_KEY, ...(await Promise.all(userRows.map((u) => createApiKey(setup.db, u.id, 'faults-next').then((k) => k.key))))];
    variantIds = (await variantsWithStock(setup.db, 1, 1_000_000, 6)).map((v) => v.id);
    for (const id of variantIds) await setExactStock(setup.db, id, [40 * ROUNDS]);
  } finally {
    await setup.sql.end();
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  next = startNext(port);
  const server = next;
  // Ready when the API answers through proxy.ts and the route, with the database behind them.
  await waitFor(
    'next start to answer GET /api/v1/orders',
    async () => (await fetch(`${base}/api/v1/orders`, { headers: { authorization: `Bearer ${DEMO_KEY}` }, signal: AbortSignal.timeout(10_000) })).status === 200,
    120_000,
    { name: 'next start', process: server.child, output: server.output, exited: server.exited.then(() => server.child.exitCode) },
  );
  const readyMs = Date.now() - started;

  const { figures, orders, streamMs, retriesLeft } = await runTerminateRounds({
    send: (route, init) => fetch(`${base}${route}`, { ...init, signal: AbortSignal.timeout(30_000) }),
    admin, apiKeys: keys, variantIds, webhookSecret: SECRET, seed: SEED + 9, rounds: ROUNDS, roundMs: ROUND_MS, clients: CLIENTS,
  });

  const check = connect(url, { max: 1 });
  let problems: string[];
  try {
    problems = [...(await brokenInvariants(check.db, { since, settled: false })), ...(await lostAndPhantomOrders(admin, since, orders))];
  } finally {
    await check.sql.end();
  }
  const serverLog = server.output.join('');
  console.log(`[faults:terminate-next] ${JSON.stringify({ ...figures, ready_ms: readyMs, stream_ms: streamMs, duration_ms: Date.now() - started, problems })}`);
  expect(server.child.exitCode, `next start exited:\n${serverLog}`).toBeNull();
  expect(retriesLeft.filter((n) => n > 0), 'checkouts still failing after a round\'s retries').toEqual([]);
  expectFaultsWithstood(figures, problems, ROUNDS);
  expect(figures.checkouts_retryable_failed + figures.webhooks_retryable_failed, 'no request ever met a terminated connection').toBeGreaterThan(0);
}, 240_000);
