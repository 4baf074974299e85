import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { mailMessages, notifications } from '@/db/schema';
import { call } from '@/test/api';
import { userIdByEmail } from '@/test/fixtures';
import * as sendRoute from './notifications/route';
import * as listRoute from './users/[user_id]/notifications/route';
import * as readRoute from './users/[user_id]/notifications/read/route';

const db = getDb();
const SHOPPER = 'sw_test_shopper_demo';
const MERCHANT = 'sw_test_merchant_demo';
const shopperId = await userIdByEmail(db, 'shopper@example.com');
const merchantId = await userIdByEmail(db, 'merchant@example.com');
const countRows = async () => (await db.execute<{ n: number; m: number }>(sql`select (select count(*) from notifications)::int as n, (select count(*) from mail_messages)::int as m`))[0]!;

const send = (body: unknown, key: string | null = MERCHANT, headers?: Record<string, string>) =>
  call(sendRoute.POST, 'POST', '/api/v1/notifications', { key: key ?? undefined, body, headers });
const list = (userId: string, key: string | undefined, query?: string) =>
  call(listRoute.GET, 'GET', `/api/v1/users/${userId}/notifications`, { key, params: { user_id: userId }, query });
const markRead = (userId: string, key: string | undefined, body: unknown = {}) =>
  call(readRoute.POST, 'POST', `/api/v1/users/${userId}/notifications/read`, { key, params: { user_id: userId }, body });

describe('POST /api/v1/notifications', () => {
  it('a merchant writes to a shopper: 201 the notification, in their inbox and their mailbox', async () => {
    const response = await send({ user_id: shopperId, type: 'promo.note', message: '  Your size is back in stock.  ' });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      notification_id: expect.any(String),
      type: 'promo.note',
      message: 'Your size is back in stock.',
      data: { manual: true },
      read: false,
      read_at: null,
      created_at: expect.any(String),
    });
    const [row] = await db.select().from(notifications).where(eq(notifications.id, response.body.notification_id));
    expect(row).toMatchObject({ userId: shopperId, type: 'promo.note' });
    const mails = await db.select().from(mailMessages).where(eq(mailMessages.userId, shopperId));
    expect(mails.some((m) => m.to === 'shopper@example.com' && m.text.includes('Your size is back in stock.') && m.status === 'stored')).toBe(true);
  });

  it('replays an Idempotency-Key retry instead of writing twice', async () => {
    const body = { user_id: shopperId, type: 'note', message: 'Once only' };
    const before = await countRows();
    const first = await send(body, MERCHANT, { 'idempotency-key': 'notify-once-1' });
    const again = await send(body, MERCHANT, { 'idempotency-key': 'notify-once-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await countRows()).toEqual({ n: before.n + 1, m: before.m + 1 });
  });

  it('a note to staff is in-app only (no e-mail)', async () => {
    const before = await countRows();
    const response = await send({ user_id: merchantId, type: 'team.note', message: 'Restock shelf B' });
    expect(response.status).toBe(201);
    expect(await countRows()).toEqual({ n: before.n + 1, m: before.m });
  });

  it('401 without credentials, 403 for a shopper, 400 naming the field for bad input — and nothing is written', async () => {
    const before = await countRows();
    expect((await send({ user_id: shopperId, type: 'x', message: 'hi' }, null)).status).toBe(401);
    const asShopper = await send({ user_id: shopperId, type: 'x', message: 'hi' }, SHOPPER);
    expect(asShopper.status).toBe(403);
    expect(asShopper.body.error.code).toBe('forbidden');

    const cases: [unknown, string][] = [
      [{ type: 'x', message: 'hi' }, 'user_id'],
      [{ user_id: 'not-a-uuid', type: 'x', message: 'hi' }, 'user_id'],
      [{ user_id: '00000000-0000-4000-8000-000000000000', type: 'x', message: 'hi' }, 'user_id'],
      [{ user_id: shopperId, type: 'Has Spaces', message: 'hi' }, 'type'],
      [{ user_id: shopperId, message: 'hi' }, 'type'],
      [{ user_id: shopperId, type: 'x', message: '   ' }, 'message'],
      [{ user_id: shopperId, type: 'x', message: 'x'.repeat(1001) }, 'message'],
      [{ user_id: shopperId, type: 'x', message: 'hi', extra: true }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const response = await send(body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.body.error.code).toBe('invalid_request');
      expect(Object.keys(response.body.error.details.fields)).toContain(field);
    }
    const notJson = await call(sendRoute.POST, 'POST', '/api/v1/notifications', { key: MERCHANT, rawBody: '{"user_id":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(await countRows()).toEqual(before);
  });
});

describe('GET /api/v1/users/{user_id}/notifications and marking read', () => {
  it('the owner (or "me") pages through their own, newest first; anyone else’s answers 404', async () => {
    for (let i = 0; i < 3; i++) expect((await send({ user_id: shopperId, type: 'page.test', message: `Page note ${i}` })).status).toBe(201);

    const page1 = await list('me', SHOPPER, 'limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body).toMatchObject({ page: 1, limit: 2, total: expect.any(Number), unread: expect.any(Number) });
    expect(page1.body.total).toBeGreaterThanOrEqual(5);
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.data[0]).toEqual({
      notification_id: expect.any(String),
      type: 'page.test',
      message: 'Page note 2',
      data: { manual: true },
      read: false,
      read_at: null,
      created_at: expect.any(String),
    });
    expect(page1.body.data[1].message).toBe('Page note 1');
    const page2 = await list(shopperId, SHOPPER, 'limit=2&page=2');
    expect(page2.body.data[0].message).toBe('Page note 0');

    expect((await list(merchantId, SHOPPER)).status).toBe(404);
    expect((await list(shopperId, MERCHANT)).status).toBe(404); // merchants too: an inbox is its owner's
    expect((await list('not-a-uuid', SHOPPER)).status).toBe(400);
    expect((await list('me', undefined)).status).toBe(401);
    const badLimit = await list('me', SHOPPER, 'limit=500');
    expect(badLimit.status).toBe(400);
    expect(Object.keys(badLimit.body.error.details.fields)).toEqual(['limit']);
  });

  it('marks some or all read; others’ ids are ignored; bad ids are 400 and change nothing', async () => {
    const merchantNote = await send({ user_id: merchantId, type: 'team.note', message: 'Not yours' });
    const { body } = await list('me', SHOPPER, 'limit=100');
    const unread = body.data.filter((n: { read: boolean }) => !n.read);
    expect(unread.length).toBeGreaterThanOrEqual(2);

    const bad = await markRead('me', SHOPPER, { notification_ids: ['nope'] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(['notification_ids.0']);
    expect((await markRead(merchantId, SHOPPER)).status).toBe(404);
    expect((await markRead('me', undefined)).status).toBe(401);

    const one = await markRead('me', SHOPPER, { notification_ids: [unread[0].notification_id, merchantNote.body.notification_id] });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ updated: 1, unread: body.unread - 1 });
    const [merchantRow] = await db.select().from(notifications).where(eq(notifications.id, merchantNote.body.notification_id));
    expect(merchantRow!.readAt).toBeNull();

    const all = await markRead('me', SHOPPER);
    expect(all.body).toEqual({ updated: body.unread - 1, unread: 0 });
    expect((await markRead('me', SHOPPER)).body).toEqual({ updated: 0, unread: 0 });
    const after = await list('me', SHOPPER, 'limit=100');
    expect(after.body.data.every((n: { read: boolean; read_at: string | null }) => n.read && n.read_at)).toBe(true);
  });
});
