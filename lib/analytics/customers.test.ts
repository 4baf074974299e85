import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { orders } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { customerOrders, customerStats, listCustomers } from './customers';

const db = getDb();
const merchantId = await userIdByEmail(db, 'merchant@example.com');
const merchant = { userId: merchantId, role: 'merchant' as const };
const pool = await variantsWithStock(db, 30, 1_000_000, 10);
const stamp = Date.now().toString(36);

async function order(user: { id: string; email: string }, variantIndex: number, statuses: ('confirmed' | 'processing' | 'cancelled')[]) {
  const { orderId } = await placeOrder(db, { userId: user.id, email: user.email, lines: [{ variantId: pool[variantIndex]!.id, quantity: 1 }] });
  for (const status of statuses) await updateOrderStatus(db, orderId, { status }, merchant);
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId));
  return row!;
}

const big = await createUser(db, { email: `ltv-big-${stamp}@example.com`, password: 'long-enough-pw', name: 'Bea Bigspender' });
const small = await createUser(db, { email: `ltv-small-${stamp}@example.com`, password: 'long-enough-pw', name: 'Sam Small' });
const none = await createUser(db, { email: `ltv-none-${stamp}@example.com`, password: 'long-enough-pw' });
const paid1 = await order(big, 0, ['confirmed']);
const paid2 = await order(big, 1, ['confirmed', 'processing']);
await order(big, 2, []); // unpaid: not in the value
await order(big, 3, ['confirmed', 'cancelled']); // cancelled (refunded): not in the value
const smallPaid = await order(small, 4, ['confirmed']);

describe('customers', () => {
  it('counts orders and sums the totals of paid orders only as the lifetime value', async () => {
    const stats = (await customerStats(db, big.id))!;
    expect(stats).toMatchObject({ email: big.email, name: 'Bea Bigspender', orderCount: 4, paidOrderCount: 2, currency: 'USD' });
    expect(stats.lifetimeValueCents).toBe(paid1.totalCents + paid2.totalCents);
    expect(stats.lastOrderAt).toBeInstanceOf(Date);
    expect(await customerStats(db, none.id)).toMatchObject({ orderCount: 0, paidOrderCount: 0, lifetimeValueCents: 0, lastOrderAt: null });
    expect(await customerStats(db, 'nope')).toBeNull();
    expect(await customerStats(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('searches by email or name, case-insensitively, and sorts', async () => {
    const byEmail = await listCustomers(db, { search: `LTV-BIG-${stamp}` });
    expect(byEmail.customers.map((c) => c.id)).toEqual([big.id]);
    const byName = await listCustomers(db, { search: 'sam smal' });
    expect(byName.customers.map((c) => c.id)).toContain(small.id);
    const mine = await listCustomers(db, { search: stamp, sort: 'value' });
    expect(mine.customers.map((c) => c.id)).toEqual([big.id, small.id, none.id]);
    expect(mine.total).toBe(3);
    expect(mine.customers[1]!.lifetimeValueCents).toBe(smallPaid.totalCents);
    const byOrders = await listCustomers(db, { search: stamp, sort: 'orders' });
    expect(byOrders.customers[0]!.id).toBe(big.id);
    const byRecent = await listCustomers(db, { search: stamp, sort: 'recent' });
    expect(byRecent.customers.map((c) => c.id)).toEqual([small.id, big.id, none.id]);
    expect((await listCustomers(db, { search: '%' })).total).toBe(0);
  });

  it('lists only customers, paginated, and refuses bad parameters with 400', async () => {
    const page = await listCustomers(db, { limit: 2, page: 1 });
    expect(page.customers).toHaveLength(2);
    expect(page.pageCount).toBe(Math.ceil(page.total / 2));
    const everyone = await listCustomers(db, { limit: 100 });
    expect(everyone.customers.map((c) => c.email)).not.toContain('merchant@example.com');
    await expect(listCustomers(db, { sort: 'loudest' })).rejects.toMatchObject({ status: 400, details: { fields: { sort: expect.any(String) } } });
    await expect(listCustomers(db, { page: 0 })).rejects.toMatchObject({ status: 400 });
  });

  it('lists a customer’s orders, newest first', async () => {
    const list = await customerOrders(db, big.id, { page: 1, limit: 3 });
    expect(list.total).toBe(4);
    expect(list.orders).toHaveLength(3);
    expect(list.pageCount).toBe(2);
    expect(list.orders.every((o) => o.userId === big.id)).toBe(true);
    expect(list.orders[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(list.orders[1]!.createdAt.getTime());
  });
});
