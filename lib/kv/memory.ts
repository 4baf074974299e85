/**
 * The in-process key-value store: the embedded default and for single-instance
 * use. Every operation runs synchronously inside the call, so each one — and
 * each script fallback, which may not await — is atomic within this Node
 * process. Nothing is shared with other processes: with several app instances,
 * use Redis (REDIS_URL or Upstash).
 *
 * TTLs use `Date.now()` (so Vitest's fake timers move them too): an expired key
 * is gone for every operation, and a sweep every second frees the memory of
 * expired keys nobody reads again.
 */
import {
  KvClosedError,
  ScriptRegistry,
  assertDelta,
  assertRange,
  assertScore,
  assertTtl,
  toScriptReply,
  type KeyValueStore,
  type KvScript,
  type KvScriptContext,
  type ScoredMember,
  type ScriptArg,
  type ScriptFallback,
  type SetOptions,
  type ZAddOptions,
  type ZRangeOptions,
} from './types';

const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value';
const NOT_AN_INTEGER = 'ERR value is not an integer or out of range';
const SWEEP_EVERY_MS = 1000;

type StringEntry = { type: 'string'; value: string; expiresAt: number | null };
type ZsetEntry = { type: 'zset'; scores: Map<string, number>; sorted: ScoredMember[]; expiresAt: number | null };
type Entry = StringEntry | ZsetEntry;

/** Redis orders equal scores by the members' bytes; UTF-16 order agrees except around surrogates. */
function compareMembers(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) return Buffer.compare(Buffer.from(a), Buffer.from(b));
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function compareScored(score: number, member: string, other: ScoredMember): number {
  if (score !== other.score) return score < other.score ? -1 : 1;
  return compareMembers(member, other.member);
}

/** First index in `sorted` whose entry is not before (score, member). */
function lowerBound(sorted: ScoredMember[], score: number, member: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareScored(score, member, sorted[mid]!) > 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** First index whose score is >= min. */
function firstAtLeast(sorted: ScoredMember[], min: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]!.score < min) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The synchronous keyspace: what the adapter's methods and the script fallbacks run against. */
class MemoryKeyspace implements KvScriptContext {
  readonly #entries = new Map<string, Entry>();
  readonly #expiring = new Set<string>();
  #sweeper: ReturnType<typeof setInterval> | null = null;

  now(): number {
    return Date.now();
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.#remove(key);
      return undefined;
    }
    return entry;
  }

  #remove(key: string): boolean {
    this.#expiring.delete(key);
    return this.#entries.delete(key);
  }

  #setExpiry(key: string, entry: Entry, ttlMs: number | null): void {
    if (ttlMs === null) {
      entry.expiresAt = null;
      this.#expiring.delete(key);
      return;
    }
    entry.expiresAt = Date.now() + ttlMs;
    this.#expiring.add(key);
    if (!this.#sweeper) {
      this.#sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
      this.#sweeper.unref();
    }
  }

  /** Drops every expired key (also runs on a timer). */
  sweep(): void {
    const now = Date.now();
    for (const key of this.#expiring) {
      const entry = this.#entries.get(key);
      if (!entry || (entry.expiresAt !== null && entry.expiresAt <= now)) this.#remove(key);
    }
  }

  stop(): void {
    if (this.#sweeper) clearInterval(this.#sweeper);
    this.#sweeper = null;
    this.#entries.clear();
    this.#expiring.clear();
  }

  #string(key: string): StringEntry | undefined {
    const entry = this.#live(key);
    if (entry && entry.type !== 'string') throw new Error(WRONGTYPE);
    return entry;
  }

  #zset(key: string): ZsetEntry | undefined {
    const entry = this.#live(key);
    if (entry && entry.type !== 'zset') throw new Error(WRONGTYPE);
    return entry;
  }

  get(key: string): string | null {
    return this.#string(key)?.value ?? null;
  }

  set(key: string, value: string, options: SetOptions = {}): boolean {
    if (options.ttlMs !== undefined) assertTtl(options.ttlMs);
    const existing = this.#live(key);
    if (options.onlyIfAbsent && existing) return false;
    if (existing) this.#remove(key);
    const entry: StringEntry = { type: 'string', value: String(value), expiresAt: null };
    this.#entries.set(key, entry);
    if (options.ttlMs !== undefined) this.#setExpiry(key, entry, options.ttlMs);
    return true;
  }

  del(...keys: string[]): number {
    let count = 0;
    for (const key of keys) if (this.#live(key) && this.#remove(key)) count++;
    return count;
  }

  incrBy(key: string, delta: number): number {
    assertDelta(delta);
    const entry = this.#string(key);
    let current = 0;
    if (entry) {
      if (!/^(0|-?[1-9]\d*)$/.test(entry.value)) throw new Error(NOT_AN_INTEGER);
      current = Number(entry.value);
      if (!Number.isSafeInteger(current)) throw new Error(NOT_AN_INTEGER);
    }
    const next = current + delta;
    if (!Number.isSafeInteger(next)) throw new Error('ERR increment or decrement would overflow');
    if (entry) entry.value = String(next);
    else this.#entries.set(key, { type: 'string', value: String(next), expiresAt: null });
    return next;
  }

  expire(key: string, ttlMs: number): boolean {
    if (!Number.isSafeInteger(ttlMs)) throw new RangeError(`ttlMs must be an integer number of milliseconds, got ${ttlMs}`);
    const entry = this.#live(key);
    if (!entry) return false;
    if (ttlMs <= 0) this.#remove(key);
    else this.#setExpiry(key, entry, ttlMs);
    return true;
  }

  pttl(key: string): number {
    const entry = this.#live(key);
    if (!entry) return -2;
    if (entry.expiresAt === null) return -1;
    return Math.max(0, entry.expiresAt - Date.now());
  }

  zadd(key: string, score: number, member: string, options: ZAddOptions = {}): boolean {
    assertScore(score);
    let entry = this.#zset(key);
    if (!entry) {
      entry = { type: 'zset', scores: new Map(), sorted: [], expiresAt: null };
      this.#entries.set(key, entry);
    }
    member = String(member);
    const previous = entry.scores.get(member);
    if (previous !== undefined) {
      if (options.onlyIfAbsent || previous === score) return false;
      entry.sorted.splice(lowerBound(entry.sorted, previous, member), 1);
    }
    entry.scores.set(member, score);
    entry.sorted.splice(lowerBound(entry.sorted, score, member), 0, { member, score });
    return previous === undefined;
  }

  zrank(key: string, member: string): number | null {
    const entry = this.#zset(key);
    const score = entry?.scores.get(member);
    if (!entry || score === undefined) return null;
    return lowerBound(entry.sorted, score, member);
  }

  zcard(key: string): number {
    return this.#zset(key)?.scores.size ?? 0;
  }

  zrem(key: string, ...members: string[]): number {
    const entry = this.#zset(key);
    if (!entry) return 0;
    let count = 0;
    for (const member of members) {
      const score = entry.scores.get(member);
      if (score === undefined) continue;
      entry.scores.delete(member);
      entry.sorted.splice(lowerBound(entry.sorted, score, member), 1);
      count++;
    }
    if (entry.scores.size === 0) this.#remove(key); // like Redis: an empty sorted set does not exist
    return count;
  }

  #span(entry: ZsetEntry, min: number, max: number): [number, number] {
    const start = firstAtLeast(entry.sorted, min);
    let end = start;
    while (end < entry.sorted.length && entry.sorted[end]!.score <= max) end++;
    return [start, end];
  }

  zrangeByScore(key: string, min: number, max: number, options?: ZRangeOptions): ScoredMember[] {
    assertScore(min, 'min');
    assertScore(max, 'max');
    assertRange(options);
    const entry = this.#zset(key);
    if (!entry) return [];
    const [start, end] = this.#span(entry, min, max);
    const from = start + (options?.offset ?? 0);
    const to = options?.count === undefined ? end : Math.min(end, from + options.count);
    return entry.sorted.slice(from, Math.max(from, to)).map(({ member, score }) => ({ member, score }));
  }

  zremRangeByScore(key: string, min: number, max: number): number {
    assertScore(min, 'min');
    assertScore(max, 'max');
    const entry = this.#zset(key);
    if (!entry) return 0;
    const [start, end] = this.#span(entry, min, max);
    const removed = entry.sorted.splice(start, end - start);
    for (const { member } of removed) entry.scores.delete(member);
    if (entry.scores.size === 0) this.#remove(key);
    return removed.length;
  }
}

export class MemoryKeyValueStore implements KeyValueStore {
  readonly kind = 'memory' as const;
  readonly #space = new MemoryKeyspace();
  readonly #scripts = new ScriptRegistry<KvScript>();
  #closed = false;

  /** Runs one operation now, synchronously (that is what makes it atomic); its error becomes a rejection. */
  async #run<T>(operation: (space: MemoryKeyspace) => T): Promise<T> {
    if (this.#closed) throw new KvClosedError(this.kind);
    return operation(this.#space);
  }

  get(key: string) {
    return this.#run((space) => space.get(key));
  }
  set(key: string, value: string, options?: SetOptions) {
    return this.#run((space) => space.set(key, value, options));
  }
  del(...keys: string[]) {
    return this.#run((space) => space.del(...keys));
  }
  incrBy(key: string, delta: number) {
    return this.#run((space) => space.incrBy(key, delta));
  }
  expire(key: string, ttlMs: number) {
    return this.#run((space) => space.expire(key, ttlMs));
  }
  pttl(key: string) {
    return this.#run((space) => space.pttl(key));
  }
  zadd(key: string, score: number, member: string, options?: ZAddOptions) {
    return this.#run((space) => space.zadd(key, score, member, options));
  }
  zrank(key: string, member: string) {
    return this.#run((space) => space.zrank(key, member));
  }
  zcard(key: string) {
    return this.#run((space) => space.zcard(key));
  }
  zrem(key: string, ...members: string[]) {
    return this.#run((space) => space.zrem(key, ...members));
  }
  zrangeByScore(key: string, min: number, max: number, options?: ZRangeOptions) {
    return this.#run((space) => space.zrangeByScore(key, min, max, options));
  }
  zremRangeByScore(key: string, min: number, max: number) {
    return this.#run((space) => space.zremRangeByScore(key, min, max));
  }

  defineScript(name: string, lua: string, fallback: ScriptFallback): KvScript {
    return this.#scripts.define(name, lua, () => (keys: string[], args: ScriptArg[] = []) =>
      this.#run((space) => {
        const result: unknown = fallback(space, [...keys], args.map(String));
        if (result instanceof Promise || (typeof result === 'object' && result !== null && 'then' in result)) {
          throw new TypeError(`Script "${name}": the in-process fallback returned a promise; it must be synchronous to be atomic`);
        }
        return toScriptReply(result as Parameters<typeof toScriptReply>[0]);
      }),
    );
  }

  ping() {
    return this.#run(() => undefined);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#space.stop();
  }
}
