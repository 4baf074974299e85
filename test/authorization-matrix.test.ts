/**
 * The authorization matrix: every route handler (found by listing
 * app/api/**\/route.ts and each module's exported HTTP methods) and every server
 * action (found by listing app/actions/*.ts) × every kind of caller, with the
 * status (or outcome) API.md promises. A route or action that exists without a
 * row here fails the suite, so a new one cannot ship unreviewed.
 *
 * Callers: anonymous, customer A, customer B, the demo merchant, an admin, and
 * a revoked API key (A's). REST callers use API keys; server actions get a
 * faked session (the one thing faked, with Next's request-scoped
 * `next/headers`/`next/cache`, which do not exist outside a request).
 *
 * IDOR probes: B asks for A's order, cart, wishlist, notifications,
 * recommendations and user record by id and by `me`, must get 404 (or their
 * own data) and learn nothing of A's; B's mutations aimed at A's rows change
 * none of them (A's rows are fingerprinted before and after).
 */
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys';
import { createUser, findUserById, type AuthUser } from '@/lib/auth/users';
import { signRevalidation } from '@/lib/catalog/remote-revalidate';
import { call as callJson, type CallOptions } from './api';
import { userIdByEmail, variantsWithStock } from './fixtures';

// --- the faked request scope -------------------------------------------------
const scope = vi.hoisted(() => ({
  user: null as AuthUser | null,
  cookies: new Map<string, string>(),
  headers: new Headers({ 'x-forwarded-for': '203.0.113.7' }),
}));
vi.mock('@/lib/session/current-user', () => ({ getCurrentUser: async () => scope.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
vi.mock('next/headers', async () => (await import('@/test/next-headers-mock')).nextHeaders(scope));

const db = getDb();
const started = Date.now();

type ActorName = 'anonymous' | 'A' | 'B' | 'merchant' | 'admin' | 'revoked';
const ACTORS: ActorName[] = ['anonymous', 'A', 'B', 'merchant', 'admin', 'revoked'];
type Expected = Record<ActorName, number>;

const users = {} as Record<'A' | 'B' | 'merchant' | 'admin', AuthUser>;
const keys = {} as Record<ActorName, string | undefined>;
const passwords = { A: 'customer-a-password', B: 'customer-b-password' };
const ctx = {
  itemId: '', itemPrice: 0, otherItemId: '', adminItemId: '', flashSku: '', flashItemId: '', liveSaleId: '', productId: '', supplierId: '', orderA: '', cartA: '',
  notificationsA: [] as string[], secretA: '', keyIdA: '',
};
const figures = { routes: 0, routeMethods: 0, routeChecks: 0, actions: 0, actionChecks: 0, idorProbes: 0, bogusIdProbes: 0 };

/** Holes this suite found, fixed at their cause; each keeps a regression test below. */
const HOLES = [
  {
    where: 'app/actions/checkout.ts placeOrderAction',
    was: "B submitting A's cart id read A's cart before the owner check: with a flash-sale item in it, B got \"“<sale>” is a flash sale: join the line\" (an oracle for A's cart) instead of \"Cart not found\"",
    fix: "the form's cart id is accepted only when it is the signed-in shopper's own cart (ownCart), before anything in it is read",
    regression: 'the edges of identity › checking out someone else\'s cart id …',
  },
  {
    where: 'app/actions/checkout.ts placeOrderAction',
    was: 'a made-up cart id (any well-formed UUID) ended in an internal error ("Something went wrong on our side", logged as a failure) instead of "Cart not found"',
    fix: 'same ownCart check: an unknown id is a 404 "Cart not found"',
    regression: 'the edges of identity › checking out someone else\'s cart id …',
  },
];

// --- helpers -------------------------------------------------------------------
/** test/api.ts `call`, tolerant of bodies that are not JSON (next-auth answers redirects and HTML). */
async function call(handler: unknown, method: string, url: string, options: CallOptions = {}) {
  const wrapped = async (request: Request, context: unknown) => {
    const response = await (handler as (r: Request, c: unknown) => Promise<Response>)(request, context);
    const text = await response.text();
    let safe = text;
    try {
      if (text) JSON.parse(text);
    } catch {
      safe = JSON.stringify({ non_json: text.slice(0, 500) });
    }
    return new Response(safe || null, { status: response.status, headers: response.headers });
  };
  return callJson(wrapped, method, url, options);
}

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function placeOrderFor(key: string, quantity = 1): Promise<string> {
  const { POST } = await import('@/app/api/v1/orders/route');
  const res = await call(POST, 'POST', '/api/v1/orders', { key, body: { items: [{ item_id: ctx.otherItemId, quantity }] } });
  if (res.status !== 201) throw new Error(`placing an order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.order_id as string;
}

async function ensureCartLine(key: string) {
  const { POST } = await import('@/app/api/v1/users/[user_id]/cart/route');
  const res = await call(POST, 'POST', '/api/v1/users/me/cart', { key, params: { user_id: 'me' }, body: { item_id: ctx.itemId, quantity: 1 } });
  if (res.status !== 200) throw new Error(`adding to the cart: ${res.status} ${JSON.stringify(res.body)}`);
}

async function ensureWishlisted(key: string) {
  const { POST } = await import('@/app/api/v1/users/[user_id]/wishlist/route');
  const res = await call(POST, 'POST', '/api/v1/users/me/wishlist', { key, params: { user_id: 'me' }, body: { item_id: ctx.itemId } });
  if (res.status !== 200) throw new Error(`wishlisting: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A digest of every row that belongs to A: cart, wishlist, orders (and their events, reservations), notifications, keys, the user row. */
async function fingerprintA(): Promise<string> {
  const id = users.A.id;
  const [row] = await db.execute<{ digest: string }>(sql`
    select md5(concat_ws('#',
      (select string_agg(u::text, '|') from users u where u.id = ${id}),
      (select string_agg(k::text, '|' order by k.id) from api_keys k where k.user_id = ${id}),
      (select string_agg(c::text, '|' order by c.id) from carts c where c.user_id = ${id}),
      (select string_agg(ci::text, '|' order by ci::text) from cart_items ci join carts c on c.id = ci.cart_id where c.user_id = ${id}),
      (select string_agg(w::text, '|' order by w::text) from wishlist_items w where w.user_id = ${id}),
      (select string_agg(o::text, '|' order by o.id) from orders o where o.user_id = ${id}),
      (select string_agg(e::text, '|' order by e::text) from order_events e join orders o on o.id = e.order_id where o.user_id = ${id}),
      (select string_agg(r::text, '|' order by r::text) from reservations r join orders o on o.id = r.order_id where o.user_id = ${id}),
      (select string_agg(p::text, '|' order by p::text) from payments p join orders o on o.id = p.order_id where o.user_id = ${id}),
      (select string_agg(n::text, '|' order by n.id) from notifications n where n.user_id = ${id})
    )) as digest`);
  return row!.digest;
}

/** Things only A's data holds: a response to someone else must contain none of them. */
function secretsOfA(): string[] {
  return [users.A.id, users.A.email, ctx.orderA, ctx.cartA, ctx.secretA, ...ctx.notificationsA];
}

function leaks(body: unknown): string[] {
  const text = JSON.stringify(body ?? '');
  return secretsOfA().filter((s) => s && text.includes(s));
}

// --- the route table -------------------------------------------------------------
type Probe = { path: string; params?: Record<string, string> } & Omit<CallOptions, 'key' | 'params'>;
type Row = {
  expect: Expected;
  /** The request each actor sends; may prepare state first (so every actor meets the same situation). */
  probe: (actor: ActorName) => Promise<Probe> | Probe;
  note?: string;
};

const all = (status: number): Expected => ({ anonymous: status, A: status, B: status, merchant: status, admin: status, revoked: status });
const staffOnly = (ok: number): Expected => ({ anonymous: 401, A: 403, B: 403, merchant: ok, admin: ok, revoked: 401 });
const ownerOnly = (ok: number): Expected => ({ anonymous: 401, A: ok, B: 404, merchant: 404, admin: 404, revoked: 401 });
const signedIn = (ok: number): Expected => ({ anonymous: 401, A: ok, B: ok, merchant: ok, admin: ok, revoked: 401 });
const aId = () => users.A.id;

const TABLE: Record<string, Row> = {
  'POST /api/analytics': { expect: all(204), note: 'public beacon', probe: () => ({ path: '/api/analytics', body: { type: 'product_view', productId: ctx.productId } }) },
  'GET /api/auth/[...nextauth]': { expect: all(200), note: 'next-auth: the session of a request without a cookie', probe: () => ({ path: '/api/auth/session', params: { nextauth: 'session' } }) },
  'POST /api/auth/[...nextauth]': {
    expect: all(302),
    note: 'next-auth: a sign-in without the CSRF token is turned away (redirect to the error page)',
    probe: () => ({ path: '/api/auth/callback/credentials', params: { nextauth: 'callback/credentials' }, rawBody: `email=${encodeURIComponent(users.A.email)}&password=${passwords.A}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  },
  'GET /api/flash/[sale_id]/line': {
    expect: { ...all(200), revoked: 401 },
    note: 'public waiting room: the browser\'s signed visitor cookie is the identity (joined first); an API key stands in line as its user, so a revoked one is 401',
    probe: async () => {
      const { POST } = await import('@/app/api/flash/[sale_id]/line/route');
      const joined = await call(POST, 'POST', `/api/flash/${ctx.liveSaleId}/line`, { params: { sale_id: ctx.liveSaleId } });
      if (joined.status !== 200) throw new Error(`joining the line: ${joined.status}`);
      return { path: `/api/flash/${ctx.liveSaleId}/line`, params: { sale_id: ctx.liveSaleId } };
    },
  },
  'POST /api/flash/[sale_id]/line': { expect: { ...all(200), revoked: 401 }, note: 'public waiting room; an API key joins as its user, a revoked one is 401', probe: () => ({ path: `/api/flash/${ctx.liveSaleId}/line`, params: { sale_id: ctx.liveSaleId } }) },
  'GET /api/flash/live': { expect: all(200), probe: () => ({ path: '/api/flash/live', query: `product=${ctx.productId}` }) },
  'POST /api/internal/revalidate': {
    expect: all(401),
    note: 'unsigned: an API key (even staff) is not the signature',
    probe: () => ({ path: '/api/internal/revalidate', body: { tags: ['catalog'] } }),
  },
  'GET /api/search/suggest': { expect: all(200), probe: () => ({ path: '/api/search/suggest', query: 'q=te' }) },
  'GET /api/session': { expect: all(200), note: 'session cookie only: keys are ignored, the answer is "nobody"', probe: () => ({ path: '/api/session' }) },
  'GET /api/stock': { expect: all(200), probe: () => ({ path: '/api/stock', query: `variant=${ctx.itemId}` }) },
  'POST /api/v1/auth/token': { expect: all(201), note: 'anyone with the credentials', probe: () => ({ path: '/api/v1/auth/token', body: { email: users.A.email, password: passwords.A } }) },
  'GET /api/v1/items/[item_id]': { expect: all(200), probe: () => ({ path: `/api/v1/items/${ctx.itemId}`, params: { item_id: ctx.itemId } }) },
  'PUT /api/v1/items/[item_id]': {
    expect: staffOnly(200),
    probe: () => ({ path: `/api/v1/items/${ctx.itemId}`, params: { item_id: ctx.itemId }, body: { price_cents: ctx.itemPrice } }),
  },
  'POST /api/v1/items': {
    expect: staffOnly(201),
    probe: () => ({ path: '/api/v1/items', body: { sku: `AUTHZ-${uniq()}`.toUpperCase(), name: 'Authz matrix tee', category: 't-shirts', price_cents: 1500 } }),
  },
  'POST /api/v1/notifications': {
    expect: staffOnly(201),
    probe: () => ({ path: '/api/v1/notifications', body: { user_id: aId(), type: 'authz.matrix', message: 'from the matrix' } }),
  },
  'GET /api/v1/orders': { expect: signedIn(200), probe: () => ({ path: '/api/v1/orders' }) },
  'POST /api/v1/orders': { expect: signedIn(201), note: 'staff may shop too', probe: () => ({ path: '/api/v1/orders', body: { items: [{ item_id: ctx.otherItemId, quantity: 1 }] } }) },
  'GET /api/v1/orders/[order_id]': {
    expect: { anonymous: 401, A: 200, B: 404, merchant: 200, admin: 200, revoked: 401 },
    probe: () => ({ path: `/api/v1/orders/${ctx.orderA}`, params: { order_id: ctx.orderA } }),
  },
  'PUT /api/v1/orders/[order_id]': {
    expect: { anonymous: 401, A: 200, B: 404, merchant: 200, admin: 200, revoked: 401 },
    note: 'cancel a fresh order of A each time',
    probe: async () => {
      const orderId = await placeOrderFor(keys.A!);
      return { path: `/api/v1/orders/${orderId}`, params: { order_id: orderId }, body: { status: 'cancelled' } };
    },
  },
  'GET /api/v1/openapi.json': { expect: all(200), note: 'the public API description', probe: () => ({ path: '/api/v1/openapi.json' }) },
  'GET /api/v1/search': { expect: all(200), probe: () => ({ path: '/api/v1/search', query: 'query=shirt' }) },
  'GET /api/v1/suppliers/[supplier_id]/inventory': {
    expect: staffOnly(200),
    probe: () => ({ path: `/api/v1/suppliers/${ctx.supplierId}/inventory`, params: { supplier_id: ctx.supplierId } }),
  },
  'GET /api/v1/users/[user_id]/cart': { expect: ownerOnly(200), probe: () => ({ path: `/api/v1/users/${aId()}/cart`, params: { user_id: aId() } }) },
  'POST /api/v1/users/[user_id]/cart': {
    expect: ownerOnly(200),
    probe: () => ({ path: `/api/v1/users/${aId()}/cart`, params: { user_id: aId() }, body: { item_id: ctx.itemId, quantity: 1 } }),
  },
  'PATCH /api/v1/users/[user_id]/cart/[item_id]': {
    expect: ownerOnly(200),
    probe: async () => {
      await ensureCartLine(keys.A!);
      return { path: `/api/v1/users/${aId()}/cart/${ctx.itemId}`, params: { user_id: aId(), item_id: ctx.itemId }, body: { quantity: 1 } };
    },
  },
  'DELETE /api/v1/users/[user_id]/cart/[item_id]': {
    expect: ownerOnly(204),
    probe: async () => {
      await ensureCartLine(keys.A!);
      return { path: `/api/v1/users/${aId()}/cart/${ctx.itemId}`, params: { user_id: aId(), item_id: ctx.itemId } };
    },
  },
  'POST /api/v1/users/[user_id]/notifications/read': {
    expect: ownerOnly(200),
    probe: () => ({ path: `/api/v1/users/${aId()}/notifications/read`, params: { user_id: aId() }, body: { notification_ids: [ctx.notificationsA[0]!] } }),
  },
  'GET /api/v1/users/[user_id]/notifications': { expect: ownerOnly(200), probe: () => ({ path: `/api/v1/users/${aId()}/notifications`, params: { user_id: aId() } }) },
  'GET /api/v1/users/[user_id]/recommendations': { expect: ownerOnly(200), probe: () => ({ path: `/api/v1/users/${aId()}/recommendations`, params: { user_id: aId() } }) },
  'GET /api/v1/users/[user_id]': { expect: ownerOnly(200), probe: () => ({ path: `/api/v1/users/${aId()}`, params: { user_id: aId() } }) },
  'DELETE /api/v1/users/[user_id]/wishlist/[item_id]': {
    expect: ownerOnly(204),
    probe: async () => {
      await ensureWishlisted(keys.A!);
      return { path: `/api/v1/users/${aId()}/wishlist/${ctx.itemId}`, params: { user_id: aId(), item_id: ctx.itemId } };
    },
  },
  'GET /api/v1/users/[user_id]/wishlist': { expect: ownerOnly(200), probe: () => ({ path: `/api/v1/users/${aId()}/wishlist`, params: { user_id: aId() } }) },
  'POST /api/v1/users/[user_id]/wishlist': {
    expect: ownerOnly(200),
    probe: () => ({ path: `/api/v1/users/${aId()}/wishlist`, params: { user_id: aId() }, body: { item_id: ctx.itemId } }),
  },
  'POST /api/v1/users': { expect: all(201), note: 'sign-up is open', probe: () => ({ path: '/api/v1/users', body: { email: `authz-${uniq()}@example.com`, password: 'a-long-password' } }) },
  'GET /api/v1/warehouses': { expect: staffOnly(200), probe: () => ({ path: '/api/v1/warehouses' }) },
  'POST /api/webhooks/stripe': {
    expect: all(400),
    note: 'unsigned: no API key makes a webhook genuine',
    probe: () => ({ path: '/api/webhooks/stripe', rawBody: JSON.stringify({ id: 'evt_authz', type: 'payment_intent.succeeded', data: { object: {} } }), headers: { 'content-type': 'application/json' } }),
  },
};

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function routeFiles(dir = path.resolve(import.meta.dirname, '../app/api')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

/** `METHOD /api/...` for every exported handler of every route.ts. */
async function discoverRoutes(): Promise<{ key: string; handler: unknown }[]> {
  const root = path.resolve(import.meta.dirname, '..');
  const found: { key: string; handler: unknown }[] = [];
  for (const file of routeFiles().sort()) {
    const url = '/' + path.relative(root, path.dirname(file)).split(path.sep).slice(1).join('/');
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof module[method] === 'function') found.push({ key: `${method} ${url}`, handler: module[method] });
    }
  }
  return found;
}

// --- setup -------------------------------------------------------------------------
beforeAll(async () => {
  const { POST: signUp } = await import('@/app/api/v1/users/route');
  const { POST: token } = await import('@/app/api/v1/auth/token/route');
  for (const who of ['A', 'B'] as const) {
    const email = `authz-${who.toLowerCase()}-${uniq()}@example.com`;
    const created = await call(signUp, 'POST', '/api/v1/users', { body: { email, password: passwords[who], name: `Customer ${who}` } });
    expect(created.status).toBe(201);
    const issued = await call(token, 'POST', '/api/v1/auth/token', { body: { email, password: passwords[who] } });
    expect(issued.status).toBe(201);
    keys[who] = issued.body.token;
    users[who] = (await findUserById(db, created.body.user_id))!;
  }
  users.merchant = (await findUserById(db, await userIdByEmail(db, 'merchant@example.com')))!;
  keys.merchant = 'sw_test_merchant_demo';
  // Roles are a column of users (customer | merchant | admin); createUser takes it.
  users.admin = await createUser(db, { email: `authz-admin-${uniq()}@example.com`, password: 'admin-password', role: 'admin' });
  keys.admin = (await createApiKey(db, users.admin.id, 'authz admin')).key;
  const doomed = await createApiKey(db, users.A.id, 'to be revoked');
  expect(await revokeApiKey(db, users.A.id, doomed.id)).toBe(true);
  keys.revoked = doomed.key;
  keys.anonymous = undefined;

  const [first, second, third, fourth, fifth] = await variantsWithStock(db, 40);
  ctx.flashItemId = fourth!.id;
  ctx.flashSku = fourth!.sku;
  ctx.itemId = first!.id;
  ctx.itemPrice = first!.priceCents;
  ctx.productId = first!.productId;
  ctx.otherItemId = second!.id;
  ctx.adminItemId = third!.id;
  // A flash sale on now (on a variant nobody here buys), so the waiting-room routes meet a real sale.
  const { scheduleFlashSale } = await import('@/lib/flash/sales');
  ctx.liveSaleId = (await scheduleFlashSale(db, users.merchant, { sku: fifth!.sku, name: 'Authz live sale', admitPerSecond: 50, maxPerOrder: 0, buckets: 0 })).id;
  const [supplier] = await db.execute<{ id: string }>(sql`select id from suppliers order by id limit 1`);
  ctx.supplierId = supplier!.id;

  // A's own data: a cart line, a wishlist item, an order, two notifications with a secret in them, an API key.
  await ensureCartLine(keys.A!);
  await ensureWishlisted(keys.A!);
  ctx.orderA = await placeOrderFor(keys.A!);
  const [cart] = await db.execute<{ id: string }>(sql`select id from carts where user_id = ${users.A.id} and status = 'open'`);
  ctx.cartA = cart!.id;
  ctx.secretA = `secret-of-a-${uniq()}`;
  const { POST: notify } = await import('@/app/api/v1/notifications/route');
  for (let i = 0; i < 2; i++) {
    const sent = await call(notify, 'POST', '/api/v1/notifications', { key: keys.merchant, body: { user_id: users.A.id, type: 'authz.secret', message: `${ctx.secretA} #${i}` } });
    expect(sent.status).toBe(201);
    ctx.notificationsA.push(sent.body.notification_id);
  }
  ctx.keyIdA = (await createApiKey(db, users.A.id, 'A keeps this one')).id;
  // B has something of their own too, so "their own" answers are not trivially empty.
  await ensureCartLine(keys.B!);
  await placeOrderFor(keys.B!);
});

afterAll(() => {
  const out = path.resolve(import.meta.dirname, '../artifacts/reliability');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, 'authorization-matrix.json'),
    JSON.stringify(
      {
        generated_at: new Date().toISOString(),
        actors: { routes: ACTORS, actions: ACTORS.filter((a) => a !== 'revoked') },
        routes: figures.routes,
        route_methods: figures.routeMethods,
        route_checks: figures.routeChecks,
        actions: figures.actions,
        action_checks: figures.actionChecks,
        idor_probes: figures.idorProbes,
        made_up_and_malformed_id_probes: figures.bogusIdProbes,
        holes_found_and_fixed: HOLES,
        duration_ms: Date.now() - started,
      },
      null,
      2,
    ) + '\n',
  );
});

// --- routes ---------------------------------------------------------------------------
describe('route handlers × callers', () => {
  it('every route and method has a row, and every row a route', async () => {
    const found = await discoverRoutes();
    figures.routes = new Set(found.map((r) => r.key.split(' ')[1])).size;
    figures.routeMethods = found.length;
    const missing = found.filter((r) => !TABLE[r.key]).map((r) => `route ${r.key} has no expected statuses`);
    expect(missing).toEqual([]);
    const stale = Object.keys(TABLE).filter((key) => !found.some((r) => r.key === key)).map((key) => `row ${key} names no route`);
    expect(stale).toEqual([]);
  });

  it('answer each caller as API.md says', async () => {
    const mismatches: string[] = [];
    for (const { key, handler } of await discoverRoutes()) {
      const row = TABLE[key];
      if (!row) continue;
      const [method] = key.split(' ');
      for (const actor of ACTORS) {
        scope.user = null;
        scope.cookies.clear();
        const { path: url, ...options } = await row.probe(actor);
        // next-auth logs the missing CSRF token it turns away; that log is the expected outcome here.
        const quiet = key.startsWith('POST /api/auth/') ? vi.spyOn(console, 'error').mockImplementation(() => {}) : null;
        const res = await call(handler, method!, url, { ...options, key: keys[actor] }).finally(() => quiet?.mockRestore());
        figures.routeChecks++;
        const code = (res.body as { error?: { code?: string } } | null)?.error?.code;
        const codeFor: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };
        if (codeFor[res.status] && code !== codeFor[res.status]) mismatches.push(`${key} as ${actor}: ${res.status} with code ${code}`);
        if (res.status !== row.expect[actor]) mismatches.push(`${key} as ${actor}: ${res.status}, expected ${row.expect[actor]} ${JSON.stringify(res.body).slice(0, 200)}`);
        if (res.status >= 500) mismatches.push(`${key} as ${actor}: a 5xx`);
        if (!['A', 'merchant', 'admin'].includes(actor) && !['POST /api/v1/auth/token'].includes(key)) {
          const leaked = leaks(res.body);
          if (leaked.length) mismatches.push(`${key} as ${actor} leaked ${leaked.join(', ')}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('the internal revalidate route takes a genuine signature (so its 401s are about the signature)', async () => {
    const { POST } = await import('@/app/api/internal/revalidate/route');
    const body = JSON.stringify({ tags: ['catalog'] });
    const t = Date.now();
    const good = await call(POST, 'POST', '/api/internal/revalidate', { rawBody: body, headers: { 'x-stockwise-signature': `${t},${signRevalidation(body, t)}` } });
    expect(good.status).toBe(200);
    const forged = await call(POST, 'POST', '/api/internal/revalidate', { rawBody: body, headers: { 'x-stockwise-signature': `${t},${'0'.repeat(64)}` } });
    expect(forged.status).toBe(401);
    const stale = await call(POST, 'POST', '/api/internal/revalidate', { rawBody: body, headers: { 'x-stockwise-signature': `${t - 3_600_000},${signRevalidation(body, t - 3_600_000)}` } });
    expect(stale.status).toBe(401);
  });

  it('the Stripe webhook takes a genuine signature (so its 400s are about the signature)', async () => {
    const { POST } = await import('@/app/api/webhooks/stripe/route');
    const { signPayload } = await import('@/lib/payments/stripe-events');
    const { webhookSecret } = await import('@/lib/payments/config');
    const payload = JSON.stringify({ id: `evt_authz_${uniq()}`, type: 'authz.unknown_event', data: { object: {} } });
    const good = await call(POST, 'POST', '/api/webhooks/stripe', { rawBody: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, webhookSecret()) } });
    expect(good.status).toBe(200);
    const forged = await call(POST, 'POST', '/api/webhooks/stripe', { rawBody: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, 'whsec_not_ours') } });
    expect(forged.status).toBe(400);
    // Signed, but with the body changed afterwards.
    const tampered = await call(POST, 'POST', '/api/webhooks/stripe', { rawBody: payload.replace('authz', 'AUTHZ'), headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(payload, webhookSecret()) } });
    expect(tampered.status).toBe(400);
  });

  it('the session route tells a signed-in shopper only about themselves', async () => {
    const { GET } = await import('@/app/api/session/route');
    scope.user = users.B;
    const res = await call(GET, 'GET', '/api/session');
    scope.user = null;
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(users.B.email);
    expect(leaks(res.body)).toEqual([]);
  });
});

// --- IDOR ---------------------------------------------------------------------------------
describe('customer B against customer A (IDOR)', () => {
  const ownerReads = [
    ['GET', 'app/api/v1/users/[user_id]/route', (u: string) => `/api/v1/users/${u}`],
    ['GET', 'app/api/v1/users/[user_id]/cart/route', (u: string) => `/api/v1/users/${u}/cart`],
    ['GET', 'app/api/v1/users/[user_id]/wishlist/route', (u: string) => `/api/v1/users/${u}/wishlist`],
    ['GET', 'app/api/v1/users/[user_id]/notifications/route', (u: string) => `/api/v1/users/${u}/notifications`],
    ['GET', 'app/api/v1/users/[user_id]/recommendations/route', (u: string) => `/api/v1/users/${u}/recommendations`],
  ] as const;

  it('reads: A\'s id → 404 and nothing of A; `me` → B\'s own data, nothing of A', async () => {
    const before = await fingerprintA();
    for (const [method, file, url] of ownerReads) {
      const handler = ((await import(path.resolve(import.meta.dirname, '..', `${file}.ts`))) as Record<string, unknown>)[method];
      const byId = await call(handler, method, url(users.A.id), { key: keys.B, params: { user_id: users.A.id } });
      figures.idorProbes++;
      expect({ file, status: byId.status, leaked: leaks(byId.body) }).toEqual({ file, status: 404, leaked: [] });
      const byMe = await call(handler, method, url('me'), { key: keys.B, params: { user_id: 'me' } });
      figures.idorProbes++;
      expect({ file, status: byMe.status, leaked: leaks(byMe.body) }).toEqual({ file, status: 200, leaked: [] });
      // The same id in any other spelling is still not B's.
      const shouted = await call(handler, method, url(users.A.id.toUpperCase()), { key: keys.B, params: { user_id: users.A.id.toUpperCase() } });
      figures.idorProbes++;
      expect({ file, status: [400, 404].includes(shouted.status), leaked: leaks(shouted.body) }).toEqual({ file, status: true, leaked: [] });
    }
    // Signed in with the session cookie instead of a key: the same answers.
    const { GET: cart } = await import('@/app/api/v1/users/[user_id]/cart/route');
    scope.user = users.B;
    const viaSession = await call(cart, 'GET', `/api/v1/users/${users.A.id}/cart`, { params: { user_id: users.A.id } });
    const ownViaSession = await call(cart, 'GET', '/api/v1/users/me/cart', { params: { user_id: 'me' } });
    scope.user = null;
    figures.idorProbes += 2;
    expect({ status: viaSession.status, leaked: leaks(viaSession.body) }).toEqual({ status: 404, leaked: [] });
    expect({ status: ownViaSession.status, leaked: leaks(ownViaSession.body) }).toEqual({ status: 200, leaked: [] });
    // A's order: by id 404; B's own list does not have it.
    const { GET: getOrder } = await import('@/app/api/v1/orders/[order_id]/route');
    const order = await call(getOrder, 'GET', `/api/v1/orders/${ctx.orderA}`, { key: keys.B, params: { order_id: ctx.orderA } });
    figures.idorProbes++;
    expect({ status: order.status, leaked: leaks(order.body) }).toEqual({ status: 404, leaked: [] });
    const { GET: listOrders } = await import('@/app/api/v1/orders/route');
    for (const query of ['', 'status=pending_payment', 'limit=100']) {
      const list = await call(listOrders, 'GET', '/api/v1/orders', { key: keys.B, query });
      figures.idorProbes++;
      expect({ query, status: list.status, leaked: leaks(list.body) }).toEqual({ query, status: 200, leaked: [] });
      expect(list.body.data.every((o: { user_id: string }) => o.user_id === users.B.id)).toBe(true);
    }
    // A 404 for A's order reads exactly like one for an order that does not exist.
    const ghost = await call(getOrder, 'GET', `/api/v1/orders/${ctx.itemId}`, { key: keys.B, params: { order_id: ctx.itemId } });
    expect(ghost.body).toEqual(order.body);
    expect(await fingerprintA()).toBe(before);
  });

  it('mutations aimed at A\'s rows change none of them', async () => {
    const unreadOfA = async () =>
      (await db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${users.A.id} and read_at is null`))[0]!.n;
    const unreadBefore = await unreadOfA();
    expect(unreadBefore).toBeGreaterThan(0);
    const before = await fingerprintA();
    const probes: [string, string, Probe][] = [
      ['app/api/v1/orders/[order_id]/route', 'PUT', { path: `/api/v1/orders/${ctx.orderA}`, params: { order_id: ctx.orderA }, body: { status: 'cancelled' } }],
      ['app/api/v1/users/[user_id]/cart/[item_id]/route', 'DELETE', { path: `/api/v1/users/${users.A.id}/cart/${ctx.itemId}`, params: { user_id: users.A.id, item_id: ctx.itemId } }],
      ['app/api/v1/users/[user_id]/cart/[item_id]/route', 'PATCH', { path: `/api/v1/users/${users.A.id}/cart/${ctx.itemId}`, params: { user_id: users.A.id, item_id: ctx.itemId }, body: { quantity: 7 } }],
      ['app/api/v1/users/[user_id]/cart/route', 'POST', { path: `/api/v1/users/${users.A.id}/cart`, params: { user_id: users.A.id }, body: { item_id: ctx.otherItemId, quantity: 1 } }],
      ['app/api/v1/users/[user_id]/wishlist/route', 'POST', { path: `/api/v1/users/${users.A.id}/wishlist`, params: { user_id: users.A.id }, body: { item_id: ctx.otherItemId } }],
      ['app/api/v1/users/[user_id]/wishlist/[item_id]/route', 'DELETE', { path: `/api/v1/users/${users.A.id}/wishlist/${ctx.itemId}`, params: { user_id: users.A.id, item_id: ctx.itemId } }],
      ['app/api/v1/users/[user_id]/notifications/read/route', 'POST', { path: `/api/v1/users/${users.A.id}/notifications/read`, params: { user_id: users.A.id }, body: {} }],
      // By `me` with A's ids: B's own inbox/cart, so A's rows stay as they are.
      ['app/api/v1/users/[user_id]/notifications/read/route', 'POST', { path: '/api/v1/users/me/notifications/read', params: { user_id: 'me' }, body: { notification_ids: ctx.notificationsA } }],
      ['app/api/v1/users/[user_id]/cart/[item_id]/route', 'DELETE', { path: `/api/v1/users/me/cart/${ctx.itemId}`, params: { user_id: 'me', item_id: ctx.itemId } }],
    ];
    for (const [file, method, { path: url, ...options }] of probes) {
      const handler = ((await import(path.resolve(import.meta.dirname, '..', `${file}.ts`))) as Record<string, unknown>)[method];
      const res = await call(handler, method, url, { ...options, key: keys.B });
      figures.idorProbes++;
      expect({ file, method, url, fiveHundred: res.status >= 500, leaked: leaks(res.body) }).toEqual({ file, method, url, fiveHundred: false, leaked: [] });
      if (url.includes(users.A.id) || file.includes('orders')) expect({ file, method, status: res.status }).toEqual({ file, method, status: 404 });
      // A merchant is not the owner either: staff do not get to rewrite a shopper's cart or inbox.
      if (url.includes(users.A.id) && !file.includes('orders')) {
        const staff = await call(handler, method, url, { ...options, key: keys.merchant });
        figures.idorProbes++;
        expect({ file, method, staff: staff.status }).toEqual({ file, method, staff: 404 });
      }
    }
    expect(await fingerprintA()).toBe(before);
    expect(await unreadOfA()).toBe(unreadBefore);
  });
});

describe('the edges of identity', () => {
  it('B reusing A\'s Idempotency-Key gets their own answer, never A\'s replay', async () => {
    const { POST } = await import('@/app/api/v1/orders/route');
    const body = { items: [{ item_id: ctx.otherItemId, quantity: 1 }] };
    const idem = `authz-${uniq()}`;
    const first = await call(POST, 'POST', '/api/v1/orders', { key: keys.A, body, headers: { 'idempotency-key': idem } });
    expect(first.status).toBe(201);
    const reused = await call(POST, 'POST', '/api/v1/orders', { key: keys.B, body, headers: { 'idempotency-key': idem } });
    figures.idorProbes++;
    expect(reused.status).toBe(201);
    expect(reused.body.order_id).not.toBe(first.body.order_id);
    expect(reused.body.user_id).toBe(users.B.id);
    expect(reused.headers.get('idempotent-replayed')).not.toBe('true');
  });

  it('an owner may only cancel; B learns nothing either way (404 before 403)', async () => {
    const { PUT } = await import('@/app/api/v1/orders/[order_id]/route');
    const opts = (key: string | undefined) => ({ key, params: { order_id: ctx.orderA }, body: { status: 'shipped', carrier: 'UPS', tracking_number: '1Z' } });
    const before = await fingerprintA();
    expect((await call(PUT, 'PUT', `/api/v1/orders/${ctx.orderA}`, opts(keys.A))).status).toBe(403);
    const b = await call(PUT, 'PUT', `/api/v1/orders/${ctx.orderA}`, opts(keys.B));
    figures.idorProbes++;
    expect({ status: b.status, leaked: leaks(b.body) }).toEqual({ status: 404, leaked: [] });
    expect(await fingerprintA()).toBe(before);
  });

  it('no field in a body can pick the role or the owner (mass assignment)', async () => {
    const { POST: signUp } = await import('@/app/api/v1/users/route');
    const asAdmin = await call(signUp, 'POST', '/api/v1/users', { body: { email: `authz-role-${uniq()}@example.com`, password: 'a-long-password', role: 'admin' } });
    expect(asAdmin.status).toBe(400);
    const { POST: order } = await import('@/app/api/v1/orders/route');
    const forA = await call(order, 'POST', '/api/v1/orders', { key: keys.B, body: { items: [{ item_id: ctx.otherItemId, quantity: 1 }], user_id: users.A.id } });
    expect(forA.status).toBe(400);
    const { POST: addLine } = await import('@/app/api/v1/users/[user_id]/cart/route');
    const intoA = await call(addLine, 'POST', '/api/v1/users/me/cart', { key: keys.B, params: { user_id: 'me' }, body: { item_id: ctx.itemId, quantity: 1, cart_id: ctx.cartA } });
    expect(intoA.status).toBe(400);
    figures.idorProbes += 3;
  });

  it('checking out someone else\'s cart id says "not found" and nothing about what is in it (regression)', async () => {
    // A has an item of a live flash sale in their cart. Before the fix, B sending A's cart id to the
    // checkout action got "“<sale>” is a flash sale: join the line" (A's cart was read before its
    // owner was checked): an oracle for what A is buying. Now: the same answer as a made-up id.
    const { POST: addLine } = await import('@/app/api/v1/users/[user_id]/cart/route');
    const { DELETE: removeLine } = await import('@/app/api/v1/users/[user_id]/cart/[item_id]/route');
    expect((await call(addLine, 'POST', '/api/v1/users/me/cart', { key: keys.A, params: { user_id: 'me' }, body: { item_id: ctx.flashItemId, quantity: 1 } })).status).toBe(200);
    const { scheduleFlashSale } = await import('@/lib/flash/sales');
    const sale = await scheduleFlashSale(db, users.merchant, { sku: ctx.flashSku, name: `Authz secret sale ${uniq()}`, admitPerSecond: 1, maxPerOrder: 0, buckets: 0 });
    try {
      const { placeOrderAction } = await import('@/app/actions/checkout');
      const address = { name: 'B', line1: '1 Road', city: 'Town', postalCode: '12345', country: 'US', shippingMethod: 'standard' };
      const before = await fingerprintA();
      actAs('B');
      const theirs = await outcomeOf(() => placeOrderAction(null, form({ cartId: ctx.cartA, ...address })));
      const madeUp = await outcomeOf(() => placeOrderAction(null, form({ cartId: '00000000-0000-4000-8000-000000000000', ...address })));
      actAs('anonymous');
      figures.idorProbes += 2;
      expect({ ok: theirs.ok, message: theirs.message }).toEqual({ ok: false, message: madeUp.message });
      expect(theirs.message).not.toContain(sale.name);
      expect(JSON.stringify(theirs.value)).not.toContain('/queue/');
      expect(await fingerprintA()).toBe(before);
    } finally {
      await db.execute(sql`update flash_sales set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = ${sale.id}`);
      expect((await call(removeLine, 'DELETE', `/api/v1/users/me/cart/${ctx.flashItemId}`, { key: keys.A, params: { user_id: 'me', item_id: ctx.flashItemId } })).status).toBe(204);
    }
  });

  it('made-up and malformed ids are a 4xx (or a plain refusal) everywhere, never a 5xx', async () => {
    const ghost = '00000000-0000-4000-8000-00000000abcd';
    const problems: string[] = [];
    for (const { key, handler } of await discoverRoutes()) {
      const [method, url] = key.split(' ') as [string, string];
      const names = [...url.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!).filter((n) => n !== 'nextauth');
      if (names.length === 0) continue;
      for (const id of [ghost, 'not-an-id', '%00', 'x'.repeat(300)]) {
        for (const actor of ['A', 'merchant'] as const) {
          const params = Object.fromEntries(names.map((n) => [n, n === 'user_id' ? 'me' : id]));
          if (names.every((n) => n === 'user_id')) params.user_id = id;
          const body = method === 'GET' || method === 'DELETE' ? undefined : method === 'PATCH' ? { quantity: 1 } : method === 'PUT' ? (url.includes('orders') ? { status: 'cancelled' } : { price_cents: 100 }) : {};
          const res = await call(handler, method, url, { key: keys[actor], params, body });
          figures.bogusIdProbes++;
          if (res.status >= 500 || res.status < 400) problems.push(`${key} as ${actor} with ${JSON.stringify(params)}: ${res.status}`);
        }
      }
    }
    const shop: [string, () => Promise<unknown>][] = [];
    const actions = {
      ...(await import('@/app/actions/orders')), ...(await import('@/app/actions/account')), ...(await import('@/app/actions/wishlist')),
      ...(await import('@/app/actions/cart')), ...(await import('@/app/actions/pay')), ...(await import('@/app/actions/notifications')),
    };
    for (const id of [ghost, 'not-an-id']) {
      shop.push(
        [`cancelMyOrderAction ${id}`, () => actions.cancelMyOrderAction({ orderId: id })],
        [`revokeApiKeyAction ${id}`, () => actions.revokeApiKeyAction({ keyId: id })],
        [`addToWishlistAction ${id}`, () => actions.addToWishlistAction({ itemId: id })],
        [`removeFromWishlistAction ${id}`, () => actions.removeFromWishlistAction({ itemId: id })],
        [`moveWishlistItemToCartAction ${id}`, () => actions.moveWishlistItemToCartAction({ itemId: id })],
        [`addToCartAction ${id}`, () => actions.addToCartAction({ itemId: id })],
        [`updateCartLineAction ${id}`, () => actions.updateCartLineAction({ itemId: id, quantity: 1 })],
        [`removeCartLineAction ${id}`, () => actions.removeCartLineAction({ itemId: id })],
        [`simulatePaymentAction ${id}`, () => actions.simulatePaymentAction(null, form({ orderId: id, outcome: 'succeeded' }))],
        [`markNotificationsReadAction ${id}`, () => actions.markNotificationsReadAction({ ids: [id] })],
      );
    }
    const errors = vi.spyOn(console, 'error');
    for (const actor of ['A', 'B'] as const) {
      actAs(actor);
      for (const [name, run] of shop) {
        const outcome = await outcomeOf(run);
        figures.bogusIdProbes++;
        if (/went wrong/i.test(outcome.message)) problems.push(`${name} as ${actor}: ${outcome.message}`);
      }
    }
    actAs('anonymous');
    const logged = errors.mock.calls.length;
    errors.mockRestore();
    expect(problems).toEqual([]);
    expect(logged).toBe(0);
  });

  it('malformed, unknown and revoked credentials are all a plain 401 on every protected route', async () => {
    const { GET } = await import('@/app/api/v1/users/[user_id]/cart/route');
    for (const authorization of ['Bearer', 'Basic Zm9vOmJhcg==', `Bearer ${keys.revoked}`, 'Bearer sw_live_nope_nope_nope', `Bearer ${keys.A} extra`]) {
      const res = await call(GET, 'GET', '/api/v1/users/me/cart', { params: { user_id: 'me' }, headers: { authorization } });
      expect({ authorization, status: res.status, leaked: leaks(res.body) }).toEqual({ authorization, status: 401, leaked: [] });
    }
    // A bad header is not silently ignored in favour of a session cookie.
    scope.user = users.A;
    const withSession = await call(GET, 'GET', '/api/v1/users/me/cart', { params: { user_id: 'me' }, headers: { authorization: `Bearer ${keys.revoked}` } });
    scope.user = null;
    expect(withSession.status).toBe(401);
  });

  it('a role change takes effect on the next request (keys act with the user\'s role now)', async () => {
    const { GET } = await import('@/app/api/v1/warehouses/route');
    const temp = await createUser(db, { email: `authz-demoted-${uniq()}@example.com`, password: 'staff-password', role: 'merchant' });
    const key = (await createApiKey(db, temp.id, 'demotion')).key;
    expect((await call(GET, 'GET', '/api/v1/warehouses', { key })).status).toBe(200);
    await db.execute(sql`update users set role = 'customer' where id = ${temp.id}`);
    expect((await call(GET, 'GET', '/api/v1/warehouses', { key })).status).toBe(403);
  });

  it('a signed guest-cart cookie naming A\'s (account) cart opens nothing', async () => {
    const { signValue } = await import('@/lib/session/signed-value');
    const { removeCartLineAction, addToCartAction } = await import('@/app/actions/cart');
    const before = await fingerprintA();
    actAs('anonymous');
    scope.cookies.set('sw_cart', signValue('guest-cart', ctx.cartA));
    await removeCartLineAction({ itemId: ctx.itemId });
    await addToCartAction({ itemId: ctx.otherItemId, quantity: 1 });
    // And a forged (unsigned) one.
    actAs('anonymous');
    scope.cookies.set('sw_cart', `${ctx.cartA}.forged`);
    await removeCartLineAction({ itemId: ctx.itemId });
    figures.idorProbes += 2;
    expect(await fingerprintA()).toBe(before);
  });
});

// --- server actions -----------------------------------------------------------------------
type ActionActor = Exclude<ActorName, 'revoked'>;
const ACTION_ACTORS: ActionActor[] = ['anonymous', 'A', 'B', 'merchant', 'admin'];
type Outcome = { ok: boolean; message: string; redirect?: string; value?: unknown };
type ActionRow = {
  /** true: the action does what it is for; false: it refuses (or finds nothing of the caller's). */
  expect: Record<ActionActor, boolean>;
  run: (fn: (...args: unknown[]) => Promise<unknown>, actor: ActionActor) => Promise<unknown>;
  /** Extra checks on the outcome (e.g. the refusal's wording). */
  check?: (outcome: Outcome, actor: ActionActor) => void;
  /** A's rows must be unchanged after B (and other non-owners) run it. */
  guardsA?: boolean;
};

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const value = await run();
    if (value && typeof value === 'object' && 'ok' in value) return { ok: Boolean((value as Outcome).ok), message: String((value as Outcome).message ?? ''), value };
    return { ok: value !== null, message: '', value };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) {
      const to = digest.split(';')[2] ?? '';
      return { ok: !to.startsWith('/sign-in'), message: `redirect ${to}`, redirect: to };
    }
    throw error;
  }
}

const shopper = (anonymous: boolean): Record<ActionActor, boolean> => ({ anonymous, A: true, B: true, merchant: true, admin: true });
const nobody: Record<ActionActor, boolean> = { anonymous: false, A: false, B: false, merchant: false, admin: false };
const onlyA: Record<ActionActor, boolean> = { anonymous: false, A: true, B: false, merchant: false, admin: false };
const staffActs: Record<ActionActor, boolean> = { anonymous: false, A: false, B: false, merchant: true, admin: true };

const ADMIN_FORM = (): FormData =>
  form({ kind: 'adjust', variantId: ctx.adminItemId, quantity: '3', reason: 'count', buckets: '2', sku: 'SW-NOPE', name: 'Thing', admitPerSecond: '1', status: 'processing', id: ctx.adminItemId });

const ACTIONS: Record<string, ActionRow> = {
  'account.ts#createApiKeyAction': { expect: shopper(false), run: (fn) => fn(null, form({ name: 'matrix key' })) },
  'account.ts#revokeApiKeyAction': {
    expect: nobody,
    guardsA: true,
    // A's key, by its id: nobody but A may revoke it (A is left out so the key survives for the check).
    run: (fn, actor) => (actor === 'A' ? Promise.resolve({ ok: false, message: 'skipped: A revoking their own key is covered below' }) : fn({ keyId: ctx.keyIdA })),
  },
  'account.ts#changePasswordAction': {
    expect: nobody,
    // Nobody knows A's (or anyone's) current password here: refused, nothing changed.
    run: (fn) => fn(null, form({ currentPassword: 'not-the-password', newPassword: 'a-brand-new-passphrase', confirmPassword: 'a-brand-new-passphrase' })),
    check: (o) => expect(o.message).toMatch(/highlighted|session has ended|demo accounts keep/i),
  },
  'auth.ts#signInAction': {
    expect: nobody,
    run: (fn) => fn(null, form({ email: users.A.email, password: 'not-the-password' })),
    check: (o) => expect(o.message).toMatch(/do not match|too many/i),
  },
  'auth.ts#signUpAction': {
    expect: nobody,
    run: (fn) => fn(null, form({ email: users.A.email, password: 'a-long-password' })),
    check: (o) => expect(o.message).toMatch(/already/i),
  },
  'auth.ts#signOutAction': { expect: shopper(true), run: (fn) => fn() },
  'auth.ts#signOutEverywhereAction': { expect: shopper(false), run: (fn) => fn() },
  'cart.ts#addToCartAction': { expect: shopper(true), guardsA: true, run: (fn) => fn({ itemId: ctx.otherItemId, quantity: 1 }) },
  'cart.ts#updateCartLineAction': { expect: shopper(true), guardsA: true, run: async (fn) => (await seedOwnCart(), fn({ itemId: ctx.otherItemId, quantity: 2 })) },
  'cart.ts#removeCartLineAction': { expect: shopper(true), guardsA: true, run: async (fn) => (await seedOwnCart(), fn({ itemId: ctx.otherItemId })) },
  'cart.ts#applyPromoCodeAction': { expect: nobody, guardsA: true, run: (fn) => fn(null, form({ promo_code: 'NOT-A-REAL-CODE' })) },
  'cart.ts#removePromoCodeAction': { expect: shopper(true), guardsA: true, run: (fn) => fn() },
  'checkout.ts#placeOrderAction': {
    expect: nobody,
    guardsA: true,
    // Everyone submits A's cart id: only A could turn it into an order (A is spared, so A's cart stays for the others).
    run: (fn, actor) =>
      actor === 'A'
        ? Promise.resolve({ ok: false, message: 'skipped: A checking out is covered by the checkout tests' })
        : fn(null, form({ cartId: ctx.cartA, name: 'B', line1: '1 Road', city: 'Town', postalCode: '12345', country: 'US', shippingMethod: 'standard' })),
  },
  'checkout.ts#previewTotalsAction': {
    expect: shopper(false),
    run: (fn) => fn({ country: 'US', shippingMethod: 'standard' }),
    check: (o) => expect(leaks(o.value)).toEqual([]),
  },
  'notifications.ts#markNotificationsReadAction': {
    expect: { anonymous: false, A: true, B: true, merchant: true, admin: true },
    guardsA: true,
    run: async (fn, actor) => (actor === 'A' ? fn({ ids: [ctx.itemId] }) : fn({ ids: ctx.notificationsA })),
    check: (o, actor) => {
      if (actor !== 'anonymous' && actor !== 'A') expect({ actor, updated: (o.value as { data?: { updated: number } }).data?.updated }).toEqual({ actor, updated: 0 });
    },
  },
  'orders.ts#cancelMyOrderAction': {
    expect: nobody,
    guardsA: true,
    run: (fn, actor) => (actor === 'A' ? Promise.resolve({ ok: false, message: 'skipped: covered below' }) : fn({ orderId: ctx.orderA })),
  },
  'pay.ts#simulatePaymentAction': {
    expect: nobody,
    guardsA: true,
    run: (fn, actor) => (actor === 'A' ? Promise.resolve({ ok: false, message: 'skipped: covered below' }) : fn(null, form({ orderId: ctx.orderA, outcome: 'succeeded' }))),
  },
  'wishlist.ts#addToWishlistAction': { expect: shopper(false), guardsA: true, run: (fn) => fn({ itemId: ctx.otherItemId }) },
  'wishlist.ts#removeFromWishlistAction': { expect: shopper(false), guardsA: true, run: (fn) => fn({ itemId: ctx.itemId }) },
  'wishlist.ts#moveWishlistItemToCartAction': {
    expect: nobody,
    guardsA: true,
    // The item is on A's wishlist only: moving it is A's alone (A is spared here; see the owner test).
    run: (fn, actor) => (actor === 'A' ? Promise.resolve({ ok: false, message: 'skipped: covered below' }) : fn({ itemId: ctx.itemId })),
  },
};

/** Puts a line in the caller's own cart (the session's, or the guest cookie's). */
async function seedOwnCart() {
  const { addToCartAction } = await import('@/app/actions/cart');
  await addToCartAction({ itemId: ctx.otherItemId, quantity: 1 });
}

async function discoverActions(): Promise<[string, (...args: unknown[]) => Promise<unknown>][]> {
  const dir = path.resolve(import.meta.dirname, '../app/actions');
  const found: [string, (...args: unknown[]) => Promise<unknown>][] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function') found.push([`${file}#${name}`, value as (...args: unknown[]) => Promise<unknown>]);
    }
  }
  return found;
}

function actAs(actor: ActionActor) {
  scope.user = actor === 'anonymous' ? null : users[actor];
  scope.cookies.clear();
}

describe('server actions × callers', () => {
  it('every exported action has a row (admin-*.ts: staff only)', async () => {
    const found = await discoverActions();
    figures.actions = found.length;
    const missing = found.filter(([name]) => !name.startsWith('admin-') && !ACTIONS[name]).map(([name]) => `action ${name} has no expected outcomes`);
    expect(missing).toEqual([]);
  });

  it('act only for whom they should, and never on A\'s rows for anyone else', async () => {
    const mismatches: string[] = [];
    for (const [name, fn] of await discoverActions()) {
      const row: ActionRow = name.startsWith('admin-')
        ? { expect: staffActs, guardsA: true, run: (f) => (f.length <= 1 ? f(ADMIN_FORM()) : f(ctx.adminItemId, ADMIN_FORM())) }
        : ACTIONS[name]!;
      if (!row) continue;
      for (const actor of ACTION_ACTORS) {
        actAs(actor);
        const before = row.guardsA && actor !== 'A' ? await fingerprintA() : null;
        const outcome = await outcomeOf(() => row.run(fn, actor));
        figures.actionChecks++;
        if (name.startsWith('admin-')) {
          // Staff get past the role check (the form may still be wrong for that action); the others never do.
          const refused = /only the shop.s merchants|sign in/i.test(outcome.message) || outcome.redirect?.startsWith('/sign-in');
          if (Boolean(refused) === row.expect[actor]) mismatches.push(`${name} as ${actor}: ${refused ? 'refused' : 'let through'} (${outcome.message})`);
        } else if (outcome.ok !== row.expect[actor] && !outcome.message.startsWith('skipped')) {
          mismatches.push(`${name} as ${actor}: ok=${outcome.ok}, expected ${row.expect[actor]} (${outcome.message})`);
        }
        try {
          row.check?.(outcome, actor);
        } catch (error) {
          mismatches.push(`${name} as ${actor}: ${(error as Error).message.split('\n')[0]}`);
        }
        if (actor !== 'A' && actor !== 'merchant' && actor !== 'admin') {
          const leaked = leaks(outcome.value);
          if (leaked.length) mismatches.push(`${name} as ${actor} leaked ${leaked.join(', ')}`);
        }
        if (before !== null && (await fingerprintA()) !== before) mismatches.push(`${name} as ${actor} changed A's rows`);
      }
    }
    actAs('anonymous');
    expect(mismatches).toEqual([]);
  });

  it('A, the owner, can do what B could not: revoke, mark read, cancel, pay, move, check out (so the refusals are about ownership)', async () => {
    actAs('A');
    const { revokeApiKeyAction } = await import('@/app/actions/account');
    const { cancelMyOrderAction } = await import('@/app/actions/orders');
    const { markNotificationsReadAction } = await import('@/app/actions/notifications');
    expect((await revokeApiKeyAction({ keyId: ctx.keyIdA })).ok).toBe(true);
    const marked = await markNotificationsReadAction({ ids: ctx.notificationsA });
    expect(marked.ok).toBe(true);
    const [unread] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from notifications where user_id = ${users.A.id} and read_at is null and id::text in ${sql.raw(`('${ctx.notificationsA.join("','")}')`)}`,
    );
    expect(unread!.n).toBe(0);
    const orderId = await placeOrderFor(keys.A!);
    expect((await cancelMyOrderAction({ orderId })).ok).toBe(true);
    const [row] = await db.execute<{ status: string }>(sql`select status from orders where id = ${orderId}`);
    expect(row!.status).toBe('cancelled');

    // Paying: B's attempt never reaches the provider; A's does (the loopback to the webhook is stubbed, not the database).
    const { simulatePaymentAction } = await import('@/app/actions/pay');
    const delivered = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('{}', { status: 200 }));
    try {
      actAs('B');
      expect((await outcomeOf(() => simulatePaymentAction(null, form({ orderId: ctx.orderA, outcome: 'succeeded' })))).ok).toBe(false);
      expect(delivered).not.toHaveBeenCalled();
      actAs('A');
      const paid = await outcomeOf(() => simulatePaymentAction(null, form({ orderId: ctx.orderA, outcome: 'succeeded' })));
      expect(paid.redirect).toBe(`/pay/${ctx.orderA}/success`);
      expect(delivered).toHaveBeenCalledTimes(1);
    } finally {
      delivered.mockRestore();
    }

    // Moving from the wishlist: A's own item moves.
    const { moveWishlistItemToCartAction } = await import('@/app/actions/wishlist');
    await ensureWishlisted(keys.A!);
    expect((await moveWishlistItemToCartAction({ itemId: ctx.itemId })).ok).toBe(true);

    // Checking out A's own cart (the id B could not use) places A's order.
    const { placeOrderAction } = await import('@/app/actions/checkout');
    const placed = await outcomeOf(() =>
      placeOrderAction(null, form({ cartId: ctx.cartA, name: 'A', line1: '1 Road', city: 'Town', postalCode: '12345', country: 'US', shippingMethod: 'standard' })),
    );
    expect(placed.redirect).toMatch(/^\/pay\//);
    actAs('anonymous');
  });
});

