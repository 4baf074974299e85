import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { analyticsEvents, orders } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';
import { funnel, salesByDay, topProducts } from './dashboard';
import { flushAnalytics, track } from './recorder';
import { paidAnalytics } from './subscriber';

const db = getDb();

describe('analytics', () => {
  it('buffers events and writes them in one insert', async () => {
    for (let i = 0; i < 5; i++) track({ type: 'product_view', data: { test: 'buffer' } });
    const [before] = await db.select({ n: sql<number>`count(*)::int` }).from(analyticsEvents).where(sql`${analyticsEvents.data}->>'test' = 'buffer'`);
    expect(before!.n).toBe(0); // nothing written on the caller's path
    expect(await flushAnalytics(db)).toBe(5);
    const [after] = await db.select({ n: sql<number>`count(*)::int` }).from(analyticsEvents).where(sql`${analyticsEvents.data}->>'test' = 'buffer'`);
    expect(after!.n).toBe(5);
  });

  it('feeds the overview: sales per day, the funnel and top products; a paid order counts once', async () => {
    const shopper = await userIdByEmail(db, 'shopper@example.com');
    const merchant = await userIdByEmail(db, 'merchant@example.com');
    const [variant] = await variantsWithStock(db, 10, 1_000_000, 1);
    // The demo shop has a paid order history: measure what this order adds to it.
    const unitsOf = async () => (await topProducts(db, 30, 10_000)).find((p) => p.product_id === variant!.productId)?.units ?? 0;
    const [paidBefore, unitsBefore] = [(await funnel(db, 30)).paid, await unitsOf()];
    const { orderId } = await placeOrder(db, { userId: shopper, email: 's@example.com', lines: [{ variantId: variant!.id, quantity: 2 }] });
    await updateOrderStatus(db, orderId, { status: 'confirmed' }, { userId: merchant, role: 'merchant' });
    const event = { type: 'order.confirmed' as const, orderId, userId: shopper, from: 'pending_payment' as const, reason: 'paid' };
    await paidAnalytics.run(db, event, { eventId: 'e1' });
    await paidAnalytics.run(db, event, { eventId: 'e1' }); // a retried job
    const steps = await funnel(db, 30);
    expect(steps.orders).toBeGreaterThanOrEqual(1);
    expect(steps.paid).toBe(paidBefore + 1);
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    const today = (await salesByDay(db, 30)).at(-1)!;
    expect(today.revenueCents).toBeGreaterThanOrEqual(order!.totalCents);
    expect((await salesByDay(db, 7))).toHaveLength(7);
    expect(await unitsOf()).toBe(unitsBefore + 2);
  });
});
