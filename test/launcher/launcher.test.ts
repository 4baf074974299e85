/**
 * The first five minutes (issue 15), with real processes: the launcher as `npm start`
 * runs it, the real embedded PostgreSQL, and the built app (this suite runs after
 * `next build`, see scripts/test.ts).
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { seedDemoData } from '@/db/seed';
import { seedFingerprint } from '@/db/seed/fingerprint';
import { lockFileFor } from '@/db/store-lock';
import { satisfiesMinimum } from '@/scripts/check-node.mjs';
import { launch, launcherEnv, pollUntil, repoRoot, STACK_LINE, statusOf, stopLauncher, type Launched } from './launcher-process';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'stockwise-launcher-'));
let server: EmbeddedServer;
let referenceFingerprint: string;
const running: Launched[] = [];

beforeAll(async () => {
  server = await startEmbeddedPostgres({ dataDir: path.join(scratch, 'shared-pg'), port: await freePort(), fast: true });
  await server.ensureDatabase('reference');
  await migrateDatabase(server.urlFor('reference'));
  const reference = connect(server.urlFor('reference'), { max: 2 });
  await seedDemoData(reference.db);
  referenceFingerprint = await seedFingerprint(reference.db);
  await reference.sql.end();
});

afterAll(async () => {
  await Promise.all(running.map(stopLauncher));
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function start(args: string[], env: Record<string, string>, cwd?: string): Launched {
  const launched = launch(args, { env: launcherEnv(env), cwd });
  running.push(launched);
  return launched;
}

async function ports() {
  return { PORT: String(await freePort()), STOCKWISE_PG_PORT: String(await freePort()) };
}

function listenOn(port: number, host?: string): Promise<Server> {
  return new Promise((resolve) => {
    const blocker = createServer();
    blocker.listen({ port, host }, () => resolve(blocker));
  });
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    return (await sql.unsafe(text)) as unknown as T[];
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const embeddedUrl = (pgPort: string, database = 'stockwise') => `postgres://postgres:stockwise@127.0.0.1:${pgPort}/${database}`;

describe('start-up failures exit non-zero with one clear message', () => {
  it('refuses a PORT that is taken, naming PORT, before starting the database', async () => {
    const env = { ...(await ports()), STOCKWISE_DATA_DIR: path.join(scratch, 'port-taken', 'pg') };
    const blocker = await listenOn(Number(env.PORT));
    try {
      const launched = start(['start'], env);
      expect(await launched.exited).not.toBe(0);
      expect(launched.output()).toMatch(new RegExp(`Port ${env.PORT} is in use .*set PORT`));
      expect(launched.output()).not.toMatch(STACK_LINE);
      expect(existsSync(path.join(scratch, 'port-taken', 'pg'))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('refuses a database port that is taken, naming STOCKWISE_PG_PORT', async () => {
    const env = { ...(await ports()), STOCKWISE_DATA_DIR: path.join(scratch, 'pg-port-taken', 'pg') };
    const blocker = await listenOn(Number(env.STOCKWISE_PG_PORT), '127.0.0.1');
    try {
      const launched = start(['start'], env);
      expect(await launched.exited).not.toBe(0);
      expect(launched.output()).toMatch(new RegExp(`Port ${env.STOCKWISE_PG_PORT} is in use.*set STOCKWISE_PG_PORT`));
      expect(launched.output()).not.toMatch(STACK_LINE);
      expect(existsSync(lockFileFor(env.STOCKWISE_DATA_DIR))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('refuses a data folder it cannot create, naming STOCKWISE_DATA_DIR', async () => {
    const file = path.join(scratch, 'a-file');
    writeFileSync(file, 'not a folder');
    const launched = start(['start'], { ...(await ports()), STOCKWISE_DATA_DIR: path.join(file, 'data', 'pg') });
    expect(await launched.exited).not.toBe(0);
    expect(launched.output()).toMatch(/data folder .*a-file\/data cannot be created.*set STOCKWISE_DATA_DIR/);
    expect(launched.output()).not.toMatch(STACK_LINE);
  });

  it('shows the database’s own error when a migration fails', async () => {
    await server.ensureDatabase('conflicting');
    await query(server.urlFor('conflicting'), 'create table users (id int)');
    const launched = start(['migrate'], { DATABASE_URL: server.urlFor('conflicting') });
    expect(await launched.exited).not.toBe(0);
    expect(launched.output()).toMatch(/Applying the database migrations failed: relation "users" already exists \(while running: CREATE TABLE "users"/);
    expect(launched.output()).not.toMatch(STACK_LINE);
  });

  it('stops on a Node.js older than the engines range', () => {
    expect(satisfiesMinimum('20.9.0', '>=20.9')).toBe(true);
    expect(satisfiesMinimum('20.20.2', '>=20.9')).toBe(true);
    expect(satisfiesMinimum('22.0.0', '>=20.9')).toBe(true);
    expect(satisfiesMinimum('20.8.1', '>=20.9')).toBe(false);
    expect(satisfiesMinimum('18.19.0', '>=20.9')).toBe(false);
    let failure: { status: number; stderr: string } | null = null;
    try {
      execFileSync(process.execPath, ['scripts/check-node.mjs'], { cwd: repoRoot, env: { ...process.env, STOCKWISE_NODE_VERSION_FOR_TEST: '18.19.0' }, stdio: 'pipe' });
    } catch (error) {
      failure = { status: (error as { status: number }).status, stderr: String((error as { stderr: Buffer }).stderr) };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toMatch(/needs Node\.js >=20\.9, and this is Node\.js 18\.19\.0/);
    expect(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts.start).toMatch(/^node scripts\/check-node\.mjs && /);
  });
});

describe('one store per data folder', () => {
  it('refuses a second start while the first serves; a separate worker joins it; the first keeps serving and its worker keeps running', async () => {
    const dataDir = path.join(scratch, 'one-store', 'pg');
    const first = { ...(await ports()), STOCKWISE_DATA_DIR: dataDir };
    const store = start(['start'], first);
    await store.waitFor(/Ready in|✓ Ready/, 180_000);
    const home = `http://127.0.0.1:${first.PORT}/`;
    expect(await pollUntil(() => statusOf(home), (status) => status === 200)).toBe(200);
    const postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0];

    const second = start(['start'], { PORT: String(await freePort()), STOCKWISE_PG_PORT: String(await freePort()), STOCKWISE_DATA_DIR: dataDir });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toContain(`A store is already running from this data folder (${dataDir}, pid ${store.child.pid}, serving http://localhost:${first.PORT}`);
    expect(second.output()).not.toMatch(STACK_LINE);

    // `npm run worker` next to the running store joins its database rather than taking it over.
    const worker = launch([], { env: launcherEnv(first), script: path.join(repoRoot, 'scripts', 'worker.ts') });
    running.push(worker);
    await worker.waitFor(/running; Ctrl-C to stop/);
    expect(worker.output()).toContain(`Using the database of the store running from this folder (pid ${store.child.pid}`);
    worker.child.kill('SIGINT');
    expect(await worker.exited).toBe(0);

    expect(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]).toBe(postmaster);
    expect(await statusOf(`http://127.0.0.1:${first.PORT}/search?q=shirt`)).toBe(200);
    // The first store's job runner still works: a job added now is run.
    const url = embeddedUrl(first.STOCKWISE_PG_PORT);
    const [job] = await query<{ id: string }>(url, `select id::text from graphile_worker.add_job('recommendations-bought-together', '{}'::json)`);
    await pollUntil(
      () => query<{ n: number }>(url, `select count(*)::int as n from graphile_worker.jobs where id = ${Number(job!.id)}`),
      (rows) => rows[0]?.n === 0,
    );
    expect(store.output()).not.toMatch(/ECONNREFUSED|terminating connection/);

    store.child.kill('SIGINT');
    expect(await store.exited).toBe(0);
    expect(existsSync(lockFileFor(dataDir))).toBe(false);
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(`a ${signal} during the first seed leaves a database the next start seeds in full`, async () => {
      const env = { ...(await ports()), STOCKWISE_DATA_DIR: path.join(scratch, `seed-${signal}`, 'pg') };
      const first = start(['seed'], env);
      await first.waitFor(/Seeding demo data/);
      // The seed's transaction has started writing.
      await pollUntil(
        () => query<{ n: number }>(embeddedUrl(env.STOCKWISE_PG_PORT, 'postgres'), `select count(*)::int as n from pg_stat_activity where datname = 'stockwise' and backend_xid is not null`),
        (rows) => rows[0]!.n > 0,
      );
      first.child.kill(signal);
      await first.exited;

      const second = start(['seed'], env);
      expect(await second.exited).toBe(0);
      expect(second.output()).toContain('Seeding demo data (first start only)');
      if (signal === 'SIGKILL') expect(second.output()).toMatch(/Stopping a PostgreSQL server whose store is gone/);
      expect(second.output()).not.toMatch(STACK_LINE);

      const reopened = await startEmbeddedPostgres({ dataDir: env.STOCKWISE_DATA_DIR, port: Number(env.STOCKWISE_PG_PORT) });
      const check = connect(reopened.urlFor('stockwise'), { max: 1 });
      try {
        expect(await seedFingerprint(check.db)).toBe(referenceFingerprint);
        const [index] = await check.sql<{ documents: number; products: number }[]>`
          select (select count(*) from search_documents)::int as documents, (select count(*) from products where status = 'active')::int as products`;
        expect(index!.documents).toBe(index!.products);
      } finally {
        await check.sql.end();
        await reopened.stop();
      }
    });
  }
});

describe('a clean clone in a folder only root can enter', () => {
  it('starts as root and serves the demo shop', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'stockwise-private-')); // mode 0700, like `mktemp -d` or /root
    const clone = path.join(parent, 'shop');
    let relocated: string | null = null;
    try {
      const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot }).toString().split('\0').filter(Boolean);
      for (const file of files) {
        if (!existsSync(path.join(repoRoot, file))) continue;
        mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
        cpSync(path.join(repoRoot, file), path.join(clone, file));
      }
      execFileSync('cp', ['-al', path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules')]);
      cpSync(path.join(repoRoot, '.next'), path.join(clone, '.next'), { recursive: true, filter: (source) => !source.includes(`${path.sep}cache`) });

      const env = await ports();
      const store = start(['start'], env, clone);
      await store.waitFor(/Ready in|✓ Ready/, 180_000);
      expect(await pollUntil(() => statusOf(`http://127.0.0.1:${env.PORT}/`), (status) => status === 200)).toBe(200);
      if (process.getuid?.() === 0) {
        expect(store.output()).toContain('The postgres user cannot reach');
        relocated = /keeps its data in (\S+),/.exec(store.output())?.[1] ?? null;
        expect(relocated).not.toBeNull();
      }
      store.child.kill('SIGINT');
      expect(await store.exited).toBe(0);
      expect(store.output()).not.toMatch(STACK_LINE);
    } finally {
      rmSync(parent, { recursive: true, force: true });
      if (relocated) rmSync(relocated, { recursive: true, force: true });
    }
  });
});
