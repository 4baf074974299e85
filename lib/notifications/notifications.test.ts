import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { mailMessages, notifications } from '@/db/schema';
import { createUser, findUserByEmail, type AuthUser } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import type { DomainEvent } from '@/lib/events/types';
import { expireOrderIfDue } from '@/lib/orders/expiry';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { simulatedPaymentEvent, type SimulatedOutcome } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { handlePaymentWebhook } from '@/lib/payments/webhook';
import { variantsWithStock } from '@/test/fixtures';
import { queuedJobs } from '@/test/jobs';
import { headerOf, startSmtpServer } from '@/test/smtp-server';
import { setExactStock } from '@/test/stock';
import { MAIL_TASK } from './config';
import { staffUserIds } from './deliver';
import { listNotifications, markRead, unreadCount } from './inbox';
import { listMail, loadMail, mayReadMailbox } from './mailbox';
import { sendQueuedMail } from './send-mail';
import { notificationsSubscriber } from './subscriber';

const SECRET = 'whsec_notifications_test';
const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 10 });
afterAll(() => client.end());

const merchant = (await findUserByEmail(db, 'merchant@example.com'))!;
const staff = await staffUserIds(db);
const pool = await variantsWithStock(db, 30, 1_000_000, 30);
let next = 0;
let customers = 0;

const newCustomer = () =>
  createUser(db, { email: `notify-${Date.now()}-${customers++}@example.com`, password: 'long-enough-pw', name: 'Robin Notified' });

async function newOrder(buyer: AuthUser) {
  const variant = pool[next++]!;
  await setExactStock(db, variant.id, [10]);
  const { orderId } = await placeOrder(db, { userId: buyer.id, email: buyer.email, lines: [{ variantId: variant.id, quantity: 1 }] });
  const [row] = await db.execute<{ number: number; total_cents: number }>(sql`select number, total_cents from orders where id = ${orderId}`);
  return { orderId, number: Number(row!.number), totalCents: row!.total_cents };
}

let webhookEvents = 0;
async function providerSays(order: { orderId: string; totalCents: number }, outcome: SimulatedOutcome) {
  const event = JSON.parse(
    simulatedPaymentEvent({ orderId: order.orderId, paymentIntentId: `pi_${order.orderId.slice(0, 8)}`, amountCents: order.totalCents, currency: 'USD', outcome }),
  );
  event.id = `evt_notify_${webhookEvents++}`;
  const payload = JSON.stringify(event);
  expect((await handlePaymentWebhook(db, payload, signPayload(payload, SECRET), SECRET)).status).toBe(200);
}

type EventJob = DomainEvent & { eventId: string };

/** The domain events the order's transactions queued, as the job runner would get them. */
async function eventsOf(orderId: string): Promise<EventJob[]> {
  return (await queuedJobs(db, { orderId })).filter((j) => j.task === 'domain-event').map((j) => j.payload as EventJob);
}

/** Each event's job, run `times` times (a retry after a crash runs it again with the same eventId). */
async function runJobs(events: EventJob[], times = 2) {
  for (const { eventId, ...event } of events) {
    for (let i = 0; i < times; i++) {
      if (notificationsSubscriber.handles(event as DomainEvent)) await notificationsSubscriber.run(db, event as DomainEvent, { eventId });
    }
  }
}

const notificationsOf = (orderId: string) =>
  db
    .select()
    .from(notifications)
    .where(sql`${notifications.data}->>'orderId' = ${orderId}`)
    .orderBy(notifications.createdAt, notifications.id);

describe('order notifications', () => {
  it('tells the shopper every step, once, and every merchant and admin of the new paid order, however often each job runs', async () => {
    const customer = await newCustomer();
    const order = await newOrder(customer);
    await providerSays(order, 'succeeded');
    for (const status of ['processing', 'shipped', 'delivered', 'refunded'] as const) {
      await updateOrderStatus(db, order.orderId, { status, carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }, { userId: merchant.id, role: 'merchant' });
    }
    const events = await eventsOf(order.orderId);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['order.created', 'order.confirmed', 'order.processing', 'order.shipped', 'order.delivered', 'order.refunded']),
    );
    await runJobs(events, 2);
    await runJobs(events, 1); // and once more, much later

    const rows = await notificationsOf(order.orderId);
    const shopper = rows.filter((r) => r.userId === customer.id);
    expect(shopper.map((r) => r.type)).toEqual(['order.created', 'order.confirmed', 'order.processing', 'order.shipped', 'order.delivered', 'order.refunded']);
    const byType = Object.fromEntries(shopper.map((r) => [r.type, r]));
    expect(byType['order.created']!.message).toBe(`Order #${order.number} received ($${(order.totalCents / 100).toFixed(2)}). It is waiting for payment.`);
    expect(byType['order.confirmed']!.message).toMatch(new RegExp(`^Order #${order.number} is paid and confirmed`));
    expect(byType['order.processing']!.message).toBe(`Order #${order.number} is being packed.`);
    expect(byType['order.shipped']!.message).toBe(`Order #${order.number} has shipped with UPS, tracking number 1Z999AA10123456784.`);
    expect(byType['order.shipped']!.data).toMatchObject({ orderId: order.orderId, orderNumber: order.number, carrier: 'UPS', trackingNumber: '1Z999AA10123456784', href: `/orders/${order.orderId}` });
    expect(byType['order.delivered']!.message).toMatch(/was delivered/);
    expect(byType['order.refunded']!.message).toMatch(/was refunded: \$[\d.]+ is on its way back to you/);
    expect(shopper.every((r) => r.readAt === null && r.dedupeKey?.endsWith(`:${customer.id}`))).toBe(true);

    // Every merchant and admin: one "new paid order", nothing else about this order.
    expect(staff.length).toBeGreaterThanOrEqual(2);
    for (const userId of staff) {
      const theirs = rows.filter((r) => r.userId === userId);
      expect(theirs.map((r) => r.type)).toEqual(['order.confirmed']);
      expect(theirs[0]!.message).toMatch(new RegExp(`^New paid order #${order.number}: \\$[\\d.]+ from ${customer.email}`));
      expect(theirs[0]!.data).toMatchObject({ href: `/admin/orders/${order.orderId}` });
    }
    expect(rows).toHaveLength(6 + staff.length);

    // Each shopper notification has its e-mail, stored (no SMTP configured), in the same transaction.
    const mails = await db.select().from(mailMessages).where(eq(mailMessages.userId, customer.id));
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => m.dedupeKey))).toEqual(new Set(shopper.map((r) => r.dedupeKey)));
    expect(mails.every((m) => m.status === 'stored' && m.to === customer.email && m.sentAt === null)).toBe(true);
    const shipped = mails.find((m) => m.subject === `Order #${order.number} has shipped`)!;
    expect(shipped.text).toContain('Hello Robin Notified,');
    expect(shipped.text).toContain('tracking number 1Z999AA10123456784');
    expect(shipped.text).toMatch(new RegExp(`https?://[^\\s]+/orders/${order.orderId}`));
    expect(shipped.html).toContain(`/orders/${order.orderId}`);
    // Staff are told in the dashboard only; no mail is queued for SMTP.
    expect(await db.select().from(mailMessages).where(sql`${mailMessages.userId} in ${staff}`)).toHaveLength(0);
    expect((await queuedJobs(db)).filter((j) => j.task === MAIL_TASK)).toHaveLength(0);
  });

  it('says why an order ended: expired unpaid, payment failed, cancelled after payment (refund), cancelled by the shopper', async () => {
    const customer = await newCustomer();
    const expired = await newOrder(customer);
    await db.execute(sql`update orders set expires_at = now() - interval '1 second' where id = ${expired.orderId}`);
    expect(await expireOrderIfDue(db, expired.orderId)).toBe(true);
    const failed = await newOrder(customer);
    await providerSays(failed, 'insufficient_funds');
    const paidThenCancelled = await newOrder(customer);
    await providerSays(paidThenCancelled, 'succeeded');
    await updateOrderStatus(db, paidThenCancelled.orderId, { status: 'cancelled' }, { userId: merchant.id, role: 'merchant' });
    const changedMind = await newOrder(customer);
    await updateOrderStatus(db, changedMind.orderId, { status: 'cancelled' }, { userId: customer.id, role: 'customer' });

    for (const order of [expired, failed, paidThenCancelled, changedMind]) await runJobs(await eventsOf(order.orderId), 2);

    const last = async (orderId: string) => (await notificationsOf(orderId)).filter((r) => r.userId === customer.id).at(-1)!;
    expect(await last(expired.orderId)).toMatchObject({
      type: 'order.cancelled',
      message: `Order #${expired.number} expired: it was not paid in time, so its items were released.`,
      data: expect.objectContaining({ expired: true }),
    });
    expect(await last(failed.orderId)).toMatchObject({
      type: 'order.payment_failed',
      message: `Payment for order #${failed.number} did not go through (insufficient funds). Nothing was charged.`,
    });
    expect(await last(paidThenCancelled.orderId)).toMatchObject({
      type: 'order.cancelled',
      message: expect.stringMatching(new RegExp(`^Order #${paidThenCancelled.number} was cancelled\\. Your payment of \\$[\\d.]+ will be refunded\\.$`)),
    });
    expect(await last(changedMind.orderId)).toMatchObject({ type: 'order.cancelled', message: `Order #${changedMind.number} was cancelled.` });
    // created + the ending for each; the paid one also has its confirmation.
    const counts = await db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${customer.id}`);
    expect(counts[0]!.n).toBe(9);
  });
});

describe('staff alerts', () => {
  it('tells every merchant and admin about low and sold-out stock and flagged payments, once per occurrence', async () => {
    const customer = await newCustomer();
    const order = await newOrder(customer);
    const variant = pool[0]!;
    const events: EventJob[] = [
      { type: 'inventory.low', variantId: variant.id, sku: variant.sku, available: 3, threshold: 5, eventId: 'low-1' },
      { type: 'inventory.sold_out', variantId: variant.id, sku: variant.sku, eventId: 'sold-out-1' },
      { type: 'payment.flagged', orderId: order.orderId, paymentId: '00000000-0000-4000-8000-000000000000', reason: 'amount mismatch: paid $1.00, order total $9.99', eventId: 'flag-1' },
    ];
    await runJobs(events, 2);
    // The same kind of event again later is a new occurrence: told again.
    await runJobs([{ ...events[0]!, available: 1, eventId: 'low-2' } as EventJob], 2);

    for (const userId of staff) {
      const rows = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), sql`${notifications.type} in ('inventory.low', 'inventory.sold_out', 'payment.flagged')`))
        .orderBy(notifications.createdAt, notifications.id);
      expect(rows.map((r) => r.type)).toEqual(['inventory.low', 'inventory.sold_out', 'payment.flagged', 'inventory.low']);
      expect(rows[0]!.message).toBe(`Low stock: ${variant.sku} has 3 left (threshold 5).`);
      expect(rows[0]!.data).toMatchObject({ href: `/admin/inventory?q=${encodeURIComponent(variant.sku)}`, variantId: variant.id });
      expect(rows[1]!.message).toBe(`Sold out: ${variant.sku} has nothing left to sell.`);
      expect(rows[2]!.message).toBe(`A payment for order #${order.number} needs a look: amount mismatch: paid $1.00, order total $9.99.`);
      expect(rows[2]!.data).toMatchObject({ href: `/admin/orders/${order.orderId}` });
      expect(rows[3]!.message).toBe(`Low stock: ${variant.sku} has 1 left (threshold 5).`);
    }
    // Shoppers are not told about the shop's stock or payment reviews; staff get no e-mail for them.
    const leaked = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from notifications where type in ('inventory.low', 'inventory.sold_out', 'payment.flagged') and user_id <> all(${`{${staff.join(',')}}`}::uuid[])`);
    expect(leaked[0]!.n).toBe(0);
    expect(await db.select().from(mailMessages).where(sql`${mailMessages.dedupeKey} like 'low-%' or ${mailMessages.dedupeKey} like 'flag-%'`)).toHaveLength(0);
  });

  it('ignores events nobody needs to hear about', () => {
    expect(notificationsSubscriber.handles({ type: 'inventory.changed', variantIds: [] })).toBe(false);
    expect(notificationsSubscriber.handles({ type: 'product.updated', productId: 'x', changes: [] })).toBe(false);
    expect(notificationsSubscriber.handles({ type: 'payment.succeeded', orderId: 'x', paymentId: 'y', amountCents: 1, currency: 'USD' })).toBe(false);
  });
});

describe('mail through SMTP', () => {
  it('with SMTP_URL: the mail is queued with one send-mail job, sent through a real SMTP server, marked sent, never sent twice', async () => {
    const server = await startSmtpServer();
    process.env.SMTP_URL = server.url;
    process.env.MAIL_FROM = 'Shop Test <orders@shop.test>';
    try {
      const customer = await newCustomer();
      const order = await newOrder(customer);
      const events = await eventsOf(order.orderId);
      await runJobs(events, 2);
      const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.userId, customer.id));
      expect(mail).toMatchObject({ status: 'queued', to: customer.email, subject: `We received order #${order.number}` });
      const jobs = (await queuedJobs(db)).filter((j) => j.task === MAIL_TASK && j.payload.mailId === mail!.id);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.key).toBe(`mail:${mail!.id}`);

      // The SMTP server is busy once: the attempt fails, the error is kept, the mail stays queued for the retry.
      server.failNext(1);
      await expect(sendQueuedMail(db, mail!.id, { attempt: { attempts: 1, maxAttempts: 10 } })).rejects.toThrow(/try again later/);
      const [afterFailure] = await db.select().from(mailMessages).where(eq(mailMessages.id, mail!.id));
      expect(afterFailure).toMatchObject({ status: 'queued', error: expect.stringMatching(/try again later/) });

      expect(await sendQueuedMail(db, mail!.id, { attempt: { attempts: 2, maxAttempts: 10 } })).toBe('sent');
      expect(await sendQueuedMail(db, mail!.id)).toBe('skipped');
      const [sent] = await db.select().from(mailMessages).where(eq(mailMessages.id, mail!.id));
      expect(sent).toMatchObject({ status: 'sent', error: null, sentAt: expect.any(Date) });
      expect(server.received).toHaveLength(1);
      const received = server.received[0]!;
      expect(received.to).toEqual([customer.email]);
      expect(received.from).toBe('orders@shop.test');
      expect(headerOf(received.raw, 'Subject')).toBe(`We received order #${order.number}`);
      expect(headerOf(received.raw, 'Message-ID')).toBe(`<${mail!.id}@stockwise.mail>`);
    } finally {
      delete process.env.SMTP_URL;
      delete process.env.MAIL_FROM;
      await server.close();
    }
  });

  it('marks the mail failed when the last attempt fails', async () => {
    const server = await startSmtpServer({ rejectRecipient: () => true });
    process.env.SMTP_URL = server.url;
    try {
      const customer = await newCustomer();
      const order = await newOrder(customer);
      await runJobs(await eventsOf(order.orderId), 1);
      const [mail] = await db.select().from(mailMessages).where(eq(mailMessages.userId, customer.id));
      await expect(sendQueuedMail(db, mail!.id, { attempt: { attempts: 10, maxAttempts: 10 } })).rejects.toThrow();
      const [failed] = await db.select().from(mailMessages).where(eq(mailMessages.id, mail!.id));
      expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/No such mailbox/) });
      expect(await sendQueuedMail(db, mail!.id)).toBe('skipped');
    } finally {
      delete process.env.SMTP_URL;
      await server.close();
    }
  });
});

describe('the inbox', () => {
  it('pages newest first, counts unread, and marks only the owner’s notifications read', async () => {
    const customer = await newCustomer();
    const other = await newCustomer();
    const mine = await newOrder(customer);
    const theirs = await newOrder(other);
    await runJobs([...(await eventsOf(mine.orderId)), ...(await eventsOf(theirs.orderId))], 1);
    await providerSays(mine, 'succeeded');
    await runJobs((await eventsOf(mine.orderId)).filter((e) => e.type === 'order.confirmed'), 1);

    const first = await listNotifications(db, customer.id, { offset: 0, limit: 1 });
    expect(first).toMatchObject({ total: 2, unread: 2 });
    expect(first.items[0]).toMatchObject({ type: 'order.confirmed', href: `/orders/${mine.orderId}`, readAt: null });
    const second = await listNotifications(db, customer.id, { offset: 1, limit: 1 });
    expect(second.items[0]!.type).toBe('order.created');

    const [otherItem] = (await listNotifications(db, other.id, { offset: 0, limit: 10 })).items;
    expect(await markRead(db, customer.id, [otherItem!.id])).toBe(0);
    expect(await unreadCount(db, other.id)).toBe(1);
    expect(await markRead(db, customer.id, [first.items[0]!.id])).toBe(1);
    expect(await unreadCount(db, customer.id)).toBe(1);
    expect(await markRead(db, customer.id)).toBe(1);
    expect(await markRead(db, customer.id)).toBe(0);
    expect(await unreadCount(db, customer.id)).toBe(0);
    expect((await listNotifications(db, customer.id, { offset: 0, limit: 10 })).items.every((i) => i.readAt instanceof Date)).toBe(true);
  });
});

describe('the dev mailbox', () => {
  it('is open to everyone in development, only to staff in production, and lists what was written', async () => {
    expect(mayReadMailbox(null, { NODE_ENV: 'development' })).toBe(true);
    expect(mayReadMailbox({ role: 'customer' }, { NODE_ENV: 'development' })).toBe(true);
    expect(mayReadMailbox(null, { NODE_ENV: 'production' })).toBe(false);
    expect(mayReadMailbox({ role: 'customer' }, { NODE_ENV: 'production' })).toBe(false);
    expect(mayReadMailbox({ role: 'merchant' }, { NODE_ENV: 'production' })).toBe(true);
    expect(mayReadMailbox({ role: 'admin' }, { NODE_ENV: 'production' })).toBe(true);

    const { mails, total } = await listMail(db, { offset: 0, limit: 5 });
    expect(total).toBeGreaterThan(0);
    expect(mails.length).toBeLessThanOrEqual(5);
    const full = await loadMail(db, mails[0]!.id);
    expect(full).toMatchObject({ id: mails[0]!.id, subject: mails[0]!.subject, text: expect.any(String), html: expect.stringContaining('<html>') });
    expect(await loadMail(db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
