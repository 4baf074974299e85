/**
 * `Idempotency-Key` for mutating POSTs (API.md): a retry with the same key and
 * body gets the first response again and does nothing again; the same key with
 * another body gets 409 `idempotency_key_reused`.
 *
 * The key's row is written in the same transaction as the work, and concurrent
 * requests with one key queue on its unique index: the first runs, the rest
 * wait for it to commit and then replay its stored answer. A crash rolls back
 * the work and the key together, so a retry simply runs again.
 */
import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb, type DbOrTx } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import { ApiError } from './errors';

export type Outcome = { status: number; body: unknown };

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export async function idempotent(
  request: Request,
  scope: string,
  bodyText: string,
  work: (tx: DbOrTx) => Promise<Outcome>,
): Promise<Response> {
  const key = idempotencyKey(request);
  if (key === null) return toResponse(await runCatching(getDb(), (db) => (db as ReturnType<typeof getDb>).transaction(work)));
  const requestHash = hashRequest(request, bodyText);

  const outcome = await getDb().transaction(async (tx) => {
    await tx.insert(idempotencyKeys).values({ scope, key, requestHash }).onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
      .for('update');
    if (!row) throw new Error('idempotency row missing after insert');
    if (row.requestHash !== requestHash) {
      return reusedKey().toOutcome();
    }
    if (row.responseStatus !== null) return { status: row.responseStatus, body: row.responseBody, replayed: true };

    // A savepoint: a refused request (4xx) undoes its own writes but its answer is still kept.
    const result = await runCatching(tx, (inner) => inner.transaction(work));
    await tx
      .update(idempotencyKeys)
      .set({ responseStatus: result.status, responseBody: result.body ?? null, completedAt: sql`now()` })
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    return result;
  });
  return toResponse(outcome);
}

/**
 * The saved answer to a completed request with this Idempotency-Key (409 when the key was used with
 * another body), or null when there is none yet. Read without a lock, before any rate limit: a client
 * retrying a request that already took effect learns its answer even once its limit is used up.
 */
export async function savedAnswer(request: Request, scope: string, bodyText: string): Promise<Response | null> {
  const key = idempotencyKey(request);
  if (key === null) return null;
  const [row] = await getDb()
    .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.responseStatus, body: idempotencyKeys.responseBody })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  if (!row || row.status === null) return null;
  if (row.requestHash !== hashRequest(request, bodyText)) throw reusedKey();
  return toResponse({ status: row.status, body: row.body, replayed: true });
}

function idempotencyKey(request: Request): string | null {
  const key = request.headers.get('idempotency-key');
  if (key !== null && !KEY_PATTERN.test(key)) {
    throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 1–255 visible ASCII characters', {
      fields: { 'idempotency-key': 'must be 1–255 visible ASCII characters' },
    });
  }
  return key;
}

function hashRequest(request: Request, bodyText: string): string {
  // Keyed with the server's secret: bodies can hold passwords (POST /users), and a plain hash of one is a cheap guess away.
  return createHmac('sha256', process.env.AUTH_SECRET || 'stockwise-idempotency')
    .update(`${request.method} ${new URL(request.url).pathname}\n${bodyText}`)
    .digest('hex');
}

const reusedKey = () => new ApiError(409, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request');

async function runCatching(db: DbOrTx, work: (tx: DbOrTx) => Promise<Outcome>): Promise<Outcome> {
  try {
    return await work(db);
  } catch (error) {
    if (error instanceof ApiError && error.status < 500) return error.toOutcome();
    throw error;
  }
}

function toResponse(outcome: Outcome & { replayed?: boolean }): Response {
  const headers: Record<string, string> = {};
  if (outcome.replayed) headers['idempotent-replayed'] = 'true';
  if (outcome.status === 204) return new Response(null, { status: 204, headers });
  return Response.json(outcome.body, { status: outcome.status, headers });
}
