/**
 * The limits on signing in, signing up and the REST API, all keyed by one
 * client rule (lib/security/client-address.ts): never by anything a client
 * can make up for free.
 */
import { getDb } from '@/db/client';
import { bothAllowed, checkRateLimit, rateLimitedError, type RateDecision } from '@/lib/flash/rate-limit';
import { clientKey } from '@/lib/security/client-address';
import { bearerKey, hashApiKey } from './api-key-hash';
import { isLiveApiKey } from './api-keys';

const ALLOWED: RateDecision = { allowed: true, retryAfterSeconds: 0 };

/**
 * One sign-in attempt on any path (the shop's form, Auth.js's own callback,
 * `POST /auth/token`, a password change), counted against the client's address
 * and against the email: neither many addresses on one account nor one address
 * across many accounts gets far. `email` is null when the attempt names none.
 */
export async function checkSignInLimit(headers: Headers, email: string | null): Promise<RateDecision> {
  const [byAddress, byEmail] = await Promise.all([
    checkRateLimit('signin_address', clientKey(headers)),
    email ? checkRateLimit('signin', `email:${email.trim().toLowerCase()}`) : ALLOWED,
  ]);
  return bothAllowed(byAddress, byEmail);
}

/** checkSignInLimit, throwing 429 `rate_limited` when refused. */
export async function enforceSignInLimit(headers: Headers, email: string | null): Promise<void> {
  const decision = await checkSignInLimit(headers, email);
  if (!decision.allowed) throw rateLimitedError(decision);
}

/** One sign-up attempt (form or REST), counted against the client's address. */
export function checkSignUpLimit(headers: Headers): Promise<RateDecision> {
  return checkRateLimit('signup', clientKey(headers));
}

export async function enforceSignUpLimit(headers: Headers): Promise<void> {
  const decision = await checkSignUpLimit(headers);
  if (!decision.allowed) throw rateLimitedError(decision);
}

const REMEMBER_LIVE_KEY_MS = 60_000;
const liveKeys = new Map<string, number>();

async function liveKeyHash(key: string): Promise<string | null> {
  const hash = hashApiKey(key);
  if ((liveKeys.get(hash) ?? 0) > Date.now()) return hash;
  if (!(await isLiveApiKey(getDb(), key))) return null;
  if (liveKeys.size >= 10_000) liveKeys.clear();
  liveKeys.set(hash, Date.now() + REMEMBER_LIVE_KEY_MS);
  return hash;
}

/**
 * Who a REST request is counted as: its API key when that is a live key (in
 * any spelling of `Bearer`), else its client's address. An unknown, revoked or
 * malformed Authorization value counts against the address, so it buys no
 * fresh bucket. A live key is remembered for a minute per process: a busy
 * client costs one lookup a minute here (the route still checks the key).
 */
export async function apiRateKey(headers: Headers): Promise<string> {
  const key = bearerKey(headers.get('authorization'));
  if (!key) return clientKey(headers);
  try {
    const hash = await liveKeyHash(key);
    return hash ? `key:${hash}` : clientKey(headers);
  } catch {
    // The database is unreachable: the route answers 503; meanwhile count the address.
    return clientKey(headers);
  }
}
