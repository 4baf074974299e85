/**
 * Runs the real launcher (`scripts/stockwise.ts`) as a child process, as `npm start`
 * would, and watches its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

export type Launched = {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output matches, rejects if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
};

/** The environment of a fresh terminal: nothing of the test run's own database or app. */
export function launcherEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', STOCKWISE_SKIP_BUILD: '1' };
  for (const key of ['DATABASE_URL', 'STOCKWISE_DEMO', 'PORT', 'STOCKWISE_DATA_DIR', 'STOCKWISE_PG_PORT', 'REDIS_URL', 'AUTH_SECRET']) delete env[key];
  return { ...env, ...extra };
}

export function launch(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string; script?: string }): Launched {
  const cwd = options.cwd ?? repoRoot;
  const script = options.script ?? path.join(cwd, 'scripts', 'stockwise.ts');
  // Its own process group, so a failed test can stop the launcher and the app it started together.
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const waitFor = (pattern: RegExp, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${pattern} in:\n${output}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then((code) => {
        if (!listeners.has(check)) return;
        cleanup();
        if (pattern.test(output)) resolve();
        else reject(new Error(`the launcher exited (${code}) before ${pattern}:\n${output}`));
      });
      check();
    });

  return { child, output: () => output, waitFor, exited };
}

/** Stops a launcher left running by a failed test: politely (it stops its app and database), then by force. */
export async function stopLauncher(launched: Launched): Promise<void> {
  if (launched.child.exitCode !== null || launched.child.signalCode !== null) return;
  const group = -launched.child.pid!;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(group, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const stopped = await Promise.race([launched.exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 15_000))]);
  if (!stopped) signal('SIGKILL');
}

/** A line of a JavaScript stack trace ("    at fn (file.ts:1:2)"). */
export const STACK_LINE = /^\s+at\s.+:\d+:\d+\)?$/m;

/** Polls `read` until `done` holds for its value. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The HTTP status of a GET, or 0 while nothing answers. */
export async function statusOf(url: string): Promise<number> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
