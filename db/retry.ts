import type { DbOrTx } from './client';

/** Deadlock (40P01) and serialization failure (40001): the transaction did nothing and may simply run again. */
export function isRetryableConflict(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The database connection went away (the server terminated the backend, a
 * restart, a network reset, or the pool could not connect). The statement's
 * outcome is unknown or it did not run: the caller may retry — safely with an
 * Idempotency-Key — but this is not a bug in the request. SQLSTATE class 08
 * (connection exception), 57P01–57P03 (admin/crash shutdown, cannot connect
 * now), 53300 (too many connections) and postgres.js's own connection errors.
 */
export function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true;
      if (code === 'CONNECTION_CLOSED' || code === 'CONNECTION_ENDED' || code === 'CONNECTION_DESTROYED' || code === 'CONNECT_TIMEOUT') return true;
      if (code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'EPIPE' || code === 'ETIMEDOUT') return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `work` in a transaction (a savepoint when `db` is already one),
 * retrying it with a little jittered backoff when PostgreSQL aborts it for a
 * deadlock or a serialization failure, so those never reach the caller.
 * Other errors are thrown at once.
 */
export async function transactionWithRetry<T>(db: DbOrTx, work: (tx: DbOrTx) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
