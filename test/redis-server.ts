/**
 * A real Redis for the test run: the server in REDIS_URL when it is set,
 * otherwise Debian's redis-server (REDIS_SERVER_PATH, default
 * /usr/bin/redis-server) started on a free 127.0.0.1 port with no persistence
 * (`--save '' --appendonly no`). A missing binary is an error, never a skip.
 *
 * The server runs under a small `sh` watchdog that stops it when our end of
 * its stdin closes: on `stop()`, and also when the test process dies without
 * cleaning up, so no redis-server is left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { freePort } from '../db/embedded';

export const REDIS_SERVER_MISSING = 'redis-server not found: apt-get install -y redis-server (or set REDIS_URL)';

export type TestRedis = { url: string; external: boolean; stop(): Promise<void> };

export function redisServerPath(): string {
  return process.env.REDIS_SERVER_PATH || '/usr/bin/redis-server';
}

/** REDIS_URL's server when set (left as it is on stop), else a fresh redis-server. */
export async function startTestRedis(): Promise<TestRedis> {
  const external = process.env.REDIS_URL;
  if (external) return { url: external, external: true, stop: async () => {} };
  return startRedisServer();
}

// "$0" is redis-server, "$@" its arguments. fd 3 keeps our stdin for the watcher
// (a background job's own stdin is /dev/null in a non-interactive shell).
const WATCHDOG = [
  'exec 3<&0',
  '"$0" "$@" &',
  'pid=$!',
  '(cat <&3 >/dev/null; kill "$pid" 2>/dev/null) &',
  'exec 3<&-',
  'wait "$pid"',
].join('\n');

export async function startRedisServer(binary = redisServerPath()): Promise<TestRedis> {
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    throw new Error(binary === '/usr/bin/redis-server' ? REDIS_SERVER_MISSING : `${REDIS_SERVER_MISSING} [no executable at REDIS_SERVER_PATH=${binary}]`);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch(binary, port);
    } catch (error) {
      lastError = error;
      if (!String(error).includes('Address already in use')) break; // another process took the port: try another
    }
  }
  throw lastError;
}

async function launch(binary: string, port: number): Promise<TestRedis> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', os.tmpdir(), '--loglevel', 'warning'];
  const child = spawn('sh', ['-c', WATCHDOG, binary, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });

  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (hasExited) throw new Error(`redis-server exited before accepting connections: ${output.trim() || 'no output'}`);
    if (Date.now() > deadline) {
      await stopChild(child, exited);
      throw new Error(`redis-server did not accept connections on port ${port} within 10 s: ${output.trim() || 'no output'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { url: `redis://127.0.0.1:${port}`, external: false, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  child.stdin?.end(); // the watchdog stops redis-server (SIGTERM), then exits
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}
