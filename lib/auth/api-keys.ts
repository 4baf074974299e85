/** API keys: shown once at creation, stored as a SHA-256 hash, revocable. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { apiKeys, users } from '@/db/schema';
import { isDemoApiKey, isDemoMode } from '@/lib/config/demo';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-hash';
import type { AuthUser } from './users';

export type ApiKeySummary = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const summary = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Creates a key for the user; the plaintext key is in the result and nowhere else, ever. */
export async function createApiKey(db: DbOrTx, userId: string, name: string): Promise<ApiKeySummary & { key: string }> {
  const key = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ userId, name, prefix: apiKeyPrefix(key), keyHash: hashApiKey(key) })
    .returning(summary);
  return { ...row!, key };
}

export function listApiKeys(db: DbOrTx, userId: string): Promise<ApiKeySummary[]> {
  return db.select(summary).from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(desc(apiKeys.createdAt));
}

/** Revokes one of the user's own keys; false when the key is not theirs or already revoked. */
export async function revokeApiKey(db: DbOrTx, userId: string, keyId: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

/** Keys that are never looked up: the wrong length, or the published demo keys outside demo mode. */
const unacceptable = (key: string) => key.length < 8 || key.length > 200 || (isDemoApiKey(key) && !isDemoMode());

/**
 * The key's row and its user, read as exactly one row whatever the key: the database answers an
 * unknown or revoked key with nulls. No row (seen under pg_terminate_backend: a query on a dying
 * connection resolved with an empty result) means the answer was lost and is an error, never "no such
 * key": a valid key must not read as unknown.
 */
async function lookUpKey(db: DbOrTx, key: string): Promise<{ keyId: string; lastUsedAt: Date | null; user: AuthUser } | null> {
  const hash = hashApiKey(key);
  const rows = await db
    .select({ echo: sql<string>`${hash}::text`, keyId: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt, id: users.id, email: users.email, name: users.name, role: users.role })
    .from(sql`(select 1) as probe`)
    .leftJoin(apiKeys, and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
    .leftJoin(users, eq(users.id, apiKeys.userId));
  // The echoed hash proves the row answers this query, not another one on the same connection.
  if (rows.length !== 1 || rows[0]!.echo !== hash) throw new Error(`API key lookup: ${rows.length} rows instead of 1, or not this query's answer`);
  const { keyId, lastUsedAt, id, email, name, role } = rows[0]!;
  return keyId === null || id === null || email === null || role === null ? null : { keyId, lastUsedAt, user: { id, email, name, role } };
}

/** Whether `key` is a live key (one authenticateApiKey accepts), without recording a use. Throws when the database does not answer. */
export async function isLiveApiKey(db: DbOrTx, key: string): Promise<boolean> {
  if (unacceptable(key)) return false;
  return (await lookUpKey(db, key)) !== null;
}

/**
 * The user a live key belongs to, or null for an unknown or revoked key (and for the published demo
 * keys outside demo mode). Throws when the database does not answer: the caller answers 503.
 */
export async function authenticateApiKey(db: DbOrTx, key: string): Promise<AuthUser | null> {
  if (unacceptable(key)) return null;
  const row = await lookUpKey(db, key);
  if (!row) return null;
  // Record use at most once a minute per key, so busy clients do not write on every request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, row.keyId));
  }
  return row.user;
}
