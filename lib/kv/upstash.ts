/**
 * Upstash Redis over its REST API (`UPSTASH_REDIS_REST_URL` +
 * `UPSTASH_REDIS_REST_TOKEN`) with `@upstash/redis`: each command is one HTTPS
 * POST of a JSON array (`["set","k","v","px",100]`) with `Authorization: Bearer
 * <token>`, answered `{ "result": … }` or `{ "error": "…" }`.
 *
 * Configured for this interface: values stay strings (no automatic JSON
 * parsing), no auto-pipelining (one request per command, so an error belongs to
 * its own call), no telemetry headers. The client retries a request that could
 * not be sent (network error) a few times with backoff; a command the server
 * refused is not retried.
 */
import { Redis } from '@upstash/redis';
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
  type ScoredMember,
  type ScriptArg,
  type ScriptFallback,
  type ScriptReply,
  type SetOptions,
  type ZAddOptions,
  type ZRangeOptions,
} from './types';

export interface UpstashOptions {
  url: string;
  token: string;
  /** Retries of a request that could not be sent (default: the client's, 5 with backoff); 0 for none. */
  retries?: number;
}

type ZBound = number | `(${number}` | '-inf' | '+inf';

export class UpstashKeyValueStore implements KeyValueStore {
  readonly kind = 'upstash' as const;
  readonly #redis: Redis;
  readonly #scripts = new ScriptRegistry<KvScript>();
  #closed = false;

  constructor(options: UpstashOptions) {
    if (!options.url || !options.token) throw new Error('Upstash needs both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN');
    this.#redis = new Redis({
      url: options.url,
      token: options.token,
      automaticDeserialization: false,
      enableAutoPipelining: false,
      enableTelemetry: false,
      ...(options.retries !== undefined ? { retry: options.retries === 0 ? false : { retries: options.retries } } : {}),
    });
  }

  async #run<T>(operation: (redis: Redis) => Promise<T>): Promise<T> {
    if (this.#closed) throw new KvClosedError(this.kind);
    return operation(this.#redis);
  }

  async get(key: string): Promise<string | null> {
    const value = await this.#run((redis) => redis.get<string>(key));
    return value === null || value === undefined ? null : String(value);
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    if (options.ttlMs !== undefined) assertTtl(options.ttlMs);
    const { ttlMs, onlyIfAbsent } = options;
    const reply = await this.#run((redis) => {
      if (ttlMs !== undefined && onlyIfAbsent) return redis.set(key, value, { px: ttlMs, nx: true });
      if (ttlMs !== undefined) return redis.set(key, value, { px: ttlMs });
      if (onlyIfAbsent) return redis.set(key, value, { nx: true });
      return redis.set(key, value);
    });
    return reply === 'OK';
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.#run((redis) => redis.del(...keys));
  }

  async incrBy(key: string, delta: number): Promise<number> {
    assertDelta(delta);
    return this.#run((redis) => redis.incrby(key, delta));
  }

  async expire(key: string, ttlMs: number): Promise<boolean> {
    if (!Number.isSafeInteger(ttlMs)) throw new RangeError(`ttlMs must be an integer number of milliseconds, got ${ttlMs}`);
    return (await this.#run((redis) => redis.pexpire(key, ttlMs))) === 1;
  }

  pttl(key: string): Promise<number> {
    return this.#run((redis) => redis.pttl(key));
  }

  async zadd(key: string, score: number, member: string, options: ZAddOptions = {}): Promise<boolean> {
    assertScore(score);
    // Infinity does not survive JSON; Redis reads "+inf"/"-inf".
    const wireScore = Number.isFinite(score) ? score : (scoreArg(score) as unknown as number);
    const added = await this.#run((redis) =>
      options.onlyIfAbsent ? redis.zadd(key, { nx: true }, { score: wireScore, member }) : redis.zadd(key, { score: wireScore, member }),
    );
    return added === 1;
  }

  zrank(key: string, member: string): Promise<number | null> {
    return this.#run((redis) => redis.zrank(key, member));
  }

  zcard(key: string): Promise<number> {
    return this.#run((redis) => redis.zcard(key));
  }

  async zrem(key: string, ...members: string[]): Promise<number> {
    if (members.length === 0) return 0;
    return this.#run((redis) => redis.zrem(key, ...members));
  }

  async zrangeByScore(key: string, min: number, max: number, options?: ZRangeOptions): Promise<ScoredMember[]> {
    assertScore(min, 'min');
    assertScore(max, 'max');
    assertRange(options);
    const limited = options && (options.offset !== undefined || options.count !== undefined);
    const flat = await this.#run((redis) =>
      limited
        ? redis.zrange<(string | number)[]>(key, bound(min), bound(max), {
            byScore: true,
            withScores: true,
            offset: options.offset ?? 0,
            count: options.count ?? -1,
          })
        : redis.zrange<(string | number)[]>(key, bound(min), bound(max), { byScore: true, withScores: true }),
    );
    const rows: ScoredMember[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) rows.push({ member: String(flat[i]), score: parseScore(flat[i + 1]!) });
    return rows;
  }

  async zremRangeByScore(key: string, min: number, max: number): Promise<number> {
    assertScore(min, 'min');
    assertScore(max, 'max');
    return this.#run((redis) => redis.zremrangebyscore(key, bound(min), bound(max)));
  }

  defineScript(name: string, lua: string, _fallback: ScriptFallback): KvScript {
    return this.#scripts.define(name, lua, () => {
      const sha = scriptSha1(lua);
      let loading: Promise<unknown> | null = null;
      return async (keys: string[], args: ScriptArg[] = []): Promise<ScriptReply> => {
        const argv = args.map(String);
        if (!loading) {
          const load = this.#run((redis) => redis.scriptLoad(lua));
          loading = load;
          load.catch(() => {
            if (loading === load) loading = null;
          });
        }
        await loading;
        try {
          return (await this.#run((redis) => redis.evalsha(sha, keys, argv))) as ScriptReply;
        } catch (error) {
          if (!isNoScriptError(error)) throw error;
          return (await this.#run((redis) => redis.eval(lua, keys, argv))) as ScriptReply;
        }
      };
    });
  }

  async ping(): Promise<void> {
    await this.#run((redis) => redis.ping());
  }

  async close(): Promise<void> {
    // Nothing to release: every command is its own HTTP request.
    this.#closed = true;
  }
}

function bound(value: number): ZBound {
  return Number.isFinite(value) ? value : (scoreArg(value) as ZBound);
}
