import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, productVariants, products } from '@/db/schema';
import { call } from '@/test/api';
import { stockOf } from '@/test/stock';
import * as itemsRoute from './route';
import * as itemRoute from './[item_id]/route';
import * as ordersRoute from '../orders/route';

const db = getDb();
const MERCHANT = 'sw_test_merchant_demo';
const SHOPPER = 'sw_test_shopper_demo';
const warehouses = await db.execute<{ id: string; code: string; is_default: boolean }>(sql`select id, code, is_default from warehouses order by priority, code`);
const defaultWarehouse = warehouses.find((w) => w.is_default)!;
const otherWarehouse = warehouses.find((w) => !w.is_default)!;
const [leaf] = await db.execute<{ slug: string }>(sql`select slug from categories where parent_id is not null order by slug limit 1`);
const category = leaf!.slug;
let n = 0;
const sku = () => `API-${Date.now().toString(36)}-${(n++).toString(36)}`.toUpperCase();

const post = (body: unknown, options: { key?: string; headers?: Record<string, string> } = { key: MERCHANT }) =>
  call(itemsRoute.POST, 'POST', '/api/v1/items', { body, ...options });
const put = (itemId: string, body: unknown, key: string | null = MERCHANT) =>
  call(itemRoute.PUT, 'PUT', `/api/v1/items/${itemId}`, { key: key ?? undefined, body, params: { item_id: itemId } });
const get = (itemId: string) => call(itemRoute.GET, 'GET', `/api/v1/items/${itemId}`, { params: { item_id: itemId } });

const ITEM_KEYS = ['attributes', 'category', 'currency', 'item_id', 'name', 'price_cents', 'product_id', 'sku', 'stock'].sort();

describe('POST /api/v1/items', () => {
  it('creates an item on sale and answers 201 with the item (API.md shape)', async () => {
    const code = sku();
    const response = await post({
      sku: code,
      name: 'Trail Bottle',
      category,
      price_cents: 2495,
      attributes: { brand: 'Hydra', material: 'steel', color: 'Green' },
      description: 'Keeps water cold.',
      stock: [{ warehouse_id: defaultWarehouse.id, quantity: 10 }, { warehouse_id: otherWarehouse.id, quantity: 5 }],
    });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(ITEM_KEYS);
    expect(response.body).toMatchObject({
      sku: code,
      name: 'Trail Bottle (Green)',
      category,
      price_cents: 2495,
      currency: 'USD',
      stock: 15,
      attributes: { brand: 'Hydra', material: 'steel', color: 'Green' },
    });
    expect((await get(response.body.item_id)).body).toEqual(response.body);
    const [product] = await db.select().from(products).where(eq(products.id, response.body.product_id));
    expect(product).toMatchObject({ status: 'active', brand: 'Hydra', description: 'Keeps water cold.' });
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, response.body.product_id));
    expect(audit.map((a) => a.action)).toEqual(['product.created']);
  });

  it('answers 400 naming each bad field, and creates nothing', async () => {
    const code = sku();
    const good = { sku: code, name: 'X', category, price_cents: 100 };
    const cases: [unknown, string][] = [
      [{ ...good, sku: undefined }, 'sku'],
      [{ ...good, sku: 'has spaces' }, 'sku'],
      [{ ...good, name: '' }, 'name'],
      [{ ...good, category: undefined }, 'category'],
      [{ ...good, category: 'no-such-category' }, 'category'],
      [{ ...good, price_cents: 10.5 }, 'price_cents'],
      [{ ...good, price_cents: '100' }, 'price_cents'],
      [{ ...good, price_cents: -1 }, 'price_cents'],
      [{ ...good, price_cents: -500 }, 'price_cents'],
      [{ ...good, price_cents: 100_000_001 }, 'price_cents'],
      [{ ...good, price_cents: null }, 'price_cents'],
      [{ ...good, currency: 'usdollar' }, 'currency'],
      [{ ...good, attributes: ['a'] }, 'attributes'],
      [{ ...good, stock: [{ warehouse_id: 'nope', quantity: 1 }] }, 'stock.0.warehouse_id'],
      [{ ...good, stock: [{ warehouse_id: '00000000-0000-4000-8000-000000000000', quantity: 1 }] }, 'stock.0.warehouse_id'],
      [{ ...good, stock: [{ warehouse_id: defaultWarehouse.id, quantity: -1 }] }, 'stock.0.quantity'],
      [{ ...good, owner: 'me' }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(Object.keys(response.body.error.details.fields), JSON.stringify(body)).toContain(field);
    }
    expect(await db.select().from(productVariants).where(eq(productVariants.sku, code))).toEqual([]);
  });

  it('takes stock without warehouse_id into the default warehouse, as PUT does', async () => {
    const response = await post({ sku: sku(), name: 'Default Shelf', category, price_cents: 900, stock: [{ quantity: 7 }] });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.stock).toBe(7);
    const [level] = await db.execute<{ warehouse_id: string; on_hand: number }>(
      sql`select warehouse_id, sum(on_hand)::int as on_hand from inventory_levels where variant_id = ${response.body.item_id} group by warehouse_id`,
    );
    expect(level).toEqual({ warehouse_id: defaultWarehouse.id, on_hand: 7 });
  });

  it('answers 401 without a key and 403 for a customer', async () => {
    const body = { sku: sku(), name: 'X', category, price_cents: 100 };
    const anonymous = await post(body, {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const customer = await post(body, { key: SHOPPER });
    expect(customer.status).toBe(403);
    expect(customer.body.error.code).toBe('forbidden');
    expect(await db.select().from(productVariants).where(eq(productVariants.sku, body.sku))).toEqual([]);
  });

  it('answers 409 conflict naming sku for a SKU already in use', async () => {
    const [taken] = await db.select({ sku: productVariants.sku }).from(productVariants).limit(1);
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(products);
    const response = await post({ sku: taken!.sku, name: 'Copy', category, price_cents: 100 });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'conflict', details: { field: 'sku', sku: taken!.sku, fields: { sku: expect.any(String) } } });
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(products)).toEqual(before);
  });

  it('replays the first answer for the same Idempotency-Key and refuses the key with another body', async () => {
    const body = { sku: sku(), name: 'Once Only', category, price_cents: 990, stock: [{ warehouse_id: defaultWarehouse.id, quantity: 3 }] };
    const headers = { 'idempotency-key': `items-${body.sku}` };
    const first = await post(body, { key: MERCHANT, headers });
    const second = await post(body, { key: MERCHANT, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await db.select().from(productVariants).where(eq(productVariants.sku, body.sku))).toHaveLength(1);
    expect((await stockOf(db, first.body.item_id)).onHand).toBe(3);
    const reused = await post({ ...body, price_cents: 1 }, { key: MERCHANT, headers });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });
});

describe('PUT /api/v1/items/{item_id}', () => {
  async function newItem(stock = 10) {
    const response = await post({ sku: sku(), name: 'Desk Lamp', category, price_cents: 3000, attributes: { brand: 'Lumen', size: 'Large' }, stock: [{ warehouse_id: defaultWarehouse.id, quantity: stock }] });
    expect(response.status).toBe(201);
    return response.body as { item_id: string; product_id: string };
  }

  it('changes price, name, attributes and stock (default warehouse when left out) and answers the item', async () => {
    const item = await newItem();
    const response = await put(item.item_id, {
      price_cents: 3500,
      name: 'Desk Lamp Pro',
      attributes: { brand: 'Lumen', size: 'Small', finish: 'matte' },
      stock: [{ quantity: 4 }, { warehouse_id: otherWarehouse.id, quantity: 6 }],
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(ITEM_KEYS);
    expect(response.body).toMatchObject({ item_id: item.item_id, price_cents: 3500, name: 'Desk Lamp Pro (Small)', stock: 10, attributes: { brand: 'Lumen', size: 'Small', finish: 'matte' } });
    const levels = await db.execute<{ warehouse_id: string; on_hand: number }>(sql`select warehouse_id, sum(on_hand)::int as on_hand from inventory_levels where variant_id = ${item.item_id} group by warehouse_id`);
    expect(Object.fromEntries(levels.map((l) => [l.warehouse_id, l.on_hand]))).toEqual({ [defaultWarehouse.id]: 4, [otherWarehouse.id]: 6 });
    expect((await put(item.item_id, {})).status).toBe(200);
  });

  it('answers 400 naming fields, 401, 403 and 404', async () => {
    const item = await newItem();
    for (const [body, field] of [
      [{ price_cents: 'cheap' }, 'price_cents'],
      [{ name: '' }, 'name'],
      [{ stock: [{ quantity: 1.5 }] }, 'stock.0.quantity'],
      [{ stock: [{ warehouse_id: '00000000-0000-4000-8000-000000000000', quantity: 1 }] }, 'stock.0.warehouse_id'],
      [{ stock: [{ quantity: 1 }, { warehouse_id: defaultWarehouse.id, quantity: 2 }] }, 'stock.1.warehouse_id'],
      [{ sku: 'NEW' }, '(body)'],
    ] as [unknown, string][]) {
      const response = await put(item.item_id, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(response.body.error.details.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await put(item.item_id, { price_cents: 1 }, null)).status).toBe(401);
    expect((await put(item.item_id, { price_cents: 1 }, SHOPPER)).status).toBe(403);
    expect((await put('00000000-0000-4000-8000-000000000000', { price_cents: 1 })).status).toBe(404);
    expect((await put('not-an-id', { price_cents: 1 })).status).toBe(400);
    expect((await get(item.item_id)).body.price_cents).toBe(3000);
  });

  it('refuses stock below what open orders reserved with 409, and changes nothing', async () => {
    const item = await newItem(5);
    const order = await call(ordersRoute.POST, 'POST', '/api/v1/orders', { key: SHOPPER, body: { items: [{ item_id: item.item_id, quantity: 3 }] } });
    expect(order.status).toBe(201);
    const response = await put(item.item_id, { price_cents: 1, stock: [{ quantity: 2 }] });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'conflict', details: { item_id: item.item_id, warehouse_id: defaultWarehouse.id, reserved: 3, fields: { 'stock.0.quantity': expect.any(String) } } });
    expect(await stockOf(db, item.item_id)).toMatchObject({ onHand: 5, reserved: 3 });
    expect((await get(item.item_id)).body).toMatchObject({ price_cents: 3000, stock: 2 });
    // At what is reserved it is fine: nothing left to sell.
    const exact = await put(item.item_id, { stock: [{ quantity: 3 }] });
    expect(exact.status).toBe(200);
    expect(exact.body.stock).toBe(0);
  });
});
