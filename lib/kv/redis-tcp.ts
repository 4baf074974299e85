/**
 * Redis over TCP (`REDIS_URL`, e.g. `redis://127.0.0.1:6379/0` or `rediss://…`)
 * with node-redis 5, one connection per store (node-redis pipelines every
 * command on it).
 *
 * Failure behaviour, chosen for a hot path that must not hang:
 * - the connection is opened on first use; if it cannot be opened (after a few
 *   quick retries) that call rejects and the next call tries again;
 * - once connected, a lost connection is re-established in the background, and
 *   commands issued meanwhile reject at once (no offline queue);
 * - a command with no answer after `commandTimeoutMs` rejects. It may still
 *   have run on the server: a caller must treat a rejection as "unknown", not "no".
 */
import { createClient } from 'redis';
import {
  KvClosedError,
  ScriptRegistry,
  assertDelta,
  assertRange,
  assertScore,
  assertTtl,
  isNoScriptError,
  parseScore,
  scoreArg,
  scriptSha1,
  type KeyValueStore,
  type KvScript,
  type ScriptArg,
  type ScriptFallback,
  type ScriptReply,
  type SetOptions,
  type ZAddOptions,
  type ZRangeOptions,
} from './types';

export interface RedisTcpOptions {
  url: string;
  /** Connection name (CLIENT SETNAME), shown by CLIENT LIST (default "stockwise"). */
  name?: string;
  /** Per-command timeout (default 5000 ms). */
  commandTimeoutMs?: number;
  /** Socket connect timeout (default 2000 ms). */
  connectTimeoutMs?: number;
  /** Connect attempts before the first connection is given up (default 3). */
  initialConnectAttempts?: number;
  /** Where connection trouble is reported (default console.warn); node-redis needs a listener or it crashes the process. */
  onError?: (error: Error) => void;
}

function makeClient(options: RedisTcpOptions, state: { everReady: boolean }) {
  const attempts = options.initialConnectAttempts ?? 3;
  return createClient({
    url: options.url,
    name: options.name ?? 'stockwise',
    disableOfflineQueue: true,
    commandOptions: { timeout: options.commandTimeoutMs ?? 5000 },
    socket: {
      connectTimeout: options.connectTimeoutMs ?? 2000,
      reconnectStrategy: (retries: number, cause: Error) => {
        if (!state.everReady && retries + 1 >= attempts) return cause; // the first connect fails → the call rejects
        return Math.min(50 * 2 ** retries, 2000) + Math.floor(Math.random() * 100);
      },
    },
  });
}

type Client = ReturnType<typeof makeClient>;

/** Redacts the password in a URL for messages. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL (unparsable)';
  }
}

export class RedisTcpKeyValueStore implements KeyValueStore {
  readonly kind = 'redis' as const;
  readonly #options: RedisTcpOptions;
  readonly #state = { everReady: false };
  readonly #scripts = new ScriptRegistry<KvScript>();
  #client: Client | null = null;
  #connecting: Promise<Client> | null = null;
  #closed = false;
  #reported = false;

  constructor(options: RedisTcpOptions) {
    this.#options = options;
  }

  /** The connected client, connecting on first use. */
  #ready(): Promise<Client> | Client {
    if (this.#closed) throw new KvClosedError(this.kind);
    if (this.#client?.isOpen) return this.#client;
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  async #connect(): Promise<Client> {
    const client = makeClient(this.#options, this.#state);
    const report = this.#options.onError ?? ((error: Error) => console.warn(`[kv] Redis at ${describeUrl(this.#options.url)}: ${error.message}`));
    client.on('error', (error: Error) => {
      // Reported once per outage, not on every reconnect attempt.
      if (this.#reported || this.#closed) return;
      this.#reported = true;
      report(error);
    });
    client.on('ready', () => {
      this.#state.everReady = true;
      this.#reported = false;
    });
    try {
      await client.connect();
    } catch (error) {
      this.#reported = false;
      if (client.isOpen) client.destroy();
      const reason = error instanceof Error ? error.message || error.name : String(error);
      throw new Error(`Could not connect to Redis at ${describeUrl(this.#options.url)}: ${reason}`, { cause: error });
    }
    if (this.#closed) {
      client.destroy();
      throw new KvClosedError(this.kind);
    }
    this.#client = client;
    return client;
  }

  async #run<T>(operation: (client: Client) => Promise<T>): Promise<T> {
    return operation(await this.#ready());
  }

  get(key: string) {
    return this.#run((client) => client.get(key));
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    if (options.ttlMs !== undefined) assertTtl(options.ttlMs);
    const reply = await this.#run((client) =>
      client.set(key, value, {
        ...(options.ttlMs !== undefined ? { expiration: { type: 'PX' as const, value: options.ttlMs } } : {}),
        ...(options.onlyIfAbsent ? { condition: 'NX' as const } : {}),
      }),
    );
    return reply === 'OK';
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.#run((client) => client.del(keys));
  }

  async incrBy(key: string, delta: number): Promise<number> {
    assertDelta(delta);
    return this.#run((client) => client.incrBy(key, delta));
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    if (!Number.isSafeInteger(ttlMs)) throw new RangeError(`ttlMs must be an integer number of milliseconds, got ${ttlMs}`);
    return (await this.#run((client) => client.pExpire(key, ttlMs))) === 1;
  }

  pttl(key: string) {
    return this.#run((client) => client.pTTL(key));
  }

  async zadd(key: string, score: number, member: string, options: ZAddOptions = {}): Promise<boolean> {
    assertScore(score);
    const added = await this.#run((client) =>
      client.zAdd(key, { score, value: member }, options.onlyIfAbsent ? { condition: 'NX' } : undefined),
    );
    return added === 1;
  }

  zrank(key: string, member: string) {
    return this.#run((client) => client.zRank(key, member));
  }

  zcard(key: string) {
    return this.#run((client) => client.zCard(key));
  }

  async zrem(key: string, ...members: string[]): Promise<number> {
    if (members.length === 0) return 0;
    return this.#run((client) => client.zRem(key, members));
  }

  async zrangeByScore(key: string, min: number, max: number, options?: ZRangeOptions) {
    assertScore(min, 'min');
    assertScore(max, 'max');
    assertRange(options);
    const limit =
      options && (options.offset !== undefined || options.count !== undefined)
        ? { LIMIT: { offset: options.offset ?? 0, count: options.count ?? -1 } }
        : undefined;
    const rows = await this.#run((client) => client.zRangeByScoreWithScores(key, scoreArg(min), scoreArg(max), limit));
    return rows.map((row) => ({ member: String(row.value), score: parseScore(row.score) }));
  }

  async zremRangeByScore(key: string, min: number, max: number) {
    assertScore(min, 'min');
    assertScore(max, 'max');
    return this.#run((client) => client.zRemRangeByScore(key, scoreArg(min), scoreArg(max)));
  }

  defineScript(name: string, lua: string, _fallback: ScriptFallback): KvScript {
    return this.#scripts.define(name, lua, () => {
      const sha = scriptSha1(lua);
      // SCRIPT LOAD once per connection (concurrent first calls share it); EVALSHA after that.
      let loaded: { client: Client; done: Promise<unknown> } | null = null;
      const run = async (keys: string[], args: ScriptArg[] = []): Promise<ScriptReply> => {
        const client = await this.#ready();
        if (loaded?.client !== client) {
          const done = client.scriptLoad(lua);
          loaded = { client, done };
          done.catch(() => {
            if (loaded?.done === done) loaded = null;
          });
        }
        await loaded.done;
        const call = { keys, arguments: args.map(String) };
        try {
          return (await client.evalSha(sha, call)) as ScriptReply;
        } catch (error) {
          // The server lost its script cache (restart, failover, SCRIPT FLUSH): EVAL runs it and caches it again.
          if (!isNoScriptError(error)) throw withScriptName(name, error);
          try {
            return (await client.eval(lua, call)) as ScriptReply;
          } catch (evalError) {
            throw withScriptName(name, evalError);
          }
        }
      };
      return run;
    });
  }

  async ping(): Promise<void> {
    await this.#run((client) => client.ping());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const pending = this.#connecting;
    const client = this.#client;
    this.#client = null;
    await pending?.catch(() => undefined);
    if (client?.isOpen) await client.close();
  }
}

function withScriptName(name: string, error: unknown): unknown {
  if (error instanceof Error && !error.message.includes(`script "${name}"`)) {
    error.message = `script "${name}": ${error.message}`;
  }
  return error;
}
