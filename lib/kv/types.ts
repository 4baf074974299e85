/**
 * One small key-value interface for the hot path (stock cache, rate limits,
 * waiting room, atomic gates), with three adapters: in-process memory,
 * Redis over TCP (`REDIS_URL`) and Upstash over REST. Values are strings;
 * every adapter passes the same contract suite (contract.test.ts).
 *
 * Semantics follow Redis: a write without `ttlMs` clears an earlier TTL,
 * `incrBy` keeps it, expired keys are gone for every operation, a sorted set is
 * ordered by score and then by member (byte order), and using a key as the
 * wrong type rejects with `WRONGTYPE …`.
 */
import { createHash } from 'node:crypto';

export type KvKind = 'memory' | 'redis' | 'upstash';

export interface SetOptions {
  /** Expire the key after this many milliseconds (a positive integer). Without it the key never expires. */
  ttlMs?: number;
  /** Write only when the key does not exist (SET NX). `set` then answers false when it did. */
  onlyIfAbsent?: boolean;
}

export interface ZAddOptions {
  /** Add only new members; an existing member keeps its score (ZADD NX). */
  onlyIfAbsent?: boolean;
}

export interface ZRangeOptions {
  /** Skip this many matching members (LIMIT offset). */
  offset?: number;
  /** Return at most this many (LIMIT count). */
  count?: number;
}

export interface ScoredMember {
  member: string;
  score: number;
}

/** What a script answers, the way Redis converts a Lua value: integers, strings, null, arrays of those. */
export type ScriptReply = null | number | string | ScriptReply[];

/** A script argument; numbers are sent as their decimal string (Lua sees ARGV as strings). */
export type ScriptArg = string | number;

/** A defined script: `keys` become KEYS, `args` become ARGV (as strings). */
export type KvScript = (keys: string[], args?: ScriptArg[]) => Promise<ScriptReply>;

/**
 * The in-process stand-in for a Lua script: runs synchronously against the
 * memory store (it must not await, which is what makes it atomic), gets ARGV as
 * strings, and its answer is converted like Lua's (see `toScriptReply`).
 */
export type ScriptFallback = (store: KvScriptContext, keys: string[], args: string[]) => ScriptFallbackResult;
export type ScriptFallbackResult = ScriptReply | boolean | undefined | ScriptFallbackResult[];

/** Bounds of a score range: numbers, inclusive; `-Infinity`/`Infinity` for open ends. */
export type ScoreBound = number;

export interface KeyValueStore {
  readonly kind: KvKind;

  get(key: string): Promise<string | null>;
  /** Answers whether it wrote (false only with `onlyIfAbsent` when the key exists). */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  /** Deletes the keys; answers how many existed. */
  del(...keys: string[]): Promise<number>;
  /** Adds `delta` (a safe integer, may be negative) to an integer value, a missing key counting as 0; answers the new value. Keeps the TTL. */
  incrBy(key: string, delta: number): Promise<number>;
  /** Sets a TTL on an existing key (any type); answers false when the key does not exist. `ttlMs <= 0` deletes it. */
  expire(key: string, ttlMs: number): Promise<boolean>;
  /** Milliseconds left: -2 when the key does not exist, -1 when it has no TTL. */
  pttl(key: string): Promise<number>;

  /** Adds or updates a member; answers true when the member is new. */
  zadd(key: string, score: number, member: string, options?: ZAddOptions): Promise<boolean>;
  /** 0-based position by (score, member), or null when absent. */
  zrank(key: string, member: string): Promise<number | null>;
  zcard(key: string): Promise<number>;
  /** Removes members; answers how many were present. */
  zrem(key: string, ...members: string[]): Promise<number>;
  /** Members with min <= score <= max, lowest first, with their scores. */
  zrangeByScore(key: string, min: ScoreBound, max: ScoreBound, options?: ZRangeOptions): Promise<ScoredMember[]>;
  /** Removes members with min <= score <= max; answers how many. */
  zremRangeByScore(key: string, min: ScoreBound, max: ScoreBound): Promise<number>;

  /**
   * An atomic script. On Redis the Lua runs with EVALSHA (loaded once, EVAL
   * again after NOSCRIPT, e.g. after a restart or SCRIPT FLUSH); in memory
   * `fallback` runs synchronously. Both must do the same thing. Defining a name
   * again with the same Lua answers the same script; with other Lua it throws.
   */
  defineScript(name: string, lua: string, fallback: ScriptFallback): KvScript;

  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections. Every later call rejects. Calling it again does nothing. */
  close(): Promise<void>;
}

/** What a script fallback can do: the store's operations, synchronous, plus the clock. */
export interface KvScriptContext {
  get(key: string): string | null;
  set(key: string, value: string, options?: SetOptions): boolean;
  del(...keys: string[]): number;
  incrBy(key: string, delta: number): number;
  expire(key: string, ttlMs: number): boolean;
  pttl(key: string): number;
  zadd(key: string, score: number, member: string, options?: ZAddOptions): boolean;
  zrank(key: string, member: string): number | null;
  zcard(key: string): number;
  zrem(key: string, ...members: string[]): number;
  zrangeByScore(key: string, min: ScoreBound, max: ScoreBound, options?: ZRangeOptions): ScoredMember[];
  zremRangeByScore(key: string, min: ScoreBound, max: ScoreBound): number;
  /** Milliseconds since the epoch (what `redis.call('TIME')` gives a Lua script, in ms). */
  now(): number;
}

// ---------------------------------------------------------------------------
// Small helpers shared by the adapters (so they validate and convert alike).

export class KvClosedError extends Error {
  constructor(kind: KvKind) {
    super(`The ${kind} key-value store is closed`);
    this.name = 'KvClosedError';
  }
}

/** Same check on every adapter, before anything is sent: TTLs are positive integer milliseconds. */
export function assertTtl(ttlMs: number, what = 'ttlMs'): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`${what} must be a positive integer number of milliseconds, got ${ttlMs}`);
}

export function assertDelta(delta: number): void {
  if (!Number.isSafeInteger(delta)) throw new RangeError(`incrBy delta must be a safe integer, got ${delta}`);
}

export function assertScore(score: number, what = 'score'): void {
  if (Number.isNaN(score)) throw new RangeError(`${what} must be a number, got NaN`);
}

export function assertRange(options: ZRangeOptions | undefined): void {
  if (!options) return;
  const { offset = 0, count } = options;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
  if (count !== undefined && (!Number.isSafeInteger(count) || count < 0)) throw new RangeError(`count must be a non-negative integer, got ${count}`);
}

/** A score bound as Redis reads it. */
export function scoreArg(bound: number): string {
  if (bound === Infinity) return '+inf';
  if (bound === -Infinity) return '-inf';
  return String(bound);
}

/** A score as Redis writes it back ("inf", "-inf", or a decimal). */
export function parseScore(raw: string | number): number {
  if (typeof raw === 'number') return raw;
  if (raw === 'inf' || raw === '+inf') return Infinity;
  if (raw === '-inf') return -Infinity;
  return Number(raw);
}

export function scriptSha1(lua: string): string {
  return createHash('sha1').update(lua).digest('hex');
}

export function isNoScriptError(error: unknown): boolean {
  return error instanceof Error && /NOSCRIPT/i.test(error.message);
}

/** Converts a fallback's answer the way Redis converts a Lua value: true → 1, false/nil → null, numbers truncated to integers. */
export function toScriptReply(value: ScriptFallbackResult): ScriptReply {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return 1;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`a script cannot answer ${value}`);
    return Math.trunc(value) || 0; // no -0
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toScriptReply);
  throw new TypeError(`a script can answer integers, strings, booleans, null and arrays of those, not ${typeof value}`);
}

/** Remembers scripts by name so one name always means one script. */
export class ScriptRegistry<T> {
  readonly #byName = new Map<string, { lua: string; script: T }>();

  define(name: string, lua: string, create: () => T): T {
    const existing = this.#byName.get(name);
    if (existing) {
      if (existing.lua !== lua) throw new Error(`Script "${name}" is already defined with different Lua`);
      return existing.script;
    }
    const script = create();
    this.#byName.set(name, { lua, script });
    return script;
  }
}
