/**
 * Issue 16, item 4 and the lows of item 6 (authorised black-box test), against
 * the real handlers and lib functions, real PostgreSQL and real Redis:
 * - a flash sale's waiting room and per-shopper cap hold on every path that buys
 *   (REST `items` and `from_cart`, the shop's checkout action), under concurrency;
 * - a limited promotion's uses come back when unpaid orders are cancelled, fail
 *   or expire (once), and a paid-then-refunded order keeps its use;
 * - lines are summed per item before the per-line cap, and an order holds at
 *   most a bounded number of lines;
 * - personal API answers carry `Cache-Control: no-store`;
 * - webhooks signed with a timestamp far in the future are refused.
 */
import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { orders, promotions, webhookEvents } from '@/db/schema';
import { createApiKey } from '@/lib/auth/api-keys';
import { createUser, type AuthUser } from '@/lib/auth/users';
import { addToCart as addToCartLib, createGuestCart, getOrCreateUserCart } from '@/lib/cart/store';
import { mergeGuestCart } from '@/lib/cart/merge';
import { createFlashSale, forgetHotVariants, type FlashSale } from '@/lib/flash/sales';
import { admissionCookie, issueAdmission } from '@/lib/flash/waiting-room';
import { resetKvForTests } from '@/lib/kv';
import { expireOrderIfDue, sweepExpiredOrders } from '@/lib/orders/expiry';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { handlePaymentWebhook } from '@/lib/payments/webhook';
import { call } from '@/test/api';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock, stockOf } from '@/test/stock';

const scope = vi.hoisted(() => ({ user: null as AuthUser | null, cookies: new Map<string, string>(), headers: new Headers() }));
vi.mock('@/lib/session/current-user', () => ({ getCurrentUser: async () => scope.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
vi.mock('next/headers', async () => (await import('@/test/next-headers-mock')).nextHeaders(scope));

const ordersRoute = await import('@/app/api/v1/orders/route');
const orderRoute = await import('@/app/api/v1/orders/[order_id]/route');
const usersRoute = await import('@/app/api/v1/users/route');
const userRoute = await import('@/app/api/v1/users/[user_id]/route');
const tokenRoute = await import('@/app/api/v1/auth/token/route');
const cartRoute = await import('@/app/api/v1/users/[user_id]/cart/route');
const lineRoute = await import('@/app/api/flash/[sale_id]/line/route');
const sessionRoute = await import('@/app/api/session/route');
const openapiRoute = await import('@/app/api/v1/openapi.json/route');
const { placeOrderAction } = await import('@/app/actions/checkout');

const db = getDb();
const MERCHANT = 'sw_test_merchant_demo';
const SECRET = 'whsec_security_suite';
const pool = await variantsWithStock(db, 30, 1_000_000, 120);
let next = 0;
const freshVariant = () => pool[next++]!;
const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  process.env.REDIS_URL = inject('redisUrl');
  await resetKvForTests();
});
afterAll(async () => {
  delete process.env.REDIS_URL;
  await resetKvForTests();
  console.log(`[security figures] ${JSON.stringify(figures)}`);
});

type Customer = { key: string; user: AuthUser };
async function newCustomer(): Promise<Customer> {
  const user = await createUser(db, { email: `sec-${uniq()}@example.com`, password: 'a-long-enough-passphrase' });
  return { key: (await createApiKey(db, user.id, 'security suite')).key, user };
}

const order = (key: string, body: unknown, headers: Record<string, string> = {}) => call(ordersRoute.POST, 'POST', '/api/v1/orders', { key, body, headers });
const addToCart = (key: string, itemId: string, quantity: number) =>
  call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { key, params: { user_id: 'me' }, body: { item_id: itemId, quantity } });
const cancel = (key: string, orderId: string) => call(orderRoute.PUT, 'PUT', `/api/v1/orders/${orderId}`, { key, params: { order_id: orderId }, body: { status: 'cancelled' } });
const ordersOf = async (userId: string) => (await db.execute<{ n: number }>(sql`select count(*)::int as n from orders where user_id = ${userId}`))[0]!.n;

async function newSale(units: number, maxPerOrder: number, startsAt = new Date(Date.now() - 1000)): Promise<FlashSale> {
  const variant = freshVariant();
  await setExactStock(db, variant.id, [units]);
  const sale = await createFlashSale(
    db,
    { variantId: variant.id, name: `Security drop ${uniq()}`, startsAt, endsAt: new Date(Date.now() + 3600_000), admitPerSecond: 1000, maxPerOrder, buckets: 4 },
    null,
  );
  forgetHotVariants();
  return sale;
}

/** An API client joins the sale's line with its key (as API.md tells it to) and is let through. */
async function joinLineWithKey(key: string, sale: FlashSale) {
  scope.user = null;
  scope.cookies.clear();
  const joined = await call(lineRoute.POST, 'POST', `/api/flash/${sale.id}/line`, { key, params: { sale_id: sale.id } });
  expect(joined.status).toBe(200);
  expect(joined.body).toMatchObject({ admitted: true });
  scope.cookies.clear(); // an API client keeps no cookies: its admission must not live only in one
}

describe('a flash sale holds on every path that can buy', () => {
  it('REST POST /orders with items, without admission: 403 admission_required naming the line, nothing reserved', async () => {
    const sale = await newSale(50, 2);
    const { key, user } = await newCustomer();
    const refused = await order(key, { items: [{ item_id: sale.variantId, quantity: 1 }] });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'admission_required', details: { sale_id: sale.id, item_id: sale.variantId, queue: `/queue/${sale.id}`, line: `/api/flash/${sale.id}/line` } });
    expect(refused.body.error.message).toMatch(/join the line/i);
    expect((await stockOf(db, sale.variantId)).reserved).toBe(0);
    expect(await ordersOf(user.id)).toBe(0);
  });

  it('REST POST /orders from_cart, without admission: refused the same way, the cart left as it was', async () => {
    const sale = await newSale(50, 2);
    const { key, user } = await newCustomer();
    expect((await addToCart(key, sale.variantId, 1)).status).toBe(200);
    const refused = await order(key, { from_cart: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('admission_required');
    expect((await stockOf(db, sale.variantId)).reserved).toBe(0);
    expect(await ordersOf(user.id)).toBe(0);
    const cart = await call(cartRoute.GET, 'GET', '/api/v1/users/me/cart', { key, params: { user_id: 'me' } });
    expect(cart.body.items).toEqual([expect.objectContaining({ item_id: sale.variantId, quantity: 1 })]);
  });

  it('an API client admitted through the waiting room with its key buys over REST (items and from_cart)', async () => {
    const sale = await newSale(50, 2);
    const a = await newCustomer();
    await joinLineWithKey(a.key, sale);
    const placed = await order(a.key, { items: [{ item_id: sale.variantId, quantity: 1 }] });
    expect(placed.status).toBe(201);

    const b = await newCustomer();
    await joinLineWithKey(b.key, sale);
    expect((await addToCart(b.key, sale.variantId, 2)).status).toBe(200);
    const fromCart = await order(b.key, { from_cart: true });
    expect(fromCart.status).toBe(201);
    expect((await stockOf(db, sale.variantId)).reserved).toBe(3);
    // The admission is the customer's: another customer's key is still refused.
    const c = await newCustomer();
    expect((await order(c.key, { items: [{ item_id: sale.variantId, quantity: 1 }] })).status).toBe(403);
  });

  it('a flood of callers who skipped the line never takes the last unit from the one who queued', async () => {
    const sale = await newSale(1, 1);
    const skipper = await newCustomer();
    const queued = await newCustomer();
    await joinLineWithKey(queued.key, sale);
    const body = { items: [{ item_id: sale.variantId, quantity: 1 }] };
    const answers = await Promise.all([...Array.from({ length: 30 }, () => order(skipper.key, body)), order(queued.key, body), ...Array.from({ length: 30 }, () => order(skipper.key, body))]);
    expect(answers[30]!.status).toBe(201);
    expect(answers.filter((a, i) => i !== 30).every((a) => a.status === 403)).toBe(true);
  });

  it('a signed-in browser calling REST with its session is admitted by the waiting room’s cookie', async () => {
    const sale = await newSale(50, 1);
    const { user } = await newCustomer();
    scope.user = user;
    const body = { items: [{ item_id: sale.variantId, quantity: 1 }] };
    expect((await call(ordersRoute.POST, 'POST', '/api/v1/orders', { body })).status).toBe(403);
    const cookie = `sw_cart=x; ${admissionCookie(sale.id)}=${encodeURIComponent(issueAdmission(sale.id, 1).value)}`;
    expect((await call(ordersRoute.POST, 'POST', '/api/v1/orders', { body, headers: { cookie } })).status).toBe(201);
    scope.user = null;
  });

  it('a sale about to start (its gate loaded, a minute ahead) sells nothing outside the line either', async () => {
    const sale = await newSale(50, 1, new Date(Date.now() + 30_000));
    const { key, user } = await newCustomer();
    const early = await order(key, { items: [{ item_id: sale.variantId, quantity: 1 }] });
    expect(early.status).toBe(403);
    expect(early.body.error.code).toBe('admission_required');
    expect(await ordersOf(user.id)).toBe(0);
  });

  it('the cap is per shopper across open orders: a second order of the cap is refused 409, and cancelling frees it', async () => {
    const sale = await newSale(50, 2);
    const { key } = await newCustomer();
    await joinLineWithKey(key, sale);
    const first = await order(key, { items: [{ item_id: sale.variantId, quantity: 2 }] });
    expect(first.status).toBe(201);
    const second = await order(key, { items: [{ item_id: sale.variantId, quantity: 2 }] });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'purchase_limit_reached', details: { sale_id: sale.id, item_id: sale.variantId, limit: 2, in_open_orders: 2 } });
    const third = await order(key, { items: [{ item_id: sale.variantId, quantity: 1 }] });
    expect(third.status).toBe(409);
    expect((await stockOf(db, sale.variantId)).reserved).toBe(2);
    // A cancelled order is not open: its units may be bought again.
    expect((await cancel(key, first.body.order_id)).status).toBe(200);
    expect((await order(key, { items: [{ item_id: sale.variantId, quantity: 2 }] })).status).toBe(201);
  });

  it('concurrent orders of the cap by one shopper: exactly one passes', async () => {
    const sale = await newSale(100, 1);
    const { key, user } = await newCustomer();
    await joinLineWithKey(key, sale);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        i % 2 === 0
          ? order(key, { items: [{ item_id: sale.variantId, quantity: 1 }] })
          : order(key, { items: [{ item_id: sale.variantId, quantity: 1 }] }, { 'idempotency-key': `race-${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    figures.concurrentCapStatuses = statuses;
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    expect(await ordersOf(user.id)).toBe(1);
    expect((await stockOf(db, sale.variantId)).reserved).toBe(1);
  });

  it('the shop’s checkout action: refused without admission, works once admitted, and the cap counts earlier orders', async () => {
    const sale = await newSale(50, 1);
    const { key, user } = await newCustomer();
    const address = { name: 'Sam', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US', shippingMethod: 'standard' };
    const form = () => {
      const f = new FormData();
      for (const [k, v] of Object.entries(address)) f.set(k, v);
      return f;
    };
    const checkout = async () => {
      try {
        return await placeOrderAction(null, form());
      } catch (error) {
        const digest = (error as { digest?: string }).digest ?? '';
        if (digest.startsWith('NEXT_REDIRECT')) return { ok: true as const, redirect: digest.split(';')[2] };
        throw error;
      }
    };
    scope.user = user;
    scope.cookies.clear();
    expect((await addToCart(key, sale.variantId, 1)).status).toBe(200);
    const refused = await checkout();
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/join the line/i) });

    const joined = await call(lineRoute.POST, 'POST', `/api/flash/${sale.id}/line`, { params: { sale_id: sale.id } });
    expect(joined.body).toMatchObject({ admitted: true });
    const placed = await checkout();
    expect(placed).toMatchObject({ ok: true, redirect: expect.stringMatching(/^\/pay\//) });

    expect((await addToCart(key, sale.variantId, 1)).status).toBe(200);
    const again = await checkout();
    expect(again).toMatchObject({ ok: false, message: expect.stringMatching(/at most 1 .*per shopper/i) });
    expect(await ordersOf(user.id)).toBe(1);
    expect((await stockOf(db, sale.variantId)).reserved).toBe(1);
    scope.user = null;
    scope.cookies.clear();
  });
});

describe('a limited promotion is used by paid orders, not by unpaid ones that lapse', () => {
  async function limitedCode(limit: number): Promise<string> {
    const code = `SEC${uniq().toUpperCase()}`;
    await db.insert(promotions).values({ code, description: 'security suite', kind: 'percent', value: 50, usageLimit: limit });
    return code;
  }
  const usedCount = async (code: string) => (await db.select({ n: promotions.usedCount }).from(promotions).where(eq(promotions.code, code)))[0]!.n;
  const pay = async (orderId: string, outcome: 'succeeded' | 'card_declined') => {
    const [row] = await db.select().from(orders).where(eq(orders.id, orderId));
    const payload = simulatedPaymentEvent({ orderId, paymentIntentId: `pi_${orderId.slice(0, 8)}`, amountCents: row!.totalCents, currency: row!.currency, outcome });
    expect((await handlePaymentWebhook(db, payload, signPayload(payload, SECRET), SECRET)).status).toBe(200);
  };

  it('five unpaid orders that expire (job and sweep racing) leave a limit-5 code usable again, each use returned once', async () => {
    const code = await limitedCode(5);
    const { key } = await newCustomer();
    const v = freshVariant();
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await order(key, { items: [{ item_id: v.id, quantity: 1 }], promo_code: code });
      expect(answer.status).toBe(201);
      placed.push(answer.body.order_id);
    }
    expect(await usedCount(code)).toBe(5);
    const sixth = await order(key, { items: [{ item_id: v.id, quantity: 1 }], promo_code: code });
    expect(sixth.status).toBe(400);
    expect(sixth.body.error.details.fields.promo_code).toMatch(/fully redeemed/);

    await db.execute(sql`update orders set expires_at = now() - interval '1 second' where id in ${placed}`);
    await Promise.all([...placed.map((id) => expireOrderIfDue(db, id)), sweepExpiredOrders(db), ...placed.map((id) => expireOrderIfDue(db, id)), sweepExpiredOrders(db)]);
    const statuses = await db.execute<{ status: string }>(sql`select status from orders where id in ${placed}`);
    expect(statuses.map((s) => s.status)).toEqual(Array(5).fill('cancelled'));
    expect(await usedCount(code)).toBe(0);
    figures.promotionAfterFiveExpired = { limit: 5, usedAfter: await usedCount(code) };
    expect((await order(key, { items: [{ item_id: v.id, quantity: 1 }], promo_code: code })).status).toBe(201);
    expect(await usedCount(code)).toBe(1);
  });

  it('a cancelled (twice) or declined unpaid order returns its use once', async () => {
    const code = await limitedCode(5);
    const { key } = await newCustomer();
    const v = freshVariant();
    const a = (await order(key, { items: [{ item_id: v.id, quantity: 1 }], promo_code: code })).body.order_id;
    const b = (await order(key, { items: [{ item_id: v.id, quantity: 1 }], promo_code: code })).body.order_id;
    const c = (await order(key, { items: [{ item_id: v.id, quantity: 1 }], promo_code: code })).body.order_id;
    expect(await usedCount(code)).toBe(3);
    const twice = await Promise.all([cancel(key, a), cancel(key, a)]);
    expect(twice.map((t) => t.status)).toEqual([200, 200]);
    expect((await cancel(key, a)).status).toBe(200);
    expect(await usedCount(code)).toBe(2);
    await pay(b, 'card_declined');
    await pay(b, 'card_declined');
    expect(await usedCount(code)).toBe(1);
    expect((await db.select({ s: orders.status }).from(orders).where(eq(orders.id, c)))[0]!.s).toBe('pending_payment');
  });

  it('an expired order paid late is confirmed and takes its use again', async () => {
    const code = await limitedCode(5);
    const { key } = await newCustomer();
    const v = freshVariant();
    const id = (await order(key, { items: [{ item_id: v.id, quantity: 1 }], promo_code: code })).body.order_id;
    await db.execute(sql`update orders set expires_at = now() - interval '1 second' where id = ${id}`);
    expect(await expireOrderIfDue(db, id)).toBe(true);
    expect(await usedCount(code)).toBe(0);
    await pay(id, 'succeeded');
    expect((await db.select({ s: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.s).toBe('confirmed');
    expect(await usedCount(code)).toBe(1);
  });

  it('a paid order that is later refunded keeps its use', async () => {
    const code = await limitedCode(5);
    const { key } = await newCustomer();
    const v = freshVariant();
    const id = (await order(key, { items: [{ item_id: v.id, quantity: 1 }], promo_code: code })).body.order_id;
    await pay(id, 'succeeded');
    expect((await db.select({ s: orders.status }).from(orders).where(eq(orders.id, id)))[0]!.s).toBe('confirmed');
    const refunded = await cancel(MERCHANT, id);
    expect(refunded.status).toBe(200);
    expect(refunded.body.status).toBe('cancelled');
    expect(await usedCount(code)).toBe(1);
  });
});

describe('lines are summed per item before the per-line cap', () => {
  it('REST items repeating one item 3 × 20: 400 naming items, nothing reserved, no order', async () => {
    const { key, user } = await newCustomer();
    const v = freshVariant();
    const before = await stockOf(db, v.id);
    const answer = await order(key, { items: [1, 2, 3].map(() => ({ item_id: v.id, quantity: 20 })) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_request');
    expect(Object.keys(answer.body.error.details.fields)).toContain('items');
    expect(answer.body.error.details.fields.items).toMatch(/at most 20/);
    expect(await stockOf(db, v.id)).toEqual(before);
    expect(await ordersOf(user.id)).toBe(0);
    // Two lines that add up to the cap are one line of 20: fine.
    const ok = await order(key, { items: [{ item_id: v.id, quantity: 12 }, { item_id: v.id, quantity: 8 }] });
    expect(ok.status).toBe(201);
    expect(ok.body.items).toEqual([expect.objectContaining({ item_id: v.id, quantity: 20 })]);
  });

  it('an order holds at most 50 lines: 51 different items is a 400 naming items, nothing reserved', async () => {
    const { key, user } = await newCustomer();
    const items = pool.slice(60, 111).map((v) => ({ item_id: v.id, quantity: 20 }));
    expect(items).toHaveLength(51);
    const reservedBefore = await Promise.all(items.map((i) => stockOf(db, i.item_id)));
    const answer = await order(key, { items });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.details.fields)).toContain('items');
    expect(await Promise.all(items.map((i) => stockOf(db, i.item_id)))).toEqual(reservedBefore);
    expect(await ordersOf(user.id)).toBe(0);
    figures.unitsOneOrderCanHoldBefore = '100 lines × 20 = 2,000 (3 × 20 of one item → one line of 60)';
    figures.unitsOneOrderCanHoldAfter = '50 lines × 20 = 1,000';
  });

  it('the cart sums too: adding the same item past the cap is a 400 naming quantity and changes nothing', async () => {
    const { key } = await newCustomer();
    const v = freshVariant();
    expect((await addToCart(key, v.id, 20)).status).toBe(200);
    const over = await addToCart(key, v.id, 1);
    expect(over.status).toBe(400);
    expect(Object.keys(over.body.error.details.fields)).toContain('quantity');
    const cart = await call(cartRoute.GET, 'GET', '/api/v1/users/me/cart', { key, params: { user_id: 'me' } });
    expect(cart.body.items).toEqual([expect.objectContaining({ item_id: v.id, quantity: 20 })]);
  });

  it('merging a guest cart on sign-in sums lines per item up to the cap and stops new items at 50 lines', async () => {
    const { user } = await newCustomer();
    const userCart = await getOrCreateUserCart(db, user.id);
    const items = pool.slice(60, 110);
    for (const v of items.slice(0, 49)) await addToCartLib(db, userCart, v.id, 1);
    await addToCartLib(db, userCart, items[0]!.id, 14); // 15 of the first item
    const guest = await createGuestCart(db);
    await addToCartLib(db, guest, items[0]!.id, 15); // 15 more of it: 30 wanted, 20 allowed
    for (const v of items.slice(49, 50).concat(pool.slice(112, 115))) await addToCartLib(db, guest, v.id, 2); // 4 new items, room for 1
    await mergeGuestCart(db, guest, user.id);
    const lines = await db.execute<{ variant_id: string; quantity: number }>(sql`select variant_id, quantity from cart_items where cart_id = ${userCart}`);
    expect(lines).toHaveLength(50);
    expect(lines.find((l) => l.variant_id === items[0]!.id)?.quantity).toBe(20);
    expect(Math.max(...lines.map((l) => l.quantity))).toBeLessThanOrEqual(20);
  });
});

describe('personal API answers are never stored by a cache', () => {
  const noStore = (headers: Headers) => expect(headers.get('cache-control') ?? '(none)').toMatch(/no-store/);

  it('every answer to a request with credentials, the token, errors, and /api/session', async () => {
    const email = `nostore-${uniq()}@example.com`;
    const signUp = await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email, password: 'a-long-enough-passphrase' } });
    expect(signUp.status).toBe(201);
    noStore(signUp.headers);
    const token = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email, password: 'a-long-enough-passphrase' } });
    expect(token.status).toBe(201);
    noStore(token.headers);
    const badPassword = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email, password: 'a-wrong-passphrase!' } });
    expect(badPassword.status).toBe(401);
    noStore(badPassword.headers);
    const key = token.body.token as string;

    const me = await call(userRoute.GET, 'GET', '/api/v1/users/me', { key, params: { user_id: 'me' } });
    expect(me.status).toBe(200);
    noStore(me.headers);
    const v = freshVariant();
    const placed = await order(key, { items: [{ item_id: v.id, quantity: 1 }], shipping_address: { name: 'Sam', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' } });
    expect(placed.status).toBe(201);
    noStore(placed.headers);
    const one = await call(orderRoute.GET, 'GET', `/api/v1/orders/${placed.body.order_id}`, { key, params: { order_id: placed.body.order_id } });
    expect(one.body.shipping_address).toMatchObject({ line1: '1 Main St' });
    noStore(one.headers);
    noStore((await call(ordersRoute.GET, 'GET', '/api/v1/orders', { key })).headers);
    noStore((await call(cartRoute.GET, 'GET', '/api/v1/users/me/cart', { key, params: { user_id: 'me' } })).headers);
    const someoneElses = await call(orderRoute.GET, 'GET', `/api/v1/orders/${placed.body.order_id}`, { key: 'sw_test_shopper_demo', params: { order_id: placed.body.order_id } });
    expect(someoneElses.status).toBe(404);
    noStore(someoneElses.headers);
    const unknownKey = await call(userRoute.GET, 'GET', '/api/v1/users/me', { key: 'sw_nope', params: { user_id: 'me' } });
    expect(unknownKey.status).toBe(401);
    noStore(unknownKey.headers);
    // Even a public document, when the request carries credentials.
    noStore((await call(openapiRoute.GET, 'GET', '/api/v1/openapi.json', { key })).headers);

    scope.user = { id: signUp.body.user_id, email, name: null, role: 'customer' };
    const session = await sessionRoute.GET();
    expect((await session.json()).user).toMatchObject({ email });
    noStore(session.headers);
    scope.user = null;
  });
});

describe('webhook timestamps', () => {
  const stripe = new Stripe('sk_test_security_suite');
  const signedAt = (payload: string, secondsFromNow: number) =>
    stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: Math.floor(Date.now() / 1000) + secondsFromNow });

  async function pendingOrder() {
    const { key } = await newCustomer();
    const v = freshVariant();
    const placed = await order(key, { items: [{ item_id: v.id, quantity: 1 }] });
    expect(placed.status).toBe(201);
    const payload = simulatedPaymentEvent({ orderId: placed.body.order_id, paymentIntentId: `pi_${uniq()}`, amountCents: placed.body.total_cents, currency: 'USD', outcome: 'succeeded' });
    return { orderId: placed.body.order_id as string, payload, eventId: JSON.parse(payload).id as string };
  }
  const status = async (orderId: string) => (await db.select({ s: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.s;
  const recorded = async (eventId: string) => (await db.select().from(webhookEvents).where(eq(webhookEvents.eventId, eventId))).length;

  it('a validly signed event stamped 10 minutes in the future: 400, nothing recorded, the order untouched', async () => {
    const { orderId, payload, eventId } = await pendingOrder();
    const result = await handlePaymentWebhook(db, payload, signedAt(payload, 600), SECRET);
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toMatch(/future/i);
    expect(await recorded(eventId)).toBe(0);
    expect(await status(orderId)).toBe('pending_payment');
  });

  it('a signature whose t= is not a number (which the library never ages) is refused', async () => {
    const { orderId, payload, eventId } = await pendingOrder();
    const header = `t=soon,v1=${createHmac('sha256', SECRET).update(`NaN.${payload}`).digest('hex')}`;
    expect((await handlePaymentWebhook(db, payload, header, SECRET)).status).toBe(400);
    expect(await recorded(eventId)).toBe(0);
    expect(await status(orderId)).toBe('pending_payment');
  });

  it('one stamped 30 s in the future (clock skew) is accepted; one 10 minutes old is refused (Stripe’s own rule)', async () => {
    const late = await pendingOrder();
    expect((await handlePaymentWebhook(db, late.payload, signedAt(late.payload, -600), SECRET)).status).toBe(400);
    expect(await recorded(late.eventId)).toBe(0);
    const skewed = await pendingOrder();
    const result = await handlePaymentWebhook(db, skewed.payload, signedAt(skewed.payload, 30), SECRET);
    expect(result.status).toBe(200);
    expect(await status(skewed.orderId)).toBe('confirmed');
    expect(await recorded(skewed.eventId)).toBe(1);
  });
});
