/**
 * The OpenAPI description (lib/api/openapi.ts) against the code:
 * - it is structurally valid OpenAPI 3.1 and every $ref resolves;
 * - every route file under app/api/v1 (found on disk, so a new route without
 *   docs fails here) has a path entry, and the methods it exports are exactly
 *   the documented operations;
 * - request bodies generated from the document pass the handlers' own zod
 *   schemas, and the real handlers accept them (no 400);
 * - every documented success answer is what the handler really sends
 *   (undocumented fields fail), and errors have the documented shape.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { HTTP_METHODS, OPERATIONS, openApiDocument, type HttpMethod } from '@/lib/api/openapi';
import { operationsByTag } from '@/lib/api/openapi-view';
import { call } from '@/test/api';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { collectRefs, resolve, sample, validate } from '@/test/json-schema';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const API_DIR = path.join(ROOT, 'app/api/v1');
const doc = openApiDocument();
const db = getDb();
const SHOPPER = 'sw_test_shopper_demo';
const MERCHANT = 'sw_test_merchant_demo';

function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === 'route.ts' ? [full] : [];
  });
}

/** app/api/v1/users/[user_id]/cart/route.ts → /users/{user_id}/cart */
function documentPath(file: string): string {
  const folder = path.relative(API_DIR, path.dirname(file)).split(path.sep).join('/');
  return `/${folder.replace(/\[([^\]]+)\]/g, '{$1}')}`;
}

const files = routeFiles();
const modules = new Map<string, Record<string, unknown>>();
for (const file of files) modules.set(documentPath(file), await import(/* @vite-ignore */ file));

function handler(pathKey: string, method: HttpMethod): unknown {
  const fn = modules.get(pathKey)?.[method.toUpperCase()];
  if (typeof fn !== 'function') throw new Error(`${method.toUpperCase()} ${pathKey} has no handler`);
  return fn;
}

type Operation = Record<string, unknown> & { responses: Record<string, unknown> };
const operations: { pathKey: string; method: HttpMethod; op: Operation }[] = Object.entries(doc.paths).flatMap(([pathKey, item]) =>
  HTTP_METHODS.filter((m) => item[m]).map((method) => ({ pathKey, method, op: item[method] as Operation })),
);

function successSchema(op: Operation): { status: number; schema: unknown } {
  const [status, response] = Object.entries(op.responses).find(([s]) => s.startsWith('2'))!;
  const content = (resolve(doc, response).content as Record<string, { schema: unknown }> | undefined)?.['application/json'];
  return { status: Number(status), schema: content?.schema };
}

function requestSchema(op: Operation): unknown {
  return ((op.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)?.content?.['application/json'])?.schema;
}

describe('the OpenAPI document is valid OpenAPI 3.1', () => {
  it('has the required top-level fields', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    for (const key of Object.keys(doc.paths)) expect(key).toMatch(/^\//);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc); // plain JSON, nothing lost in serialisation
  });

  it('gives every operation a unique operationId, a tag, a summary and responses including a success', () => {
    const ids = new Set<string>();
    const tagNames = new Set((doc.tags as { name: string }[]).map((t) => t.name));
    for (const { pathKey, method, op } of operations) {
      const label = `${method.toUpperCase()} ${pathKey}`;
      expect(typeof op.operationId, label).toBe('string');
      expect(ids.has(op.operationId as string), `duplicate operationId ${op.operationId}`).toBe(false);
      ids.add(op.operationId as string);
      expect(op.summary, label).toBeTruthy();
      for (const tag of op.tags as string[]) expect(tagNames.has(tag), `${label}: tag ${tag}`).toBe(true);
      expect(Object.keys(op.responses).length, label).toBeGreaterThan(0);
      expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${label} has no 2xx`).toBe(true);
      for (const [status, response] of Object.entries(op.responses)) {
        expect(status, label).toMatch(/^[1-5]\d\d$|^default$/);
        expect(resolve(doc, response).description, `${label} ${status}`).toBeTruthy();
      }
    }
  });

  it('declares every {path} parameter of each path, as required, and nothing else in the path', () => {
    for (const { pathKey, method, op } of operations) {
      const inPath = [...pathKey.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = ((op.parameters ?? []) as unknown[]).map((p) => resolve(doc, p)).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), `${method} ${pathKey}`).toEqual([...inPath].sort());
      for (const p of declared) expect(p.required).toBe(true);
    }
  });

  it('resolves every $ref inside the document', () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of new Set(refs)) {
      expect(ref, 'only local references').toMatch(/^#\/components\/(schemas|responses|parameters)\//);
      expect(() => resolve(doc, { $ref: ref }), ref).not.toThrow();
    }
  });

  it('documents the error shape for every 4xx answer, and every schema in components is used', () => {
    const errorStatuses = new Set<string>();
    for (const { op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!status.startsWith('4')) continue;
        errorStatuses.add(status);
        const schema = (resolve(doc, response).content as Record<string, { schema: unknown }>)['application/json']!.schema;
        expect(schema).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
    for (const status of ['400', '401', '403', '404', '409', '413', '429']) expect(errorStatuses).toContain(status);
    const used = new Set(collectRefs(doc).map((r) => r.split('/').pop()));
    for (const name of Object.keys(doc.components.schemas)) expect(used, name).toContain(name);
  });

  it('names both security schemes: bearer API key and the session cookie', () => {
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.security).toEqual([{ apiKey: [] }, { session: [] }]);
    const open = operations.filter(({ op }) => Array.isArray(op.security) && (op.security as unknown[]).length === 0);
    expect(open.map(({ pathKey, method }) => `${method} ${pathKey}`).sort()).toEqual(
      ['get /items/{item_id}', 'get /openapi.json', 'get /search', 'post /auth/token', 'post /users'].sort(),
    );
  });
});

describe('every route file is documented', () => {
  it('finds the route files on disk', () => {
    expect(files.length).toBeGreaterThanOrEqual(19);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s has a path entry with exactly its exported methods', (_label, file) => {
    const pathKey = documentPath(file);
    expect(doc.paths, `no path entry for ${pathKey}`).toHaveProperty([pathKey]);
    const exported = Object.keys(modules.get(pathKey)!).filter((name) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name)).map((m) => m.toLowerCase());
    const documented = HTTP_METHODS.filter((m) => doc.paths[pathKey]![m]);
    expect(documented.sort()).toEqual(exported.sort());
  });

  it('has no path entry without a route file', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(files.map(documentPath).sort());
  });

  it('the docs page lists every operation once, grouped by tag', () => {
    const tags = operationsByTag(doc);
    const listed = tags.flatMap((t) => t.operations.map((o) => `${o.method} ${o.path}`));
    expect(listed.length).toBe(operations.length);
    expect(new Set(listed).size).toBe(listed.length);
    const order = tags.find((t) => t.name === 'Orders')!.operations.find((o) => o.method === 'POST')!;
    expect(order.body?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['items', 'items[].item_id', 'items[].quantity', 'from_cart', 'shipping_address.country']));
    expect(order.responses.map((r) => r.status)).toEqual(['201', '400', '401', '403', '409', '413', '429']);
  });
});

describe('request schemas come from the handlers’ zod schemas', () => {
  const bodies = OPERATIONS.filter((op) => op.body);

  it.each(bodies.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op]))('%s: a body generated from the document passes the zod schema', (_label, op) => {
    const schema = requestSchema(doc.paths[op.path]![op.method] as Operation);
    for (const optional of [false, true]) {
      const body = sample(doc, schema, { optional });
      expect(validate(doc, schema, body)).toEqual([]);
      const parsed = (op.body!.schema as z.ZodType).safeParse(body);
      expect(parsed.success, `${JSON.stringify(body)} → ${parsed.error?.message}`).toBe(true);
    }
  });

  it('documents the limits zod enforces (strict bodies, lengths, enums)', () => {
    const order = resolve(doc, { $ref: '#/components/schemas/OrderCreateRequest' });
    expect(order.additionalProperties).toBe(false);
    expect((order.properties as Record<string, { enum?: string[] }>).shipping_method!.enum).toEqual(['standard', 'express']);
    const signUp = resolve(doc, { $ref: '#/components/schemas/SignUpRequest' });
    expect(signUp.required).toEqual(['email', 'password']);
    expect((signUp.properties as Record<string, { minLength?: number }>).password!.minLength).toBe(10);
  });
});

const [variant, second] = await variantsWithStock(db, 20, 1_000_000, 2);
const shopperId = await userIdByEmail(db, 'shopper@example.com');
const [supplier] = await db.execute<{ id: string }>(sql`select id from suppliers order by name limit 1`);

describe('the real handlers', () => {
  const stamp = Date.now().toString(36);
  const state: { orderId?: string } = {};

  /** Sends a body generated from the document; `overrides` only where a field must name a real row or be unique. */
  async function send(pathKey: string, method: HttpMethod, options: { key?: string; params: Record<string, string>; overrides?: Record<string, unknown>; url?: string }) {
    const op = doc.paths[pathKey]![method] as Operation;
    const body = sample(doc, requestSchema(op), { overrides: options.overrides });
    const response = await call(handler(pathKey, method), method.toUpperCase(), options.url ?? `/api/v1${pathKey}`, { key: options.key, params: options.params, body });
    return { ...response, body: response.body, sent: body, op };
  }

  function expectDocumented(op: Operation, response: { status: number; body: unknown }) {
    const { status, schema } = successSchema(op);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (schema) expect(validate(doc, schema, response.body)).toEqual([]);
    else expect(response.body).toBeNull();
  }

  const me = { user_id: 'me' };
  // In order: later writes use what earlier ones created.
  const writes: [string, HttpMethod, () => Parameters<typeof send>[2]][] = [
    ['/users', 'post', () => ({ params: {}, overrides: { email: `docs-${stamp}@example.com` } })],
    ['/auth/token', 'post', () => ({ params: {}, overrides: { email: 'shopper@example.com', password: 'shopper-password' } })],
    ['/items', 'post', () => ({ key: MERCHANT, params: {}, overrides: { sku: `DOCS-${stamp}` } })],
    ['/items/{item_id}', 'put', () => ({ key: MERCHANT, params: { item_id: variant!.id } })],
    ['/users/{user_id}/cart', 'post', () => ({ key: SHOPPER, params: me, overrides: { item_id: variant!.id } })],
    ['/users/{user_id}/cart/{item_id}', 'patch', () => ({ key: SHOPPER, params: { ...me, item_id: variant!.id } })],
    ['/users/{user_id}/wishlist', 'post', () => ({ key: SHOPPER, params: me, overrides: { item_id: second!.id } })],
    ['/orders', 'post', () => ({ key: SHOPPER, params: {}, overrides: { item_id: variant!.id } })],
    ['/orders/{order_id}', 'put', () => ({ key: SHOPPER, params: { order_id: state.orderId! }, overrides: { status: 'cancelled' } })],
    ['/notifications', 'post', () => ({ key: MERCHANT, params: {}, overrides: { user_id: shopperId } })],
    ['/users/{user_id}/notifications/read', 'post', () => ({ key: SHOPPER, params: me })],
  ];

  it('cover every documented request body', () => {
    const documented = operations.filter(({ op }) => op.requestBody).map(({ pathKey, method }) => `${method} ${pathKey}`);
    expect(writes.map(([p, m]) => `${m} ${p}`).sort()).toEqual(documented.sort());
  });

  it.each(writes.map(([p, m, options]) => [`${m.toUpperCase()} ${p}`, p, m, options] as const))(
    '%s accepts the body generated from the document and answers the documented shape',
    async (_label, pathKey, method, options) => {
      const response = await send(pathKey, method, options());
      expect(response.status, `sent ${JSON.stringify(response.sent)}: ${JSON.stringify(response.body)}`).not.toBe(400);
      expectDocumented(response.op, response);
      if (pathKey === '/orders') state.orderId = (response.body as { order_id: string }).order_id;
    },
  );

  const reads: [string, HttpMethod, () => { key?: string; params: Record<string, string>; query?: string }][] = [
    ['/openapi.json', 'get', () => ({ params: {} })],
    ['/users/{user_id}', 'get', () => ({ key: SHOPPER, params: me })],
    ['/items/{item_id}', 'get', () => ({ params: { item_id: variant!.id } })],
    ['/search', 'get', () => ({ params: {}, query: 'query=shirt&filter=in_stock:true&limit=5' })],
    ['/suppliers/{supplier_id}/inventory', 'get', () => ({ key: MERCHANT, params: { supplier_id: supplier!.id } })],
    ['/warehouses', 'get', () => ({ key: MERCHANT, params: {} })],
    ['/users/{user_id}/cart', 'get', () => ({ key: SHOPPER, params: me })],
    ['/users/{user_id}/wishlist', 'get', () => ({ key: SHOPPER, params: me })],
    ['/users/{user_id}/recommendations', 'get', () => ({ key: SHOPPER, params: me, query: 'limit=5' })],
    ['/orders', 'get', () => ({ key: MERCHANT, params: {}, query: 'limit=5' })],
    ['/orders/{order_id}', 'get', () => ({ key: SHOPPER, params: { order_id: state.orderId! } })],
    ['/users/{user_id}/notifications', 'get', () => ({ key: SHOPPER, params: me })],
    ['/users/{user_id}/cart/{item_id}', 'delete', () => ({ key: SHOPPER, params: { ...me, item_id: variant!.id } })],
    ['/users/{user_id}/wishlist/{item_id}', 'delete', () => ({ key: SHOPPER, params: { ...me, item_id: second!.id } })],
  ];

  it('cover every documented operation without a body', () => {
    const documented = operations.filter(({ op }) => !op.requestBody).map(({ pathKey, method }) => `${method} ${pathKey}`);
    expect(reads.map(([p, m]) => `${m} ${p}`).sort()).toEqual(documented.sort());
  });

  it.each(reads.map(([p, m, options]) => [`${m.toUpperCase()} ${p}`, p, m, options] as const))('%s answers the documented shape', async (_label, pathKey, method, options) => {
    const { key, params, query } = options();
    const concrete = pathKey.replace(/\{([^}]+)\}/g, (_, name: string) => params[name]!);
    const response = await call(handler(pathKey, method), method.toUpperCase(), `/api/v1${concrete}`, { key, params, query });
    expectDocumented(doc.paths[pathKey]![method] as Operation, response);
    if (pathKey === '/openapi.json') {
      expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
      expect(response.body).toEqual(doc);
    }
  });

  it('errors have the documented error shape', async () => {
    const errorSchema = { $ref: '#/components/schemas/Error' };
    const unauthenticated = await call(handler('/users/{user_id}/cart', 'get'), 'GET', '/api/v1/users/me/cart', { params: me });
    expect(unauthenticated.status).toBe(401);
    expect(validate(doc, errorSchema, unauthenticated.body)).toEqual([]);
    const invalid = await call(handler('/orders', 'post'), 'POST', '/api/v1/orders', { key: SHOPPER, body: { items: [] } });
    expect(invalid.status).toBe(400);
    expect(validate(doc, errorSchema, invalid.body)).toEqual([]);
    const forbidden = await call(handler('/warehouses', 'get'), 'GET', '/api/v1/warehouses', { key: SHOPPER });
    expect(forbidden.status).toBe(403);
    expect(validate(doc, errorSchema, forbidden.body)).toEqual([]);
  });

  it('a body the document rejects (undocumented field) is refused by the handler too', async () => {
    const op = doc.paths['/users/{user_id}/cart']!.post as Operation;
    const body = { ...(sample(doc, requestSchema(op), { overrides: { item_id: variant!.id } }) as object), coupon: 'FREE' };
    expect(validate(doc, requestSchema(op), body)).not.toEqual([]);
    const response = await call(handler('/users/{user_id}/cart', 'post'), 'POST', '/api/v1/users/me/cart', { key: SHOPPER, params: me, body });
    expect(response.status).toBe(400);
  });
});
