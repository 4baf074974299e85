/**
 * Issue 17, item 7: the checkout limit must not hide an order a client already
 * placed, and must not be used up by requests refused as invalid.
 * - A retry with the Idempotency-Key of a completed order gets the saved answer
 *   (201, the same order) even when the shopper's checkout limit is used up.
 * - Bodies refused before any work (400 from the schema) do not count toward
 *   the checkout limit: after N of them a valid order is still placed.
 * Real handlers, PostgreSQL and the key-value store; the limit is set small.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it, vi } from 'vitest';
import { getDb, getSql } from '@/db/client';
import { POST as createOrder } from '@/app/api/v1/orders/route';
import { createApiKey } from '@/lib/auth/api-keys';
import { call } from '@/test/api';
import { variantsWithStock } from '@/test/fixtures';

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

const LIMIT = 3;
let itemId = '';
const keys: string[] = [];

beforeAll(async () => {
  process.env.STOCKWISE_RATE_LIMITS = `api=100000/60,checkout=${LIMIT}/60`;
  itemId = (await variantsWithStock(getDb(), 50, 1_000_000, 1))[0]!.id;
  const users = await getSql()<{ id: string }[]>`select id from users where role = 'customer' order by email limit 2`;
  for (const u of users) keys.push((await createApiKey(getDb(), u.id, 'replay-before-limit')).key);
});

const order = (key: string, idempotencyKey: string) =>
  call(createOrder, 'POST', '/api/v1/orders', { key, body: { items: [{ item_id: itemId, quantity: 1 }] }, headers: { 'idempotency-key': idempotencyKey } });

it('replays a completed order with its saved 201 after the checkout limit is used up', async () => {
  const first = await order(keys[0]!, 'replay-1');
  expect(first.status).toBe(201);
  for (let i = 1; i < LIMIT; i++) expect((await order(keys[0]!, randomUUID())).status).toBe(201);
  // The limit is used up now: a new order is refused…
  const refused = await order(keys[0]!, randomUUID());
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('rate_limited');
  // …but the client retrying its first order learns the order it made.
  const replay = await order(keys[0]!, 'replay-1');
  expect({ status: replay.status, order: replay.body?.order_id, replayed: replay.headers.get('idempotent-replayed') }).toEqual({
    status: 201,
    order: first.body.order_id,
    replayed: 'true',
  });
  // A replay's key with another body is still refused as reused, not served.
  const reused = await call(createOrder, 'POST', '/api/v1/orders', {
    key: keys[0]!,
    body: { items: [{ item_id: itemId, quantity: 2 }] },
    headers: { 'idempotency-key': 'replay-1' },
  });
  expect({ status: reused.status, code: reused.body?.error?.code }).toEqual({ status: 409, code: 'idempotency_key_reused' });
});

it('does not count bodies refused as invalid toward the checkout limit', async () => {
  const invalid = [{}, { items: [] }, { items: [{ item_id: 'nope', quantity: 1 }] }, { items: [{ item_id: itemId, quantity: -1 }] }, { from_cart: 'yes' }];
  for (let i = 0; i < LIMIT * 2; i++) {
    const response = await call(createOrder, 'POST', '/api/v1/orders', { key: keys[1]!, body: invalid[i % invalid.length] });
    expect(response.status).toBe(400);
  }
  const valid = await order(keys[1]!, randomUUID());
  expect(valid.status).toBe(201);
});
