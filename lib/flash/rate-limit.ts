/**
 * Sliding-window rate limits in the key-value store (one atomic script per
 * check): at most `limit` requests per `windowMs` for each identity and
 * bucket. Configured with STOCKWISE_RATE_LIMITS, e.g. "api=300/60,checkout=10/60,signin=10/60"
 * (requests per seconds); who a client is, is lib/security/client-address.ts.
 * If the store cannot be reached the request is let through — a limit must not
 * take the shop down — and the log says so.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '@/lib/api/errors';
import { kv } from '@/lib/kv';
import type { KeyValueStore, KvScript } from '@/lib/kv/types';

export const RATE_LIMIT_BUCKETS = ['api', 'checkout', 'signin', 'signin_address', 'signup'] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];
export type Limit = { limit: number; windowMs: number };

const DEFAULTS: Record<RateLimitBucket, Limit> = {
  api: { limit: 300, windowMs: 60_000 },
  checkout: { limit: 10, windowMs: 60_000 },
  // Per email: password guesses against one account, from anywhere.
  signin: { limit: 10, windowMs: 60_000 },
  // Per client address: one client guessing across many accounts (looser: many people can share an address).
  signin_address: { limit: 30, windowMs: 60_000 },
  // Per client address: sign-up answers whether an email is taken, so probing it is kept slow.
  signup: { limit: 10, windowMs: 3_600_000 },
};

export function rateLimits(env: Record<string, string | undefined> = process.env): Record<RateLimitBucket, Limit> {
  const limits = { ...DEFAULTS };
  for (const part of (env.STOCKWISE_RATE_LIMITS ?? '').split(',')) {
    const match = /^\s*(\w+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part);
    if (match && (RATE_LIMIT_BUCKETS as readonly string[]).includes(match[1]!) && Number(match[2]) > 0 && Number(match[3]) > 0) {
      limits[match[1] as RateLimitBucket] = { limit: Number(match[2]), windowMs: Number(match[3]) * 1000 };
    }
  }
  return limits;
}

const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`;

const scripts = new WeakMap<KeyValueStore, KvScript>();
function slidingWindow(store: KeyValueStore): KvScript {
  let script = scripts.get(store);
  if (!script) {
    script = store.defineScript('sliding-window-rate-limit', SLIDING_WINDOW, (s, [key], [window, limit, member]) => {
      const now = s.now();
      s.zremRangeByScore(key!, -Infinity, now - Number(window));
      if (s.zcard(key!) < Number(limit)) {
        s.zadd(key!, now, member!);
        s.expire(key!, Number(window));
        return [1, 0];
      }
      const [oldest] = s.zrangeByScore(key!, -Infinity, Infinity, { count: 1 });
      return [0, (oldest?.score ?? now) + Number(window) - now];
    });
    scripts.set(store, script);
  }
  return script;
}

export type RateDecision = { allowed: boolean; retryAfterSeconds: number };

let warned = 0;

export async function checkRateLimit(
  bucket: RateLimitBucket,
  identity: string,
  store: KeyValueStore = kv(),
  limits: Partial<Record<RateLimitBucket, Limit>> = rateLimits(),
): Promise<RateDecision> {
  const { limit, windowMs } = limits[bucket] ?? DEFAULTS[bucket];
  const key = `rl:${bucket}:${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}`;
  try {
    const reply = (await slidingWindow(store)(
      [key],
      [windowMs, limit, `${Date.now()}-${Math.random().toString(36).slice(2, 10)}`],
    )) as [number, number];
    return { allowed: reply[0] === 1, retryAfterSeconds: Math.max(1, Math.ceil(Number(reply[1]) / 1000)) };
  } catch (error) {
    if (Date.now() - warned > 60_000) {
      warned = Date.now();
      console.warn(`[rate-limit] the key-value store is unreachable; letting requests through: ${(error as Error).message}`);
    }
    return { allowed: true, retryAfterSeconds: 0 };
  }
}

/** Throws 429 `rate_limited` (with `Retry-After`) when the identity is over the bucket's limit. */
export async function enforceRateLimit(bucket: RateLimitBucket, identity: string): Promise<void> {
  const decision = await checkRateLimit(bucket, identity);
  if (!decision.allowed) throw rateLimitedError(decision);
}

/** Both decisions at once: allowed only when both are, waiting for the longer refusal. */
export function bothAllowed(a: RateDecision, b: RateDecision): RateDecision {
  const refused = [a, b].filter((d) => !d.allowed);
  return refused.length === 0 ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: Math.max(...refused.map((d) => d.retryAfterSeconds)) };
}

export function rateLimitedError(decision: RateDecision): ApiError {
  return new ApiError(429, 'rate_limited', `Too many requests: try again in ${decision.retryAfterSeconds} s`, { retry_after: decision.retryAfterSeconds });
}
