import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orders } from '@/db/schema';
import { call } from '@/test/api';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock, stockOf } from '@/test/stock';
import * as tokenRoute from './auth/token/route';
import * as ordersRoute from './orders/route';
import * as orderRoute from './orders/[order_id]/route';
import * as usersRoute from './users/route';
import * as cartRoute from './users/[user_id]/cart/route';

const db = getDb();
const SHOPPER = 'sw_test_shopper_demo';
const MERCHANT = 'sw_test_merchant_demo';
const pool = await variantsWithStock(db, 30, 1_000_000, 20);
let next = 0;
const variant = () => pool[next++]!;

async function newCustomerKey() {
  const email = `orders-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email, password: 'long-enough-pw' } });
  return (await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email, password: 'long-enough-pw' } })).body.token as string;
}
const post = (key: string, body: unknown, headers: Record<string, string> = {}) => call(ordersRoute.POST, 'POST', '/api/v1/orders', { key, body, headers });
const get = (key: string, orderId: string) => call(orderRoute.GET, 'GET', `/api/v1/orders/${orderId}`, { key, params: { order_id: orderId } });
const put = (key: string, orderId: string, body: unknown) => call(orderRoute.PUT, 'PUT', `/api/v1/orders/${orderId}`, { key, params: { order_id: orderId }, body });

describe('POST /api/v1/orders', () => {
  it('places an order from lines and answers it in API.md’s shape', async () => {
    const v = variant();
    const response = await post(SHOPPER, {
      items: [{ item_id: v.id, quantity: 2 }],
      shipping_address: { name: 'Sam', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'us' },
    });
    expect(response.status).toBe(201);
    const order = response.body;
    expect(order).toMatchObject({
      status: 'pending_payment',
      items: [{ item_id: v.id, sku: v.sku, quantity: 2, unit_price_cents: v.priceCents, name: expect.any(String) }],
      subtotal_cents: 2 * v.priceCents,
      currency: 'USD',
      payment: { provider: 'simulated', status: 'pending' },
      events: [{ status: 'pending_payment', reason: 'order placed', at: expect.any(String) }],
      shipping_address: { country: 'US' },
    });
    for (const field of ['order_id', 'user_id', 'discount_cents', 'tax_cents', 'shipping_cents', 'total_cents', 'created_at', 'expires_at']) {
      expect(order).toHaveProperty(field);
    }
    expect(order.total_cents).toBe(order.subtotal_cents - order.discount_cents + order.tax_cents + order.shipping_cents);
  });

  it('places an order from the cart', async () => {
    const key = await newCustomerKey();
    const v = variant();
    await call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { key, params: { user_id: 'me' }, body: { item_id: v.id, quantity: 3 } });
    const response = await post(key, { from_cart: true });
    expect(response.status).toBe(201);
    expect(response.body.items).toEqual([expect.objectContaining({ item_id: v.id, quantity: 3 })]);
    const cart = await call(cartRoute.GET, 'GET', '/api/v1/users/me/cart', { key, params: { user_id: 'me' } });
    expect(cart.body.items).toEqual([]); // a fresh cart after checkout
  });

  it('creates one order for the same Idempotency-Key fired 20 times at once, and answers the same body each time', async () => {
    const key = await newCustomerKey();
    const v = variant();
    const body = { items: [{ item_id: v.id, quantity: 1 }] };
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(key, body, { 'idempotency-key': 'checkout-42' })));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    for (const response of responses) expect(response.body).toEqual(responses[0]!.body);
    const userId = responses[0]!.body.user_id;
    const count = await db.execute<{ n: number }>(sql`select count(*)::int as n from orders where user_id = ${userId}`);
    expect(count[0]!.n).toBe(1);
    expect((await stockOf(db, v.id)).reserved).toBe(1);
    expect((await post(key, { items: [{ item_id: v.id, quantity: 2 }] }, { 'idempotency-key': 'checkout-42' })).status).toBe(409);
  });

  it('answers 409 out_of_stock naming the item and what is available, and reserves nothing', async () => {
    const [plenty, short] = [variant(), variant()];
    await setExactStock(db, short.id, [2]);
    const before = await stockOf(db, plenty.id);
    const response = await post(SHOPPER, { items: [{ item_id: plenty.id, quantity: 1 }, { item_id: short.id, quantity: 3 }] });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'out_of_stock', details: { item_id: short.id, available: 2 } });
    expect(await stockOf(db, plenty.id)).toEqual(before);
  });

  it('answers 400 naming the field for malformed orders, and creates nothing', async () => {
    const v = variant();
    const before = (await db.execute<{ n: number }>(sql`select count(*)::int as n from orders`))[0]!.n;
    const cases: [unknown, string][] = [
      [{}, 'items'],
      [{ items: [] }, 'items'],
      [{ items: [{ item_id: v.id, quantity: 0 }] }, 'items.0.quantity'],
      [{ items: [{ item_id: v.id, quantity: -1 }] }, 'items.0.quantity'],
      [{ items: [{ item_id: v.id, quantity: 1.5 }] }, 'items.0.quantity'],
      [{ items: [{ item_id: v.id, quantity: '2' }] }, 'items.0.quantity'],
      [{ items: [{ item_id: 'nope', quantity: 1 }] }, 'items.0.item_id'],
      [{ items: [{ item_id: '00000000-0000-4000-8000-000000000000', quantity: 1 }] }, 'items'],
      [{ items: [{ item_id: v.id, quantity: 1 }], from_cart: true }, 'items'],
      [{ items: [{ item_id: v.id, quantity: 1 }], promo_code: 'NOPE' }, 'promo_code'],
      [{ items: [{ item_id: v.id, quantity: 1 }], promo_code: 'SUMMER25' }, 'promo_code'],
      [{ items: [{ item_id: v.id, quantity: 1 }], shipping_address: { name: 'x' } }, 'shipping_address.line1'],
      [{ items: [{ item_id: v.id, quantity: 1 }], shipping_method: 'teleport' }, 'shipping_method'],
    ];
    for (const [body, field] of cases) {
      const response = await post(SHOPPER, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(response.body.error.details.fields), JSON.stringify(body)).toContain(field);
    }
    expect((await db.execute<{ n: number }>(sql`select count(*)::int as n from orders`))[0]!.n).toBe(before);
  });
});

describe('reading and changing orders', () => {
  it('shows customers their own orders only, and merchants everyone’s', async () => {
    const key = await newCustomerKey();
    const placed = (await post(key, { items: [{ item_id: variant().id, quantity: 1 }] })).body;
    expect((await get(key, placed.order_id)).status).toBe(200);
    expect((await get(SHOPPER, placed.order_id)).status).toBe(404);
    expect((await get(MERCHANT, placed.order_id)).status).toBe(200);
    expect((await get(SHOPPER, 'not-an-id')).status).toBe(400);

    const mine = await call(ordersRoute.GET, 'GET', '/api/v1/orders', { key });
    expect(mine.body).toMatchObject({ total: 1, page: 1, limit: 20, data: [{ order_id: placed.order_id, status: 'pending_payment' }] });
    const all = await call(ordersRoute.GET, 'GET', '/api/v1/orders', { key: MERCHANT, query: 'status=pending_payment&limit=100' });
    expect(all.body.total).toBeGreaterThan(1);
    expect(all.body.data.every((o: { status: string }) => o.status === 'pending_payment')).toBe(true);
    expect((await call(ordersRoute.GET, 'GET', '/api/v1/orders', { key: MERCHANT, query: 'status=lost' })).status).toBe(400);
  });

  it('lets the owner cancel before shipment and nothing else; merchants move it along; bad moves are 409', async () => {
    const key = await newCustomerKey();
    const v = variant();
    const first = (await post(key, { items: [{ item_id: v.id, quantity: 1 }] })).body;
    expect((await put(key, first.order_id, { status: 'shipped' })).status).toBe(403);
    expect((await put(SHOPPER, first.order_id, { status: 'cancelled' })).status).toBe(404);
    const cancelled = await put(key, first.order_id, { status: 'cancelled' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.events.map((e: { status: string }) => e.status)).toEqual(['pending_payment', 'cancelled']);

    const second = (await post(key, { items: [{ item_id: v.id, quantity: 1 }] })).body;
    expect((await put(MERCHANT, second.order_id, { status: 'shipped', carrier: 'DHL', tracking_number: 'X' })).body.error.code).toBe('invalid_transition');
    await put(MERCHANT, second.order_id, { status: 'confirmed' });
    await put(MERCHANT, second.order_id, { status: 'processing' });
    expect((await put(MERCHANT, second.order_id, { status: 'shipped' })).body.error.details.fields).toHaveProperty('carrier');
    const shipped = await put(MERCHANT, second.order_id, { status: 'shipped', carrier: 'DHL', tracking_number: 'JJD123' });
    expect(shipped.body.shipments).toEqual([expect.objectContaining({ carrier: 'DHL', tracking_number: 'JJD123' })]);
    const late = await put(key, second.order_id, { status: 'cancelled' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('invalid_transition');
    expect((await put(MERCHANT, second.order_id, { status: 'paid' })).status).toBe(400);
    const [row] = await db.select().from(orders).where(eq(orders.id, second.order_id));
    expect(row?.status).toBe('shipped');
  });
});
