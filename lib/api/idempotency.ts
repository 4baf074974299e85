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
  const key = request.headers.get('idempotency-key');
  if (key === null) return toResponse(await runCatching(getDb(), (db) => (db as ReturnType<typeof getDb>).transaction(work)));
  if (!KEY_PATTERN.test(key)) {
    throw new ApiError(400, 'invalid_request', 'Idempotency-Key must be 1–255 visible ASCII characters', {
      fields: { 'idempotency-key': 'must be 1–255 visible ASCII characters' },
    });
  }
  // Keyed with the server's secret: bodies can hold passwords (POST /users), and a plain hash of one is a cheap guess away.
  const requestHash = createHmac('sha256', process.env.AUTH_SECRET || 'stockwise-idempotency')
    .update(`${request.method} ${new URL(request.url).pathname}\n${bodyText}`)
    .digest('hex');

  const outcome = await getDb().transaction(async (tx) => {
    await tx.insert(idempotencyKeys).values({ scope, key, requestHash }).onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
      .for('update');
    if (!row) throw new Error('idempotency row missing after insert');
    if (row.requestHash !== requestHash) {
      return new ApiError(409, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request').toOutcome();
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
