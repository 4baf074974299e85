/**
 * The key-value store, chosen once from the environment and then cached:
 * - `UPSTASH_REDIS_REST_URL` + `UPSTASH_REDIS_REST_TOKEN` → Upstash (REST);
 * - else `REDIS_URL` → Redis over TCP;
 * - else the in-process memory store (one instance per process: fine for the
 *   embedded default and a single instance, not shared between instances).
 */
import { MemoryKeyValueStore } from './memory';
import { RedisTcpKeyValueStore } from './redis-tcp';
import type { KeyValueStore } from './types';
import { UpstashKeyValueStore } from './upstash';

export type { KeyValueStore, KvKind, KvScript, KvScriptContext, ScoredMember, ScriptFallback, ScriptReply } from './types';

// Kept on globalThis so Next's dev server reloading modules does not open a new store each time.
const holder = globalThis as unknown as { __stockwiseKv?: KeyValueStore };

export function createKvFromEnv(env: NodeJS.ProcessEnv = process.env): KeyValueStore {
  const upstashUrl = env.UPSTASH_REDIS_REST_URL?.trim();
  const upstashToken = env.UPSTASH_REDIS_REST_TOKEN?.trim();
  if (upstashUrl || upstashToken) {
    if (!upstashUrl || !upstashToken) {
      throw new Error(`${upstashUrl ? 'UPSTASH_REDIS_REST_TOKEN' : 'UPSTASH_REDIS_REST_URL'} is not set: Upstash needs both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN`);
    }
    return new UpstashKeyValueStore({ url: upstashUrl, token: upstashToken });
  }
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl) return new RedisTcpKeyValueStore({ url: redisUrl });
  return new MemoryKeyValueStore();
}

/** The process's key-value store. */
export function kv(): KeyValueStore {
  holder.__stockwiseKv ??= createKvFromEnv();
  return holder.__stockwiseKv;
}

/** Closes and forgets the cached store, so the next `kv()` reads the environment again. */
export async function resetKvForTests(): Promise<void> {
  const current = holder.__stockwiseKv;
  holder.__stockwiseKv = undefined;
  await current?.close();
}
