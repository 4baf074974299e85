/**
 * One store per data folder. The launcher that starts the embedded database holds
 * `<data folder>.lock`, recording who it is (pid and start time) and where it
 * serves. A second start while that owner lives is refused; a lock whose owner is
 * gone (killed, crashed) is stale, and so is the database server it left running.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { isAlive } from './embedded';
import { StartupError } from './startup-error';

export type LockOwner = {
  pid: number;
  /** The owner's start time (Linux clock ticks since boot), so a reused pid is not mistaken for it. */
  startTime: string | null;
  /** The store's address, when it serves one. */
  url: string | null;
  pgPort: number;
};

export type StoreLock = { file: string; owner: LockOwner; release(): void };

export function lockFileFor(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}.lock`;
}

/** Takes the data folder's lock, or throws a StartupError naming the running store. */
export function acquireStoreLock(dataDir: string, details: { url: string | null; pgPort: number }): StoreLock {
  const file = lockFileFor(dataDir);
  const owner: LockOwner = { pid: process.pid, startTime: processStartTime(process.pid), ...details };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = readLock(file);
      if (current && ownerIsAlive(current)) throw new StartupError(runningMessage(current, dataDir));
      rmSync(file, { force: true });
      continue;
    }
    writeSync(fd, JSON.stringify(owner));
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (readLock(file)?.pid === owner.pid) rmSync(file, { force: true });
      process.off('exit', release);
    };
    process.on('exit', release);
    return { file, owner, release };
  }
  throw new StartupError(`Another start is taking the lock ${file} at the same moment: try again.`);
}

/** The live owner of the data folder's lock, if any (e.g. for a worker that joins a running store). */
export function liveOwner(dataDir: string): LockOwner | null {
  const current = readLock(lockFileFor(dataDir));
  return current && ownerIsAlive(current) ? current : null;
}

function readLock(file: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch {
    return null; // missing, or half-written by a start killed at that instant: stale either way
  }
}

function ownerIsAlive(owner: LockOwner): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !isAlive(owner.pid)) return false;
  return owner.startTime === null || processStartTime(owner.pid) === owner.startTime;
}

function processStartTime(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function runningMessage(owner: LockOwner, dataDir: string): string {
  const where = owner.url ? `serving ${owner.url}` : 'using the database';
  return `A store is already running from this data folder (${dataDir}, pid ${owner.pid}, ${where}, PostgreSQL on port ${owner.pgPort}): stop it first, or start another store with its own STOCKWISE_DATA_DIR and STOCKWISE_PG_PORT.`;
}
