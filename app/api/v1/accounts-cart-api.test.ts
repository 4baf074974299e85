import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { apiKeys, users, wishlistItems } from '@/db/schema';
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys';
import { call } from '@/test/api';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import * as tokenRoute from './auth/token/route';
import * as usersRoute from './users/route';
import * as userRoute from './users/[user_id]/route';
import * as cartRoute from './users/[user_id]/cart/route';
import * as cartLineRoute from './users/[user_id]/cart/[item_id]/route';
import * as wishlistRoute from './users/[user_id]/wishlist/route';
import * as wishlistItemRoute from './users/[user_id]/wishlist/[item_id]/route';
import * as warehousesRoute from './warehouses/route';

const db = getDb();
const SHOPPER = 'sw_test_shopper_demo';
const MERCHANT = 'sw_test_merchant_demo';
const [a, b] = await variantsWithStock(db, 10, 1_000_000, 2);
const shopperId = await userIdByEmail(db, 'shopper@example.com');

const issuedTokens: string[] = [];

async function signUp(email: string) {
  const created = await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email, password: 'correct horse battery' } });
  expect(created.status).toBe(201);
  const token = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email, password: 'correct horse battery' } });
  expect(token.status).toBe(201);
  issuedTokens.push(token.body.token);
  return { userId: created.body.user_id as string, key: token.body.token as string };
}

describe('sign-up and tokens', () => {
  it('creates a customer and answers { user_id, email }; the password is stored hashed', async () => {
    const response = await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email: 'New.Person@Example.com', password: 'a-good-password', name: 'New' } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ user_id: expect.any(String), email: 'new.person@example.com' });
    const [row] = await db.select().from(users).where(eq(users.id, response.body.user_id));
    expect(row?.role).toBe('customer');
    expect(row?.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(row?.passwordHash).not.toContain('a-good-password');
  });

  it('answers 409 conflict for a taken email, whatever its case', async () => {
    const response = await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email: 'SHOPPER@example.com', password: 'another-password' } });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('conflict');
  });

  it('answers 400 naming each bad field, and creates nothing', async () => {
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email', password: 'long-enough' }, 'email'],
      [{ email: 'a@example.com', password: 'short' }, 'password'],
      [{ email: 'a@example.com', password: 'x'.repeat(73) }, 'password'],
      [{ email: 'a@example.com' }, 'password'],
      [{ email: 'a@example.com', password: 'long-enough', role: 'admin' }, '(body)'],
      [[1, 2], '(body)'],
    ];
    for (const [body, field] of cases) {
      const response = await call(usersRoute.POST, 'POST', '/api/v1/users', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(Object.keys(response.body.error.details.fields).join(' ')).toContain(field === '(body)' ? '' : field);
    }
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(users)).toEqual(before);
  });

  it('rejects malformed JSON, wrong content types and oversized bodies with 4xx', async () => {
    expect((await call(usersRoute.POST, 'POST', '/api/v1/users', { rawBody: '{"email":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await call(usersRoute.POST, 'POST', '/api/v1/users', { rawBody: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(400);
    const huge = await call(usersRoute.POST, 'POST', '/api/v1/users', { rawBody: JSON.stringify({ email: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('gives a token for good credentials and 401 otherwise; the key is stored only as a hash', async () => {
    const good = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: 'shopper@example.com', password: 'shopper-password' } });
    expect(good.status).toBe(201);
    expect(good.body.token).toMatch(/^sw_live_/);
    const stored = await db.select().from(apiKeys).where(eq(apiKeys.id, good.body.key_id));
    expect(JSON.stringify(stored)).not.toContain(good.body.token);
    const me = await call(userRoute.GET, 'GET', '/api/v1/users/me', { params: { user_id: 'me' }, key: good.body.token });
    expect(me.body.email).toBe('shopper@example.com');

    const bad = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: 'shopper@example.com', password: 'wrong' } });
    expect(bad.status).toBe(401);
    const unknown = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: 'nobody@example.com', password: 'wrong' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(bad.body.error.message);
  });
});

describe('authentication and ownership', () => {
  it('answers 401 with no key, a malformed header, an unknown key or a revoked key', async () => {
    const created = await createApiKey(db, shopperId, 'to revoke');
    expect((await call(cartRoute.GET, 'GET', '/api/v1/users/me/cart', { params: { user_id: 'me' }, key: created.key })).status).toBe(200);
    await revokeApiKey(db, shopperId, created.id);
    for (const headers of [{} as Record<string, string>, { authorization: `Bearer ${created.key}` }, { authorization: 'Bearer sw_nope_123456789' }, { authorization: 'Basic abc' }, { authorization: 'Bearer' }]) {
      const response = await call(cartRoute.GET, 'GET', '/api/v1/users/me/cart', { params: { user_id: 'me' }, headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.body.error.code).toBe('unauthenticated');
    }
  });

  it('answers 404 when a customer reaches for another user’s account, cart or wishlist, and changes nothing', async () => {
    const other = await signUp(`other-${Date.now()}@example.com`);
    await call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { params: { user_id: 'me' }, key: other.key, body: { item_id: a!.id, quantity: 1 } });
    const params = { user_id: other.userId };
    const attempts = [
      await call(userRoute.GET, 'GET', `/api/v1/users/${other.userId}`, { params, key: SHOPPER }),
      await call(cartRoute.GET, 'GET', `/api/v1/users/${other.userId}/cart`, { params, key: SHOPPER }),
      await call(cartRoute.POST, 'POST', `/api/v1/users/${other.userId}/cart`, { params, key: SHOPPER, body: { item_id: b!.id, quantity: 1 } }),
      await call(cartLineRoute.PATCH, 'PATCH', `/api/v1/users/${other.userId}/cart/${a!.id}`, { params: { ...params, item_id: a!.id }, key: SHOPPER, body: { quantity: 5 } }),
      await call(cartLineRoute.DELETE, 'DELETE', `/api/v1/users/${other.userId}/cart/${a!.id}`, { params: { ...params, item_id: a!.id }, key: SHOPPER }),
      await call(wishlistRoute.GET, 'GET', `/api/v1/users/${other.userId}/wishlist`, { params, key: SHOPPER }),
      await call(wishlistRoute.POST, 'POST', `/api/v1/users/${other.userId}/wishlist`, { params, key: SHOPPER, body: { item_id: a!.id } }),
      await call(wishlistItemRoute.DELETE, 'DELETE', `/api/v1/users/${other.userId}/wishlist/${a!.id}`, { params: { ...params, item_id: a!.id }, key: SHOPPER }),
      // a merchant is not the owner either
      await call(cartRoute.GET, 'GET', `/api/v1/users/${other.userId}/cart`, { params, key: MERCHANT }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    const cart = await call(cartRoute.GET, 'GET', '/api/v1/users/me/cart', { params: { user_id: 'me' }, key: other.key });
    expect(cart.body.items).toEqual([expect.objectContaining({ item_id: a!.id, quantity: 1 })]);
    expect(await db.select().from(wishlistItems).where(eq(wishlistItems.userId, other.userId))).toEqual([]);
  });

  it('answers 400 for a malformed user id and 403 for a customer on a merchant endpoint', async () => {
    expect((await call(cartRoute.GET, 'GET', '/api/v1/users/nope/cart', { params: { user_id: 'nope' }, key: SHOPPER })).status).toBe(400);
    const forbidden = await call(warehousesRoute.GET, 'GET', '/api/v1/warehouses', { key: SHOPPER });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    const allowed = await call(warehousesRoute.GET, 'GET', '/api/v1/warehouses', { key: MERCHANT });
    expect(allowed.status).toBe(200);
    expect(allowed.body.data).toHaveLength(2);
    expect(allowed.body.data[0]).toEqual(expect.objectContaining({ warehouse_id: expect.any(String), code: expect.any(String), supplier_id: expect.any(String) }));
  });
});

describe('cart over REST', () => {
  it('adds, changes and removes lines, answering the cart with totals', async () => {
    const { key } = await signUp(`cart-${Date.now()}@example.com`);
    const me = { params: { user_id: 'me' }, key };
    const added = await call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { ...me, body: { item_id: a!.id, quantity: 2 } });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ items: [{ item_id: a!.id, quantity: 2, price_cents: a!.priceCents }], subtotal_cents: 2 * a!.priceCents, currency: 'USD' });
    expect(added.body.total_cents).toBe(added.body.subtotal_cents - added.body.discount_cents + added.body.tax_cents + added.body.shipping_cents);

    const patched = await call(cartLineRoute.PATCH, 'PATCH', `/api/v1/users/me/cart/${a!.id}`, { params: { user_id: 'me', item_id: a!.id }, key, body: { quantity: 5 } });
    expect(patched.body.items[0].quantity).toBe(5);

    for (const quantity of [0, -3, 2.5, '3', 1000, null]) {
      const bad = await call(cartLineRoute.PATCH, 'PATCH', `/api/v1/users/me/cart/${a!.id}`, { params: { user_id: 'me', item_id: a!.id }, key, body: { quantity } });
      expect(bad.status, String(quantity)).toBe(400);
      expect(bad.body.error.details.fields).toHaveProperty('quantity');
    }
    const badItem = await call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { ...me, body: { item_id: 'abc', quantity: 1 } });
    expect(badItem.body.error.details.fields).toHaveProperty('item_id');
    const unknownItem = await call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { ...me, body: { item_id: '00000000-0000-4000-8000-000000000000', quantity: 1 } });
    expect(unknownItem.status).toBe(400);
    expect(unknownItem.body.error.details.fields).toHaveProperty('item_id');

    const removed = await call(cartLineRoute.DELETE, 'DELETE', `/api/v1/users/me/cart/${a!.id}`, { params: { user_id: 'me', item_id: a!.id }, key });
    expect(removed.status).toBe(204);
    expect((await call(cartRoute.GET, 'GET', '/api/v1/users/me/cart', me)).body.items).toEqual([]);
    expect((await call(cartLineRoute.DELETE, 'DELETE', `/api/v1/users/me/cart/${a!.id}`, { params: { user_id: 'me', item_id: a!.id }, key })).status).toBe(404);
  });

  it('replays a POST retried with the same Idempotency-Key, and refuses the key with another body', async () => {
    const { key, userId } = await signUp(`idem-${Date.now()}@example.com`);
    const send = (body: unknown) =>
      call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { params: { user_id: 'me' }, key, body, headers: { 'idempotency-key': 'add-a-once' } });
    const responses = await Promise.all(Array.from({ length: 10 }, () => send({ item_id: a!.id, quantity: 3 })));
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body).toEqual(responses[0]!.body);
    }
    const lines = await db.execute<{ quantity: number }>(sql`
      select ci.quantity from cart_items ci join carts c on c.id = ci.cart_id where c.user_id = ${userId} and c.status = 'open'`);
    expect(lines.map((l) => l.quantity)).toEqual([3]);

    const reused = await send({ item_id: b!.id, quantity: 1 });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('keeps the first answer for a refused request under the same key, and applies nothing', async () => {
    const { key } = await signUp(`idem-bad-${Date.now()}@example.com`);
    const send = () =>
      call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', {
        params: { user_id: 'me' }, key, body: { item_id: '00000000-0000-4000-8000-000000000000', quantity: 1 }, headers: { 'idempotency-key': 'bad-item' },
      });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(400);
    expect(second).toMatchObject({ status: 400, body: first.body });
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('wishlist over REST', () => {
  it('adds (twice is harmless), lists with pagination and removes', async () => {
    const { key } = await signUp(`wish-${Date.now()}@example.com`);
    const me = { params: { user_id: 'me' }, key };
    await call(wishlistRoute.POST, 'POST', '/api/v1/users/me/wishlist', { ...me, body: { item_id: a!.id } });
    const again = await call(wishlistRoute.POST, 'POST', '/api/v1/users/me/wishlist', { ...me, body: { item_id: a!.id } });
    await call(wishlistRoute.POST, 'POST', '/api/v1/users/me/wishlist', { ...me, body: { item_id: b!.id } });
    expect(again.body.total).toBe(1);
    const list = await call(wishlistRoute.GET, 'GET', '/api/v1/users/me/wishlist', { ...me, query: 'page=1&limit=1' });
    expect(list.body).toMatchObject({ page: 1, limit: 1, total: 2 });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toEqual(expect.objectContaining({ item_id: expect.any(String), name: expect.any(String), price_cents: expect.any(Number) }));
    expect((await call(wishlistRoute.GET, 'GET', '/api/v1/users/me/wishlist', { ...me, query: 'limit=500' })).status).toBe(400);
    expect((await call(wishlistItemRoute.DELETE, 'DELETE', `/api/v1/users/me/wishlist/${a!.id}`, { params: { user_id: 'me', item_id: a!.id }, key })).status).toBe(204);
    expect((await call(wishlistRoute.GET, 'GET', '/api/v1/users/me/wishlist', me)).body.total).toBe(1);
  });
});

it('never stores plaintext keys or passwords anywhere in the database', async () => {
  const dump = JSON.stringify(await db.execute(sql`select * from users`)) + JSON.stringify(await db.execute(sql`select * from api_keys`)) +
    JSON.stringify(await db.execute(sql`select * from idempotency_keys`));
  expect(issuedTokens.length).toBeGreaterThan(3);
  for (const secret of ['shopper-password', 'merchant-password', 'correct horse battery', SHOPPER, MERCHANT, ...issuedTokens]) {
    expect(dump).not.toContain(secret);
  }
});

describe('idempotency keys on sign-up', () => {
  it('keep no plain hash of the body (it holds the password)', async () => {
    const { createHash } = await import('node:crypto');
    const body = { email: 'idem-signup@example.com', password: 'a-secret-password' };
    const first = await call(usersRoute.POST, 'POST', '/api/v1/users', { body, headers: { 'idempotency-key': 'signup-once' } });
    expect(first.status).toBe(201);
    const replay = await call(usersRoute.POST, 'POST', '/api/v1/users', { body, headers: { 'idempotency-key': 'signup-once' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const plain = createHash('sha256').update(`POST /api/v1/users\n${JSON.stringify(body)}`).digest('hex');
    const stored = await db.execute<{ request_hash: string }>(sql`select request_hash from idempotency_keys where key = 'signup-once'`);
    expect(stored.map((r) => r.request_hash)).toHaveLength(1);
    expect(stored[0]!.request_hash).not.toBe(plain);
  });
});
