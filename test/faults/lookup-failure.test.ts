/**
 * Issue 17, item 4: who the caller is depends on the database (the API key's
 * row, the session's row). When that read fails, the answer is a retryable
 * 503 `unavailable` with Retry-After — never a 401 (a signed-in shopper told
 * they are signed out, a valid key told it is unknown) and never a 500.
 *
 * The failure is injected in PostgreSQL itself: the table the read needs is
 * renamed away for the duration of one request, so every query of it fails.
 * Auth.js's cookie decoding is the one stand-in (`auth()` returns the session
 * a valid cookie would carry); the session row is then read for real.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb, getSql } from '@/db/client';
import { GET as listOrders, POST as createOrder } from '@/app/api/v1/orders/route';
import { createApiKey } from '@/lib/auth/api-keys';
import { startSession } from '@/lib/auth/sessions';
import { call } from '@/test/api';

const session = vi.hoisted(() => ({ current: null as null | { user: { id: string }; sessionId: string } }));
vi.mock('@/auth', () => ({ auth: async () => session.current }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

let userId = '';
let apiKey = '';

beforeAll(async () => {
  const [user] = await getSql()<{ id: string }[]>`select id from users where role = 'customer' order by email limit 1`;
  userId = user!.id;
  apiKey = (await createApiKey(getDb(), userId, 'lookup-failure')).key;
  session.current = { user: { id: userId }, sessionId: await startSession(getDb(), userId) };
});

afterEach(() => {
  session.current = session.current && { ...session.current };
});

/** Runs `request` while `table` cannot be read, then puts it back. */
async function whileUnreadable<T>(table: 'api_keys' | 'user_sessions', request: () => Promise<T>): Promise<T> {
  const sql = getSql();
  await sql.unsafe(`alter table ${table} rename to ${table}_away`);
  try {
    return await request();
  } finally {
    await sql.unsafe(`alter table ${table}_away rename to ${table}`);
  }
}

function expectUnavailable(response: { status: number; headers: Headers; body: { error?: { code?: string } } | null }) {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status: 503, code: 'unavailable' });
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
}

describe('a failed identity read answers 503, never 401', () => {
  it('works when the database answers (the control)', async () => {
    expect((await call(listOrders, 'GET', '/api/v1/orders', { key: apiKey })).status).toBe(200);
    expect((await call(listOrders, 'GET', '/api/v1/orders')).status).toBe(200);
  });

  it('API key lookup fails: GET and POST answer 503 unavailable with Retry-After', async () => {
    expectUnavailable(await whileUnreadable('api_keys', () => call(listOrders, 'GET', '/api/v1/orders', { key: apiKey })));
    expectUnavailable(
      await whileUnreadable('api_keys', () =>
        call(createOrder, 'POST', '/api/v1/orders', { key: apiKey, body: { items: [] }, headers: { 'idempotency-key': 'lookup-failure-1' } }),
      ),
    );
  });

  it('session read fails: a signed-in REST caller gets 503, not 401', async () => {
    expectUnavailable(await whileUnreadable('user_sessions', () => call(listOrders, 'GET', '/api/v1/orders')));
  });

  it('session read fails: pages and actions see an error (the error page), not "signed out"', async () => {
    const { getCurrentUser } = await import('@/lib/session/current-user');
    // React's cache() is per request; outside one it calls through every time.
    await expect(whileUnreadable('user_sessions', () => getCurrentUser())).rejects.toThrow();
    await expect(getCurrentUser()).resolves.toMatchObject({ id: userId });
  });

  it('an unknown key is still a plain 401 when the database answers', async () => {
    const response = await call(listOrders, 'GET', '/api/v1/orders', { key: 'sk_live_not_a_key_that_exists_0000' });
    expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status: 401, code: 'unauthenticated' });
  });
});
