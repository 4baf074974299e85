/**
 * Fuzzing every REST route handler (app/api/**\/route.ts) in-process with
 * fast-check: bodies generated from the zod schemas plus hostile values,
 * malformed and 1 MB bodies, wrong content types, duplicate keys, bad ids and
 * bad credentials. Properties: a refused request is a 4xx in the error shape
 * `{ error: { code, message, details? } }` and changes nothing in the database;
 * nothing is ever a 500. Seed: FUZZ_SEED (fixed by default), runs: FUZZ_RUNS.
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { AuthUser } from '@/lib/auth/users';
import { findUserById } from '@/lib/auth/users';
import { addLineSchema, setQuantitySchema } from '@/lib/cart/schemas';
import { itemCreateSchema, itemUpdateSchema } from '@/lib/catalog/admin-products';
import { signRevalidation } from '@/lib/catalog/remote-revalidate';
import { createOrderSchema } from '@/lib/checkout/schemas';
import { credentialsSchema, signUpSchema } from '@/lib/auth/schemas';
import { markReadSchema, sendNotificationSchema } from '@/lib/notifications/schemas';
import { updateOrderSchema } from '@/lib/orders/schemas';
import { webhookSecret } from '@/lib/payments/config';
import { signPayload } from '@/lib/payments/stripe-events';
import { userIdByEmail, variantsWithStock } from '../fixtures';
import {
  anyId,
  bodyFrom,
  changedTables,
  errorShapeProblem,
  fcParams,
  Figures,
  fingerprint,
  hostileId,
  hostileValue,
  HOSTILE_QUANTITIES,
  HOSTILE_STRINGS,
  malformedBodies,
  schemaAccepts,
  send,
  SEED,
  UNKNOWN_IDS,
  WRONG_CONTENT_TYPES,
  wellFormed,
  type RawRequest,
  type Sent,
} from './harness';

// The session cookie is the one thing faked for REST (API keys are real); cookies and headers are a plain jar.
const session = vi.hoisted(() => ({ user: null as AuthUser | null }));
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Headers() }));
vi.mock('@/lib/session/current-user', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name)! } : undefined),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.cookies.has(name),
    set: (name: string, value: string) => void jar.cookies.set(name, value),
    delete: (name: string) => void jar.cookies.delete(name),
  }),
  headers: async () => jar.headers,
}));

const SHOPPER_KEY = 'sw_test_shopper_demo';
const MERCHANT_KEY = 'sw_test_merchant_demo';
const figures = new Figures('rest');
const db = getDb();

let shopper: AuthUser;
let merchant: AuthUser;
let ids: { variants: string[]; orders: string[]; supplier: string; warehouse: string; product: string; sale: string | null; notification: string | null };

beforeAll(async () => {
  shopper = (await findUserById(db, await userIdByEmail(db, 'shopper@example.com')))!;
  merchant = (await findUserById(db, await userIdByEmail(db, 'merchant@example.com')))!;
  const variants = await variantsWithStock(db, 5, 1_000_000, 6);
  const [row] = await db.execute<{ orders: string[]; supplier: string; warehouse: string; product: string; sale: string | null; notification: string | null }>(sql`
    select array(select id::text from orders order by created_at limit 4) as orders,
           (select id::text from suppliers limit 1) as supplier,
           (select id::text from warehouses limit 1) as warehouse,
           (select product_id::text from product_variants where id = ${variants[0]!.id}) as product,
           (select id::text from flash_sales limit 1) as sale,
           (select id::text from notifications limit 1) as notification`);
  ids = { variants: variants.map((v) => v.id), ...row! };
  console.log(`[fuzz] REST seed ${SEED} (FUZZ_SEED to override)`);
});

afterAll(() => {
  figures.write();
});

// ---------------------------------------------------------------- the endpoints

type Spec = {
  name: string;
  method: string;
  module: () => Promise<Record<string, unknown>>;
  /** Path with {param} placeholders. */
  path: string;
  /** Plausible values of the path's params (hostile ones are added by the fuzzer). */
  params?: Record<string, () => fc.Arbitrary<string>>;
  /** Who may call it: the default key for the valid-looking requests. */
  auth: 'none' | 'shopper' | 'merchant' | 'any';
  schema?: z.ZodType;
  plausible?: () => Record<string, fc.Arbitrary<unknown>>;
  query?: () => fc.Arbitrary<string>;
  /** Query strings that must be refused (for endpoints whose only input is the query). */
  refusedQuery?: () => fc.Arbitrary<string>;
};

const variantId = () => fc.constantFrom(...ids.variants);
const userParam = () => fc.constantFrom('me', shopper.id);
const pageQuery = () =>
  fc
    .record({ page: fc.oneof(fc.constantFrom('1', '2'), fc.constantFrom(...HOSTILE_QUANTITIES.map(String), ...HOSTILE_STRINGS)), limit: fc.oneof(fc.constantFrom('5', '100'), fc.constantFrom('101', '0', '-1', '1.5', 'x', '1e3')) }, { requiredKeys: [] })
    .map((q) => new URLSearchParams(q as Record<string, string>).toString());
const quantity = () => fc.integer({ min: 1, max: 3 });
const text = () => fc.oneof(fc.constantFrom('Fuzz thing', 'Grey tee'), fc.constantFrom(...HOSTILE_STRINGS));
const email = () => fc.oneof(fc.constantFrom('shopper@example.com', 'SHOPPER@example.com '), fc.uuid().map((u) => `fuzz-${u.slice(0, 8)}@example.com`));
const address = () =>
  fc.record({ name: text(), line1: text(), city: text(), postalCode: fc.constantFrom('12345', '<b>1</b>'), country: fc.constantFrom('US', 'us', 'USA', '1', '🇺🇸') }, { requiredKeys: [] });

const specs = (): Spec[] => [
  { name: 'POST /api/v1/users', method: 'POST', module: () => import('@/app/api/v1/users/route'), path: '/api/v1/users', auth: 'none', schema: signUpSchema.strict(), plausible: () => ({ email: email(), password: fc.constantFrom('password-123', 'short', 'é'.repeat(40)), name: text() }) },
  { name: 'POST /api/v1/auth/token', method: 'POST', module: () => import('@/app/api/v1/auth/token/route'), path: '/api/v1/auth/token', auth: 'none', schema: credentialsSchema.strict(), plausible: () => ({ email: email(), password: fc.constantFrom('shopper-password', 'wrong-password') }) },
  { name: 'GET /api/v1/users/{user_id}', method: 'GET', module: () => import('@/app/api/v1/users/[user_id]/route'), path: '/api/v1/users/{user_id}', params: { user_id: userParam }, auth: 'any' },
  { name: 'GET /api/v1/users/{user_id}/notifications', method: 'GET', module: () => import('@/app/api/v1/users/[user_id]/notifications/route'), path: '/api/v1/users/{user_id}/notifications', params: { user_id: userParam }, auth: 'any', query: pageQuery },
  { name: 'POST /api/v1/users/{user_id}/notifications/read', method: 'POST', module: () => import('@/app/api/v1/users/[user_id]/notifications/read/route'), path: '/api/v1/users/{user_id}/notifications/read', params: { user_id: userParam }, auth: 'any', schema: markReadSchema, plausible: () => ({ notification_ids: fc.array(fc.oneof(anyId, fc.constant(ids.notification ?? UNKNOWN_IDS[0]!)), { maxLength: 3 }) }) },
  { name: 'GET /api/v1/users/{user_id}/cart', method: 'GET', module: () => import('@/app/api/v1/users/[user_id]/cart/route'), path: '/api/v1/users/{user_id}/cart', params: { user_id: userParam }, auth: 'any' },
  { name: 'POST /api/v1/users/{user_id}/cart', method: 'POST', module: () => import('@/app/api/v1/users/[user_id]/cart/route'), path: '/api/v1/users/{user_id}/cart', params: { user_id: userParam }, auth: 'any', schema: addLineSchema, plausible: () => ({ item_id: fc.oneof(variantId(), anyId), quantity: quantity() }) },
  { name: 'PATCH /api/v1/users/{user_id}/cart/{item_id}', method: 'PATCH', module: () => import('@/app/api/v1/users/[user_id]/cart/[item_id]/route'), path: '/api/v1/users/{user_id}/cart/{item_id}', params: { user_id: userParam, item_id: variantId }, auth: 'any', schema: setQuantitySchema, plausible: () => ({ quantity: quantity() }) },
  { name: 'DELETE /api/v1/users/{user_id}/cart/{item_id}', method: 'DELETE', module: () => import('@/app/api/v1/users/[user_id]/cart/[item_id]/route'), path: '/api/v1/users/{user_id}/cart/{item_id}', params: { user_id: userParam, item_id: variantId }, auth: 'any' },
  { name: 'GET /api/v1/users/{user_id}/recommendations', method: 'GET', module: () => import('@/app/api/v1/users/[user_id]/recommendations/route'), path: '/api/v1/users/{user_id}/recommendations', params: { user_id: userParam }, auth: 'any', query: pageQuery },
  { name: 'GET /api/v1/users/{user_id}/wishlist', method: 'GET', module: () => import('@/app/api/v1/users/[user_id]/wishlist/route'), path: '/api/v1/users/{user_id}/wishlist', params: { user_id: userParam }, auth: 'any', query: pageQuery },
  { name: 'POST /api/v1/users/{user_id}/wishlist', method: 'POST', module: () => import('@/app/api/v1/users/[user_id]/wishlist/route'), path: '/api/v1/users/{user_id}/wishlist', params: { user_id: userParam }, auth: 'any', schema: z.object({ item_id: z.uuid() }).strict(), plausible: () => ({ item_id: fc.oneof(variantId(), anyId) }), query: pageQuery },
  { name: 'DELETE /api/v1/users/{user_id}/wishlist/{item_id}', method: 'DELETE', module: () => import('@/app/api/v1/users/[user_id]/wishlist/[item_id]/route'), path: '/api/v1/users/{user_id}/wishlist/{item_id}', params: { user_id: userParam, item_id: variantId }, auth: 'any' },
  { name: 'GET /api/v1/orders', method: 'GET', module: () => import('@/app/api/v1/orders/route'), path: '/api/v1/orders', auth: 'any', query: () => fc.tuple(pageQuery(), fc.oneof(fc.constantFrom('confirmed', 'shipped', ''), fc.constantFrom(...HOSTILE_STRINGS))).map(([q, s]) => `${q}&status=${encodeURIComponent(wellFormed(s))}`) },
  { name: 'POST /api/v1/orders', method: 'POST', module: () => import('@/app/api/v1/orders/route'), path: '/api/v1/orders', auth: 'shopper', schema: createOrderSchema, plausible: () => ({ items: fc.array(fc.record({ item_id: fc.oneof(variantId(), anyId), quantity: fc.oneof(quantity(), fc.constantFrom(...HOSTILE_QUANTITIES)) }), { maxLength: 3 }), from_cart: fc.constantFrom(true, false, 'true', 1), promo_code: fc.oneof(fc.constantFrom('WELCOME10', 'SUMMER25', 'NOPE'), fc.constantFrom(...HOSTILE_STRINGS)), shipping_address: address(), shipping_method: fc.constantFrom('standard', 'express', 'teleport') }) },
  { name: 'GET /api/v1/orders/{order_id}', method: 'GET', module: () => import('@/app/api/v1/orders/[order_id]/route'), path: '/api/v1/orders/{order_id}', params: { order_id: () => fc.constantFrom(...ids.orders) }, auth: 'any' },
  { name: 'PUT /api/v1/orders/{order_id}', method: 'PUT', module: () => import('@/app/api/v1/orders/[order_id]/route'), path: '/api/v1/orders/{order_id}', params: { order_id: () => fc.constantFrom(...ids.orders) }, auth: 'any', schema: updateOrderSchema, plausible: () => ({ status: fc.constantFrom('processing', 'shipped', 'cancelled', 'refunded', 'teleported'), carrier: text(), tracking_number: text(), reason: text() }) },
  { name: 'GET /api/v1/search', method: 'GET', module: () => import('@/app/api/v1/search/route'), path: '/api/v1/search', auth: 'none', query: () => fc.record({ query: fc.oneof(fc.constantFrom('tee', 'shoe'), fc.constantFrom(...HOSTILE_STRINGS)), sort: fc.constantFrom('relevance', 'price', '-price', 'newest', 'x', '<script>'), filter: fc.constantFrom('category:t-shirts', 'price_min:-1', 'price_max:1e309', 'in_stock:maybe', 'brand:\u0000', ':', 'nofield', "color:' OR 1=1"), page: fc.constantFrom('1', '0', '-5', '1.5', '99999999', 'x'), limit: fc.constantFrom('10', '0', '101', 'NaN') }, { requiredKeys: [] }).map((q) => new URLSearchParams(q as Record<string, string>).toString()), refusedQuery: () => fc.tuple(fc.constantFrom('page', 'limit'), fc.constantFrom('0', '-1', '1.5', 'x', '1e9', '')).map(([k, v]) => `query=tee&${k}=${v}`) },
  { name: 'GET /api/v1/warehouses', method: 'GET', module: () => import('@/app/api/v1/warehouses/route'), path: '/api/v1/warehouses', auth: 'merchant' },
  { name: 'POST /api/v1/items', method: 'POST', module: () => import('@/app/api/v1/items/route'), path: '/api/v1/items', auth: 'merchant', schema: itemCreateSchema, plausible: () => ({ sku: fc.oneof(fc.uuid().map((u) => `FUZZ-${u.slice(0, 8)}`), fc.constantFrom(...HOSTILE_STRINGS)), name: text(), category: fc.constantFrom('t-shirts', 'nope', '<script>'), price_cents: fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(...HOSTILE_QUANTITIES)), currency: fc.constantFrom('USD', 'usd', 'XXX', 'US'), description: text(), stock: fc.array(fc.record({ warehouse_id: fc.oneof(fc.constant(ids.warehouse), anyId), quantity: fc.oneof(quantity(), fc.constantFrom(...HOSTILE_QUANTITIES)) }), { maxLength: 2 }) }) },
  { name: 'GET /api/v1/items/{item_id}', method: 'GET', module: () => import('@/app/api/v1/items/[item_id]/route'), path: '/api/v1/items/{item_id}', params: { item_id: variantId }, auth: 'none' },
  { name: 'PUT /api/v1/items/{item_id}', method: 'PUT', module: () => import('@/app/api/v1/items/[item_id]/route'), path: '/api/v1/items/{item_id}', params: { item_id: variantId }, auth: 'merchant', schema: itemUpdateSchema, plausible: () => ({ price_cents: fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom(...HOSTILE_QUANTITIES)), name: text(), attributes: fc.dictionary(fc.constantFrom('material', '<b>', ''), text(), { maxKeys: 2 }), stock: fc.array(fc.record({ warehouse_id: fc.oneof(fc.constant(ids.warehouse), anyId), quantity: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom(...HOSTILE_QUANTITIES)) }, { requiredKeys: ['quantity'] }), { maxLength: 2 }) }) },
  { name: 'POST /api/v1/notifications', method: 'POST', module: () => import('@/app/api/v1/notifications/route'), path: '/api/v1/notifications', auth: 'merchant', schema: sendNotificationSchema, plausible: () => ({ user_id: fc.oneof(fc.constant(shopper.id), anyId), type: fc.constantFrom('order.note', 'X', '<script>', 'a'.repeat(80)), message: text() }) },
  { name: 'GET /api/v1/suppliers/{supplier_id}/inventory', method: 'GET', module: () => import('@/app/api/v1/suppliers/[supplier_id]/inventory/route'), path: '/api/v1/suppliers/{supplier_id}/inventory', params: { supplier_id: () => fc.constant(ids.supplier) }, auth: 'merchant' },
  { name: 'GET /api/v1/openapi.json', method: 'GET', module: () => import('@/app/api/v1/openapi.json/route'), path: '/api/v1/openapi.json', auth: 'none', query: () => fc.constantFrom(...HOSTILE_STRINGS).map((q) => `x=${encodeURIComponent(wellFormed(q))}`) },
  { name: 'GET /api/search/suggest', method: 'GET', module: () => import('@/app/api/search/suggest/route'), path: '/api/search/suggest', auth: 'none', query: () => fc.oneof(fc.constantFrom('te', 'shirt'), fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: 'binary', maxLength: 30 })).map((q) => `q=${encodeURIComponent(q.replace(/[\uD800-\uDFFF]/g, '?'))}`) },
  { name: 'GET /api/flash/live', method: 'GET', module: () => import('@/app/api/flash/live/route'), path: '/api/flash/live', auth: 'none', query: () => fc.oneof(fc.constant(ids.product), anyId).map((p) => `product=${encodeURIComponent(p.replace(/[\uD800-\uDFFF]/g, '?'))}`), refusedQuery: () => fc.option(hostileId.map((p) => `product=${encodeURIComponent(wellFormed(p))}`), { nil: '' }).map((q) => q ?? '') },
  { name: 'GET /api/stock', method: 'GET', module: () => import('@/app/api/stock/route'), path: '/api/stock', auth: 'none', query: () => fc.array(fc.oneof(variantId(), anyId), { maxLength: 120 }).map((v) => v.map((id) => `variant=${encodeURIComponent(id.replace(/[\uD800-\uDFFF]/g, '?'))}`).join('&')), refusedQuery: () => fc.oneof(fc.constant(''), hostileId.map((p) => `variant=${encodeURIComponent(wellFormed(p))}`), fc.constant(Array.from({ length: 101 }, () => `variant=${UNKNOWN_IDS[0]}`).join('&'))) },
  { name: 'POST /api/flash/{sale_id}/line', method: 'POST', module: () => import('@/app/api/flash/[sale_id]/line/route'), path: '/api/flash/{sale_id}/line', params: { sale_id: () => fc.constant(ids.sale ?? UNKNOWN_IDS[0]!) }, auth: 'none' },
  { name: 'GET /api/flash/{sale_id}/line', method: 'GET', module: () => import('@/app/api/flash/[sale_id]/line/route'), path: '/api/flash/{sale_id}/line', params: { sale_id: () => fc.constant(ids.sale ?? UNKNOWN_IDS[0]!) }, auth: 'none' },
];

// ---------------------------------------------------------------- generators

const keyFor = (auth: Spec['auth']) => (auth === 'merchant' ? MERCHANT_KEY : auth === 'none' ? undefined : SHOPPER_KEY);
const BAD_AUTH = ['Bearer', 'Bearer ', 'Basic c2hvcHBlcjpwdw==', 'Bearer sw_test_unknown', 'Bearer <script>', "Bearer ' OR 1=1 --", 'Bearer a b', 'bearer\u0000x', `Bearer ${'k'.repeat(5000)}`, 'Bearer sw_test_shopper_demo\u200B'];

function pathOf(spec: Spec, params: Record<string, string>): string {
  return spec.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(wellFormed(params[name] ?? '')).replace(/%/g, '%25'));
}

function plausibleParams(spec: Spec): fc.Arbitrary<Record<string, string>> {
  const entries = Object.entries(spec.params ?? {}).map(([k, v]) => [k, v()] as const);
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Record<string, string>>;
}

/** Headers are ByteStrings: strip what a real client could not send in one. */
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, '?');

type Generated = RawRequest & { label: string; schemaRejects: boolean };

/** A request that must be refused: exactly one thing about it is wrong. */
function refusedRequest(spec: Spec): fc.Arbitrary<Generated> {
  const base = fc.tuple(plausibleParams(spec), spec.query ? spec.query() : fc.constant(''));
  const key = keyFor(spec.auth);
  const auth: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const validKey = Object.keys((spec.schema as unknown as { shape?: object })?.shape ?? { id: 1 })[0] ?? 'id';
  const options: fc.Arbitrary<Generated>[] = [];
  if (spec.schema) {
    const schema = spec.schema;
    options.push(
      fc.tuple(base, bodyFrom(schema, spec.plausible?.() ?? {}).filter((b) => !schemaAccepts(schema, b))).map(([[params, query], body]) => ({
        label: 'schema-invalid body', method: spec.method, path: pathOf(spec, params), params, query, schemaRejects: true,
        headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body),
      })),
      fc.tuple(base, malformedBodies(validKey), fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/merge-patch+json')).map(([[params, query], raw, type]) => ({
        label: `malformed body (${raw.label})`, method: spec.method, path: pathOf(spec, params), params, query, schemaRejects: true,
        headers: { ...auth, 'content-type': type }, body: raw.text,
      })),
      fc.tuple(base, bodyFrom(schema, spec.plausible?.() ?? {}), fc.constantFrom(...WRONG_CONTENT_TYPES)).map(([[params, query], body, type]) => ({
        label: 'wrong content type', method: spec.method, path: pathOf(spec, params), params, query, schemaRejects: true,
        headers: { ...auth, ...(type ? { 'content-type': type } : {}) }, body: JSON.stringify(body),
      })),
    );
  }
  if (spec.params) {
    options.push(
      fc.tuple(base, fc.constantFrom(...Object.keys(spec.params)), hostileId).map(([[params, query], name, bad]) => {
        const broken = { ...params, [name]: bad };
        return { label: `malformed ${name}`, method: spec.method, path: pathOf(spec, broken), params: broken, query, schemaRejects: true, headers: { ...auth, 'content-type': 'application/json' }, body: '{}' };
      }),
    );
  }
  if (spec.auth !== 'none') {
    options.push(
      fc.tuple(base, fc.constantFrom(...BAD_AUTH, null)).map(([[params, query], header]) => ({
        label: 'bad credentials', method: spec.method, path: pathOf(spec, params), params, query, schemaRejects: true,
        headers: { 'content-type': 'application/json', ...(header === null ? {} : { authorization: headerSafe(header) }) }, body: '{}',
      })),
    );
  }
  if (spec.auth === 'merchant') {
    options.push(base.map(([params, query]) => ({ label: 'shopper on a merchant route', method: spec.method, path: pathOf(spec, params), params, query, schemaRejects: true, headers: { authorization: `Bearer ${SHOPPER_KEY}`, 'content-type': 'application/json' }, body: '{}' })));
  }
  if (spec.refusedQuery) {
    options.push(fc.tuple(plausibleParams(spec), spec.refusedQuery()).map(([params, query]) => ({ label: 'refused query', method: spec.method, path: pathOf(spec, params), params, query, schemaRejects: true, headers: { ...auth } })));
  }
  return fc.oneof(...options);
}

/** Anything at all: plausible or hostile params, body, query and caller. */
function anyRequest(spec: Spec): fc.Arbitrary<Generated> {
  const params = fc.record(
    Object.fromEntries(Object.entries(spec.params ?? {}).map(([k, v]) => [k, fc.oneof({ weight: 3, arbitrary: v() }, { weight: 1, arbitrary: anyId })])),
  ) as fc.Arbitrary<Record<string, string>>;
  const body = spec.schema ? bodyFrom(spec.schema, spec.plausible?.() ?? {}) : fc.constant(undefined);
  const key = fc.constantFrom(keyFor(spec.auth), keyFor(spec.auth), SHOPPER_KEY, MERCHANT_KEY, undefined);
  const idempotencyKey = fc.option(fc.oneof(fc.uuid(), fc.constantFrom(...HOSTILE_STRINGS).map(headerSafe)), { nil: undefined, freq: 3 });
  return fc.tuple(params, spec.query ? spec.query() : fc.constant(''), body, key, idempotencyKey).map(([p, query, b, k, idem]) => ({
    label: 'any', method: spec.method, path: pathOf(spec, p), params: p, query,
    schemaRejects: spec.schema ? !schemaAccepts(spec.schema, b) : false,
    headers: { 'content-type': 'application/json', ...(k ? { authorization: `Bearer ${k}` } : {}), ...(idem ? { 'idempotency-key': idem } : {}) },
    body: b === undefined ? undefined : JSON.stringify(b),
  }));
}

// ---------------------------------------------------------------- properties

function describeFailure(spec: string, req: Generated | RawRequest, got: Sent, why: string): string {
  const body = (req.body ?? '').length > 300 ? `${req.body!.slice(0, 300)}… (${req.body!.length} chars)` : req.body;
  return `${spec}: ${why}\n  request: ${JSON.stringify({ ...req, body })}\n  answer: ${got.status} ${got.text.slice(0, 500)}`;
}

/** Checks one answer: never a 5xx; a 4xx carries the error shape; `mustRefuse` → a 4xx. Counts it. */
function judge(target: string, req: Generated | RawRequest, got: Sent, mustRefuse: boolean): void {
  if (got.status >= 500) {
    figures.count(target, 'server_error');
    expect.fail(describeFailure(target, req, got, `answered ${got.status}`));
  }
  if (got.status >= 400) {
    figures.count(target, 'rejected');
    const problem = errorShapeProblem(got.json);
    if (problem) expect.fail(describeFailure(target, req, got, `error shape: ${problem}`));
  } else {
    figures.count(target, 'accepted');
    if (mustRefuse) expect.fail(describeFailure(target, req, got, `accepted a request that must be refused (${(req as Generated).label})`));
  }
}

const RUNS_REFUSED = 30;
const RUNS_ANY = 30;

describe('REST endpoints under fuzzing', () => {
  it('covers every route handler in app/api (or says why not)', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../../app/api');
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (entry === 'route.ts') found.push(`/api/${path.relative(root, dir).replace(/\[(\w+)\]/g, '{$1}')}`);
      }
    };
    walk(root);
    const covered = new Set([...specs().map((s) => s.path), '/api/webhooks/stripe', '/api/session', '/api/analytics', '/api/internal/revalidate', '/api/auth/[...nextauth]']);
    expect(found.filter((p) => !covered.has(p))).toEqual([]);
  });

  // Not a skip: a test that cannot apply is not registered at all, so a run shows no skipped tests.
  const notRegistered = (() => undefined) as unknown as typeof it;
  for (const spec of specs()) {
    describe(spec.name, () => {
      // An endpoint that takes no input and no credentials has nothing to refuse: only the property below applies.
      const refuses = Boolean(spec.schema || spec.params || spec.auth !== 'none' || spec.refusedQuery);
      (refuses ? it : notRegistered)('refuses hostile requests with a 4xx in the error shape and changes nothing', async () => {
        const handler = (await spec.module())[spec.method];
        const before = await fingerprint();
        await fc.assert(
          fc.asyncProperty(refusedRequest(spec), async (req) => {
            judge(spec.name, req, await send(handler, req), true);
          }),
          fcParams(RUNS_REFUSED),
        );
        const after = await fingerprint();
        expect(changedTables(before, after), `${spec.name}: refused requests changed tables`).toEqual([]);
      });

      it('never answers 5xx to anything, and refuses what the schema refuses', async () => {
        const handler = (await spec.module())[spec.method];
        await fc.assert(
          fc.asyncProperty(anyRequest(spec), async (req) => {
            judge(spec.name, req, await send(handler, req), req.schemaRejects);
          }),
          fcParams(RUNS_ANY),
        );
      });
    });
  }
});

// ---------------------------------------------------------------- the special ones

describe('POST /api/webhooks/stripe under fuzzing', () => {
  const target = 'POST /api/webhooks/stripe';
  const event = () => fc.record({
    id: fc.oneof(fc.uuid().map((u) => `evt_${u}`), fc.constantFrom(...HOSTILE_STRINGS)),
    object: fc.constant('event'),
    type: fc.constantFrom('payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.canceled', 'checkout.session.completed', 'checkout.session.expired', 'charge.refunded', 'customer.created', '<script>', ''),
    data: fc.record({
      object: fc.record({
        id: fc.oneof(fc.constant('pi_fuzz'), fc.constantFrom(...HOSTILE_STRINGS)),
        amount: fc.oneof(fc.integer(), fc.constantFrom(...HOSTILE_QUANTITIES)),
        amount_received: fc.oneof(fc.integer({ min: -10, max: 10_000_000 }), fc.constantFrom(...HOSTILE_QUANTITIES)),
        amount_refunded: fc.oneof(fc.integer({ min: -10, max: 10_000_000 }), fc.constantFrom(...HOSTILE_QUANTITIES)),
        currency: fc.constantFrom('usd', 'USD', 'xxx', '', '\u0000'),
        metadata: fc.record({ order_id: fc.oneof(fc.constantFrom(...ids.orders), anyId) }, { requiredKeys: [] }),
        client_reference_id: fc.oneof(anyId, hostileValue),
        payment_intent: fc.oneof(fc.constant('pi_fuzz'), hostileValue),
      }, { requiredKeys: [] }),
    }),
  });

  it('answers 400 (never 500) to bad signatures and changes nothing', async () => {
    const { POST } = await import('@/app/api/webhooks/stripe/route');
    const secret = webhookSecret();
    const badSignature = fc.oneof(
      fc.constantFrom(null, '', 't=1,v1=abc', 'v1=deadbeef', 't=notanumber,v1=', 'garbage', '<script>', "t=1' OR 1=1 --"),
      fc.constant('wrong-secret'),
      fc.constant('stale'),
      fc.constant('tampered'),
    );
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(fc.oneof(event().map((e) => JSON.stringify(e)), malformedBodies('id').map((b) => b.text)), badSignature, async (body, kind) => {
        let signature: string | null = kind;
        if (kind === 'wrong-secret') signature = signPayload(body, 'whsec_not_the_secret');
        if (kind === 'stale') signature = signPayload(body, secret).replace(/t=\d+/, 't=1000000000');
        if (kind === 'tampered') signature = signPayload(`${body} `, secret);
        const req: RawRequest = { method: 'POST', path: '/api/webhooks/stripe', headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': headerSafe(signature) }) }, body };
        const got = await send(POST, req);
        judge(target, req, got, true);
        if (got.status !== 400 && got.status !== 413) expect.fail(describeFailure(target, req, got, 'a bad signature must be 400 (or 413 when too large)'));
      }),
      fcParams(60),
    );
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });

  it('regression: a signed event with U+0000 or a lone surrogate is stored, not a 500 (found by this suite)', async () => {
    const { POST } = await import('@/app/api/webhooks/stripe/route');
    for (const nasty of ['\\u0000', '\\udffb\\udf64', '\\ud800']) {
      const body = `{"id":"evt_regress_${nasty.length}_${Date.now()}","object":"event","type":"payment_intent.canceled","data":{"object":{"id":"pi_x","metadata":{"order_id":"${UNKNOWN_IDS[0]}"},"note":"a${nasty}b","k${nasty}":1}}}`;
      const req: RawRequest = { method: 'POST', path: '/api/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(body, webhookSecret()) }, body };
      const got = await send(POST, req);
      judge(target, req, got, false);
      expect(got.status).toBe(200);
    }
    const withNulId = `{"id":"evt_\\u0000","object":"event","type":"charge.refunded","data":{"object":{}}}`;
    const got = await send(POST, { method: 'POST', path: '/api/webhooks/stripe', headers: { 'stripe-signature': signPayload(withNulId, webhookSecret()) }, body: withNulId });
    expect(got.status).toBe(400);
  });

  it('never answers 5xx to correctly signed hostile events', async () => {
    const { POST } = await import('@/app/api/webhooks/stripe/route');
    await fc.assert(
      fc.asyncProperty(fc.oneof(event().map((e) => JSON.stringify(e)), malformedBodies('id').map((b) => b.text)), async (body) => {
        const req: RawRequest = { method: 'POST', path: '/api/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(body, webhookSecret()) }, body };
        judge(target, req, await send(POST, req), false);
      }),
      fcParams(60),
    );
  });
});

describe('regressions found by this suite', () => {
  it('a NUL in a search query, filter or suggestion is not a 500', async () => {
    const search = (await import('@/app/api/v1/search/route')).GET;
    const suggest = (await import('@/app/api/search/suggest/route')).GET;
    for (const [handler, query] of [[search, 'query=shoe&filter=brand%3A%00'], [search, 'query=nul%00byte'], [suggest, 'q=nul%00byte']] as const) {
      const req: RawRequest = { method: 'GET', path: handler === search ? '/api/v1/search' : '/api/search/suggest', query };
      const got = await send(handler, req);
      judge(handler === search ? 'GET /api/v1/search' : 'GET /api/search/suggest', req, got, false);
      expect(got.status).toBeLessThan(500);
    }
  });
});

describe('other unauthenticated endpoints under fuzzing', () => {
  it('POST /api/analytics: 204 or a 4xx, never 5xx; refused beacons change nothing', async () => {
    const { POST } = await import('@/app/api/analytics/route');
    const beacon = fc.record({ type: fc.constantFrom('product_view', 'purchase', '<script>'), productId: fc.oneof(fc.constant(ids.product), anyId), variantId: fc.oneof(variantId(), anyId) }, { requiredKeys: [] });
    const schema = z.object({ type: z.literal('product_view'), productId: z.uuid(), variantId: z.uuid().optional() }).strict();
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(fc.oneof(beacon.filter((b) => !schemaAccepts(schema, b)).map((b) => JSON.stringify(b)), malformedBodies('productId').map((b) => b.text)), async (body) => {
        const req: RawRequest = { method: 'POST', path: '/api/analytics', headers: { 'content-type': 'text/plain' }, body };
        judge('POST /api/analytics', req, await send(POST, req), true);
      }),
      fcParams(40),
    );
    expect(changedTables(before, await fingerprint())).toEqual([]);
    await fc.assert(
      fc.asyncProperty(beacon, async (b) => {
        const req: RawRequest = { method: 'POST', path: '/api/analytics', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(b) };
        judge('POST /api/analytics', req, await send(POST, req), !schemaAccepts(schema, b));
      }),
      fcParams(20),
    );
  });

  it('POST /api/internal/revalidate: unsigned → 401, signed garbage → 4xx, never 5xx', async () => {
    const { POST } = await import('@/app/api/internal/revalidate/route');
    const target = 'POST /api/internal/revalidate';
    const body = fc.oneof(fc.record({ tags: fc.array(fc.oneof(fc.constantFrom('catalog', 'product:x'), fc.constantFrom(...HOSTILE_STRINGS)), { maxLength: 3 }) }).map((b) => JSON.stringify(b)), malformedBodies('tags').map((b) => b.text));
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(null, '', '1,abc', `${Date.now()},zz`, 'stale', '<script>'), async (text, signature) => {
        const header = signature === 'stale' ? `1000,${signRevalidation(text, 1000)}` : signature;
        const req: RawRequest = { method: 'POST', path: '/api/internal/revalidate', headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'x-stockwise-signature': header }) }, body: text };
        judge(target, req, await send(POST, req), true);
      }),
      fcParams(30),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const now = Date.now();
        const req: RawRequest = { method: 'POST', path: '/api/internal/revalidate', headers: { 'content-type': 'application/json', 'x-stockwise-signature': `${now},${signRevalidation(text, now)}` }, body: text };
        judge(target, req, await send(POST, req), false);
      }),
      fcParams(30),
    );
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });

  it('GET /api/session: always 200 with the header data, whatever the cookies and session', async () => {
    const { GET } = await import('@/app/api/session/route');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<'shopper' | 'merchant' | null>('shopper', 'merchant', null), fc.option(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), anyId, fc.uuid().map((u) => `${u}.forged-signature`)), { nil: undefined }), async (who, cookie) => {
        session.user = who === 'shopper' ? shopper : who === 'merchant' ? merchant : null;
        jar.cookies.clear();
        if (cookie !== undefined) jar.cookies.set('sw_cart', cookie);
        const response = await GET();
        const got: Sent = { status: response.status, text: await response.text(), json: null };
        judge('GET /api/session', { method: 'GET', path: '/api/session', headers: { cookie: `sw_cart=${cookie}` } }, got, false);
        expect(got.status).toBe(200);
      }),
      fcParams(30),
    );
    session.user = null;
    jar.cookies.clear();
  });

  it('the flash line with forged visitor cookies: never 5xx', async () => {
    const { GET, POST } = await import('@/app/api/flash/[sale_id]/line/route');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST'), fc.oneof(fc.constant(ids.sale ?? UNKNOWN_IDS[0]!), anyId), fc.option(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.uuid()), { nil: undefined }), async (method, saleId, cookie) => {
        jar.cookies.clear();
        if (cookie !== undefined) jar.cookies.set('sw_visitor', cookie);
        const req: RawRequest = { method, path: `/api/flash/${encodeURIComponent(wellFormed(saleId))}/line`, params: { sale_id: saleId } };
        judge(`${method} /api/flash/{sale_id}/line`, req, await send(method === 'GET' ? GET : POST, req), false);
      }),
      fcParams(30),
    );
    jar.cookies.clear();
  });

  it('/api/auth/[...nextauth]: hostile sign-in posts never 5xx', async () => {
    const { POST } = await import('@/app/api/auth/[...nextauth]/route');
    const target = 'POST /api/auth/{...nextauth}';
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('callback/credentials', 'signin/credentials', 'session', 'nope', '%00'), fc.record({ email: fc.oneof(fc.constantFrom('shopper@example.com'), fc.constantFrom(...HOSTILE_STRINGS)), password: fc.constantFrom(...HOSTILE_STRINGS), csrfToken: fc.constantFrom('x', '') }, { requiredKeys: [] }), async (action, form) => {
        const req: RawRequest = { method: 'POST', path: `/api/auth/${action}`, params: { nextauth: action }, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v).replace(/[\uD800-\uDFFF]/g, '?')]))).toString() };
        const got = await send(POST, req);
        if (got.status >= 500) {
          figures.count(target, 'server_error');
          expect.fail(describeFailure(target, req, got, `answered ${got.status}`));
        }
        figures.count(target, got.status >= 400 ? 'rejected' : 'accepted');
      }),
      fcParams(20),
    );
  });
});
