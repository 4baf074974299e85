/** The whole path through the real job runner: order events → notifications → mail → SMTP, with a retry. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import { mailMessages, notifications } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import { simulatedPaymentEvent } from '@/lib/payments/simulated-provider';
import { signPayload } from '@/lib/payments/stripe-events';
import { handlePaymentWebhook } from '@/lib/payments/webhook';
import { variantsWithStock } from '@/test/fixtures';
import { queuedJobs } from '@/test/jobs';
import { headerOf, startSmtpServer } from '@/test/smtp-server';
import { setExactStock } from '@/test/stock';
import { startWorker } from '@/worker';
import { MAIL_TASK } from './config';
import { staffUserIds } from './deliver';
import { notificationsSubscriber } from './subscriber';

const SECRET = 'whsec_notifications_worker_test';
const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 10 });
afterAll(() => client.end());

async function until<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('notifications through the real job runner', () => {
  it('a paid order: one notification per recipient, its mails sent through SMTP (retried after a failure), nothing doubled by a rerun', async () => {
    const smtp = await startSmtpServer({ user: 'shop', password: 'secret' });
    // The app's revalidation endpoint, which the stock-label consumer calls over HTTP.
    const app = http.createServer((_request, response) => response.writeHead(200).end('{}'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    process.env.STOCKWISE_APP_URL = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    process.env.SMTP_URL = smtp.url;
    // The first mail is answered "try again later": graphile-worker must retry it.
    smtp.failNext(1);
    const runner = await startWorker({ connectionString: process.env.DATABASE_URL!, concurrency: 2, pollInterval: 100 });
    try {
      const customer = await createUser(db, { email: `notify-worker-${Date.now()}@example.com`, password: 'long-enough-pw', name: 'Sam' });
      const [variant] = await variantsWithStock(db, 30, 1_000_000, 1);
      await setExactStock(db, variant!.id, [10]);
      const { orderId } = await placeOrder(db, { userId: customer.id, email: customer.email, lines: [{ variantId: variant!.id, quantity: 1 }] });
      const [order] = await db.execute<{ number: number; total_cents: number }>(sql`select number, total_cents from orders where id = ${orderId}`);
      const event = JSON.parse(simulatedPaymentEvent({ orderId, paymentIntentId: 'pi_notify_worker', amountCents: order!.total_cents, currency: 'USD', outcome: 'succeeded' }));
      const payload = JSON.stringify(event);
      expect((await handlePaymentWebhook(db, payload, signPayload(payload, SECRET), SECRET)).status).toBe(200);

      const mails = await until(
        'both mails sent',
        () => db.select().from(mailMessages).where(eq(mailMessages.userId, customer.id)),
        (rows) => rows.length === 2 && rows.every((m) => m.status === 'sent'),
        30_000,
      );
      expect(mails.map((m) => m.subject).sort()).toEqual([`Order #${order!.number} is paid and confirmed`, `We received order #${order!.number}`].sort());
      expect(smtp.received.filter((m) => m.to.includes(customer.email))).toHaveLength(2);
      expect(smtp.received.map((m) => headerOf(m.raw, 'From'))).toContain('Stockwise <shop@localhost>');
      // One of them was refused once (451) and only got through on graphile-worker's retry; no send-mail job is left.
      expect((await queuedJobs(db)).filter((j) => j.task === MAIL_TASK)).toHaveLength(0);

      const rows = await db.select().from(notifications).where(sql`${notifications.data}->>'orderId' = ${orderId}`);
      const staff = await staffUserIds(db);
      expect(rows.filter((r) => r.userId === customer.id).map((r) => r.type).sort()).toEqual(['order.confirmed', 'order.created']);
      for (const userId of staff) expect(rows.filter((r) => r.userId === userId).map((r) => r.type)).toEqual(['order.confirmed']);

      // The same jobs run again (say, after a crash before graphile-worker recorded them done): nothing new.
      for (const row of rows.filter((r) => r.userId === customer.id)) {
        const eventId = row.dedupeKey!.split(':')[0]!;
        await notificationsSubscriber.run(db, { type: row.type as 'order.confirmed', orderId, userId: customer.id, from: 'pending_payment', reason: 'payment succeeded' }, { eventId });
      }
      expect(await db.select().from(notifications).where(sql`${notifications.data}->>'orderId' = ${orderId}`)).toHaveLength(rows.length);
      expect(await db.select().from(mailMessages).where(eq(mailMessages.userId, customer.id))).toHaveLength(2);
      expect((await queuedJobs(db)).filter((j) => j.task === MAIL_TASK)).toHaveLength(0);
      expect(smtp.received.filter((m) => m.to.includes(customer.email))).toHaveLength(2);
    } finally {
      await runner.stop();
      delete process.env.SMTP_URL;
      delete process.env.STOCKWISE_APP_URL;
      await smtp.close();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  }, 60_000);
});
