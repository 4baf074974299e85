import { getViewConfig } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '@/db/client';
import * as archiveViews from '@/db/schema/archive';
import { customerOrders, customerStats, listCustomers } from '@/lib/analytics/customers';
import { createUser, findUserByEmail } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import { call } from '@/test/api';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock } from '@/test/stock';
import * as tokenRoute from '@/app/api/v1/auth/token/route';
import * as ordersRoute from '@/app/api/v1/orders/route';
import * as orderRoute from '@/app/api/v1/orders/[order_id]/route';
import { crontab, taskList } from '@/worker/tasks';
import { applyBulkOrderAction, applyOrderAction, listAdminOrders, loadAdminOrder, orderStatusCounts } from './admin-orders';
import { ARCHIVE_TASK, archiveAfterDays, archiveOldOrders } from './archive';
import type { OrderStatus } from './status';
import { transitionOrder } from './transition';
import { updateOrderStatus } from './update-status';
import { listOrders, loadOrder } from './view';

const { db, sql: client } = connect(process.env.DATABASE_URL!, { max: 12 });
afterAll(() => client.end());

const TABLES = ['orders', 'order_items', 'reservations', 'payments', 'refunds', 'order_events', 'shipments'] as const;
const CUT_OFF_DAYS = 900;
const PASSWORD = 'long-enough-pw';

const merchant = (await findUserByEmail(db, 'merchant@example.com'))!;
const merchantReq = { userId: merchant.id, role: merchant.role };
const customer = await createUser(db, { email: `archive-${Date.now()}@example.com`, password: PASSWORD, name: 'Ada Archive' });
const customerReq = { userId: customer.id, role: customer.role };
const customerKey = (await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: customer.email, password: PASSWORD } })).body.token as string;
const SHOPPER_KEY = 'sw_test_shopper_demo';
const MERCHANT_KEY = 'sw_test_merchant_demo';

const variants = await variantsWithStock(db, 30, 1_000_000, 6);
for (const v of variants) await setExactStock(db, v.id, [5_000]);
let nextVariant = 0;

const WALK: OrderStatus[] = ['confirmed', 'processing', 'shipped', 'delivered', 'refunded'];

/** A fresh order of the test customer, moved to `status` the way the shop would. */
async function orderIn(status: OrderStatus, options: { paid?: boolean; refundSettled?: boolean; userId?: string } = {}): Promise<string> {
  const variant = variants[nextVariant++ % variants.length]!;
  const { orderId } = await placeOrder(db, {
    userId: options.userId ?? customer.id,
    email: customer.email,
    lines: [{ variantId: variant.id, quantity: 1 + (nextVariant % 3) }],
    shippingAddress: { name: 'Ada', line1: '1 Old Road', city: 'Springfield', postalCode: '12345', country: 'US' },
  });
  const pay = () => client`update payments set status = 'succeeded', provider_payment_id = ${`pi_${orderId}`} where order_id = ${orderId}`;
  if (status === 'payment_failed') {
    await transitionOrder(db, orderId, 'payment_failed', { actor: { kind: 'provider' }, reason: 'payment failed: card_declined' });
  } else if (status === 'cancelled') {
    if (options.paid) {
      await pay();
      await updateOrderStatus(db, orderId, { status: 'confirmed' }, merchantReq);
    }
    await updateOrderStatus(db, orderId, { status: 'cancelled' }, customerReq);
  } else if (status !== 'pending_payment') {
    await pay();
    for (const step of WALK.slice(0, WALK.indexOf(status) + 1)) {
      await updateOrderStatus(db, orderId, { status: step, carrier: 'DHL', trackingNumber: `JD-${orderId.slice(0, 8)}` }, merchantReq);
    }
  }
  if (options.refundSettled) await client`update refunds set status = 'succeeded', provider_refund_id = ${`re_${orderId}`} where order_id = ${orderId}`;
  return orderId;
}

let ageStep = 0;
/** Puts the order's last change `days` ago (and its placing a little before that). */
async function age(orderId: string, days: number): Promise<void> {
  ageStep++;
  await client`
    update orders set updated_at = now() - make_interval(days => ${days}),
                      created_at = now() - make_interval(days => ${days + 3}) - make_interval(mins => ${ageStep})
    where id = ${orderId}`;
}

type Rows = Record<(typeof TABLES)[number], { orderId: string; row: string }[]>;
/** Every row of the seven order tables, as PostgreSQL's own text of the row. */
async function snapshot(schema: 'public' | 'archive'): Promise<Rows> {
  const out = {} as Rows;
  for (const table of TABLES) {
    const key = table === 'orders' ? 'id' : 'order_id';
    const rows = await client.unsafe<{ orderId: string; row: string }[]>(`select ${key}::text as "orderId", x::text as row from ${schema}.${table} x`);
    out[table] = [...rows].sort((a, b) => a.row.localeCompare(b.row));
  }
  return out;
}
const only = (rows: Rows, keep: (orderId: string) => boolean) =>
  Object.fromEntries(TABLES.map((t) => [t, rows[t].filter((r) => keep(r.orderId))])) as Rows;

/** A digest of every other table of the shop, to show the job touched nothing else. */
async function otherTables(): Promise<Record<string, string>> {
  const tables = await client<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> all(${TABLES as unknown as string[]}) order by 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await client.unsafe<{ digest: string }[]>(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from public."${name}" x`);
    out[name] = row!.digest;
  }
  return out;
}

async function eligibleNow(days: number): Promise<string[]> {
  const rows = await client<{ id: string }[]>`
    select o.id::text from orders o
    where o.status in ('delivered', 'cancelled', 'refunded') and o.updated_at < now() - make_interval(days => ${days})
      and not exists (select 1 from reservations r where r.order_id = o.id and r.status = 'active')
      and not exists (select 1 from refunds f where f.order_id = o.id and f.status = 'pending')`;
  return rows.map((r) => r.id).sort();
}

const errorOf = (run: () => Promise<unknown>) => run().then(() => 'ok', (e: { code?: string; status?: number }) => `${e.status ?? ''} ${e.code ?? String(e)}`.trim());

// ---------------------------------------------------------------------------

describe('the archive schema', () => {
  it('mirrors every live order table column for column, and each all_* view reads both', async () => {
    const columns = (schema: string, table: string) => client<{ c: string }[]>`
      select column_name || ' ' || udt_name || ' ' || is_nullable as c from information_schema.columns
      where table_schema = ${schema} and table_name = ${table} order by ordinal_position`.then((rows) => rows.map((r) => r.c));
    for (const table of TABLES) {
      const live = await columns('public', table);
      expect(live.length).toBeGreaterThan(3);
      expect(await columns('archive', table), table).toEqual(live);
      const view = (await columns('public', `all_${table}`)).map((c) => c.split(' ').slice(0, 2).join(' '));
      const expected = live.map((c) => c.split(' ').slice(0, 2).join(' '));
      expect(view, `all_${table}`).toEqual(table === 'orders' ? [...expected, 'archived bool'] : expected);
    }
  });

  it('declares the views in Drizzle with exactly the database’s columns', async () => {
    for (const view of Object.values(archiveViews)) {
      const config = getViewConfig(view);
      const declared = Object.values(config.selectedFields).map((f) => (f as { name: string }).name);
      const actual = (
        await client<{ c: string }[]>`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${config.name} order by ordinal_position`
      ).map((r) => r.c);
      expect(declared, config.name).toEqual(actual);
    }
  });

  it('knows every table that points at an order (a new one must be archived too)', async () => {
    const rows = await client<{ t: string }[]>`
      select conrelid::regclass::text as t from pg_constraint where contype = 'f' and confrelid = 'public.orders'::regclass order by 1`;
    expect(rows.map((r) => r.t).sort()).toEqual(TABLES.filter((t) => t !== 'orders').sort());
  });
});

describe('configuration and the job', () => {
  it('reads STOCKWISE_ARCHIVE_AFTER_DAYS (default 365) and refuses nonsense', () => {
    expect(archiveAfterDays({})).toBe(365);
    expect(archiveAfterDays({ STOCKWISE_ARCHIVE_AFTER_DAYS: ' 30 ' })).toBe(30);
    expect(archiveAfterDays({ STOCKWISE_ARCHIVE_AFTER_DAYS: '0' })).toBe(0);
    for (const bad of ['-1', '1.5', 'a year']) expect(() => archiveAfterDays({ STOCKWISE_ARCHIVE_AFTER_DAYS: bad })).toThrow(/whole number/);
  });

  it('is a worker task with a daily cron entry', () => {
    expect(taskList[ARCHIVE_TASK]).toBeTypeOf('function');
    expect(crontab).toContain(`0 3 * * * ${ARCHIVE_TASK} `);
  });
});

describe('archiving old final orders', () => {
  it('moves exactly the old delivered, cancelled and refunded orders with all their rows; reads see them as before; a second run moves nothing', async () => {
    const old = 1_000;
    const cases: { name: string; id: string; moves: boolean }[] = [];
    const add = async (name: string, status: OrderStatus, days: number | null, moves: boolean, options: Parameters<typeof orderIn>[1] = {}) => {
      const id = await orderIn(status, options);
      if (days !== null) await age(id, days);
      cases.push({ name, id, moves });
    };
    for (const status of ['pending_payment', 'confirmed', 'processing', 'shipped', 'payment_failed'] as const) {
      await add(`old ${status}`, status, old, false);
      await add(`new ${status}`, status, null, false);
    }
    await add('old delivered', 'delivered', old, true);
    await add('old delivered 2', 'delivered', old + 40, true);
    await add('new delivered', 'delivered', 10, false);
    await add('delivered just inside the cut-off', 'delivered', CUT_OFF_DAYS - 1, false);
    await add('old cancelled unpaid', 'cancelled', old, true);
    await add('new cancelled unpaid', 'cancelled', null, false);
    await add('old cancelled paid, refund settled', 'cancelled', old, true, { paid: true, refundSettled: true });
    await add('old cancelled paid, refund pending', 'cancelled', old, false, { paid: true });
    await add('old refunded, refund settled', 'refunded', old, true, { refundSettled: true });
    await add('new refunded, refund settled', 'refunded', 5, false, { refundSettled: true });
    await add('old refunded, refund pending', 'refunded', old, false);

    const expected = cases.filter((c) => c.moves).map((c) => c.id);
    const eligible = await eligibleNow(CUT_OFF_DAYS);
    for (const c of cases) expect(eligible.includes(c.id), c.name).toBe(c.moves);

    const delivered = cases.find((c) => c.name === 'old delivered')!.id;
    const [{ day } = { day: '' }] = await client<{ day: string }[]>`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day from orders where id = ${delivered}`;
    const refunded = cases.find((c) => c.name === 'old refunded, refund settled')!.id;
    const cancelled = cases.find((c) => c.name === 'old cancelled unpaid')!.id;
    const reads = async () => ({
      details: await Promise.all(expected.map((id) => loadOrder(db, id))),
      admin: await Promise.all([delivered, refunded, cancelled].map((id) => loadAdminOrder(db, id))),
      pages: await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((page) => listOrders(db, { userId: customer.id, offset: (page - 1) * 3, limit: 3 }))),
      deliveredOnly: await listOrders(db, { userId: customer.id, status: 'delivered', offset: 0, limit: 100 }),
      adminPages: await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((page) => listAdminOrders(db, { customer: customer.email, page, limit: 4 }))),
      adminDelivered: await listAdminOrders(db, { customer: 'ada archive', status: 'delivered' }),
      adminByDay: await listAdminOrders(db, { customer: customer.email, from: day, to: day }),
      adminByNumber: await listAdminOrders(db, { customer: `#${(await loadOrder(db, delivered))!.number}` }),
      counts: await orderStatusCounts(db),
      stats: await customerStats(db, customer.id),
      customers: (await listCustomers(db, { search: customer.email })).customers,
      customerOrders: await customerOrders(db, customer.id, { page: 2, limit: 5 }),
      rest: (await call(orderRoute.GET, 'GET', `/api/v1/orders/${delivered}`, { key: customerKey, params: { order_id: delivered } })).body,
      restList: (await call(ordersRoute.GET, 'GET', '/api/v1/orders', { key: customerKey, query: 'page=2&limit=4' })).body,
      restMerchant: (await call(ordersRoute.GET, 'GET', '/api/v1/orders', { key: MERCHANT_KEY, query: 'status=refunded&limit=100' })).body,
    });

    const before = await reads();
    const liveBefore = await snapshot('public');
    const archiveBefore = await snapshot('archive');
    const othersBefore = await otherTables();
    expect(TABLES.every((t) => archiveBefore[t].length === 0)).toBe(true);

    const result = await archiveOldOrders(db, { olderThanDays: CUT_OFF_DAYS, batchSize: 2 });

    expect([...result.orderIds].sort()).toEqual(eligible);
    expect(new Set(result.orderIds).size).toBe(result.orderIds.length);
    expect(result.batches).toBeGreaterThanOrEqual(Math.ceil(eligible.length / 2));
    const moved = new Set(result.orderIds);
    const liveAfter = await snapshot('public');
    const archiveAfter = await snapshot('archive');
    // The archive holds exactly the moved rows, byte for byte; the live tables lost exactly those.
    expect(archiveAfter).toEqual(only(liveBefore, (id) => moved.has(id)));
    expect(liveAfter).toEqual(only(liveBefore, (id) => !moved.has(id)));
    for (const table of TABLES) {
      expect(result.rows[table], table).toBe(archiveAfter[table].length);
      expect(archiveAfter[table].length, `${table} moved`).toBeGreaterThan(0);
    }
    expect(await otherTables()).toEqual(othersBefore);

    // Reads answer as before, with the orders marked archived.
    const after = await reads();
    const mark = <T extends { id: string; archived: boolean }>(x: T) => ({ ...x, archived: moved.has(x.id) ? true : x.archived });
    expect(before.details.every((d) => d && !d.archived)).toBe(true);
    expect(after.details).toEqual(before.details.map((d) => mark(d!)));
    expect(after.admin).toEqual(before.admin.map((d) => ({ ...mark(d!), allowedActions: [] })));
    expect(before.admin[0]!.allowedActions).toEqual(['refund']);
    expect(after.pages).toEqual(before.pages.map((p) => ({ ...p, orders: p.orders.map(mark) })));
    expect(after.pages[0]!.total).toBe(cases.length);
    expect(after.pages.flatMap((p) => p.orders).map((o) => o.id).sort()).toEqual(cases.map((c) => c.id).sort());
    expect(after.deliveredOnly).toEqual({ ...before.deliveredOnly, orders: before.deliveredOnly.orders.map(mark) });
    expect(after.deliveredOnly.orders.filter((o) => o.archived).map((o) => o.id).sort()).toEqual(
      cases.filter((c) => c.moves && c.name.includes('delivered')).map((c) => c.id).sort(),
    );
    for (const key of ['adminPages'] as const) expect(after[key]).toEqual(before[key].map((p) => ({ ...p, orders: p.orders.map(mark) })));
    for (const key of ['adminDelivered', 'adminByDay', 'adminByNumber'] as const) {
      expect(after[key]).toEqual({ ...before[key], orders: before[key].orders.map(mark) });
    }
    expect(after.adminByNumber.orders.map((o) => o.id)).toEqual([delivered]);
    expect(after.adminByDay.orders.map((o) => o.id)).toContain(delivered);
    expect(after.counts).toEqual(before.counts);
    expect(after.stats).toEqual(before.stats);
    expect(after.stats!.orderCount).toBe(cases.length);
    expect(after.customers).toEqual(before.customers);
    expect(after.customerOrders).toEqual({ ...before.customerOrders, orders: before.customerOrders.orders.map(mark) });
    expect(after.rest).toEqual({ ...before.rest, archived: true });
    expect(after.restList).toEqual({ ...before.restList, data: before.restList.data.map((o: { order_id: string; archived: boolean }) => ({ ...o, archived: moved.has(o.order_id) })) });
    expect(after.restMerchant.total).toBe(before.restMerchant.total);
    const lastPage = Math.ceil(after.restMerchant.total / 100);
    const oldest = await call(ordersRoute.GET, 'GET', '/api/v1/orders', { key: MERCHANT_KEY, query: `status=refunded&limit=100&page=${lastPage}` });
    expect(oldest.body.data.map((o: { order_id: string }) => o.order_id)).toContain(refunded);

    // Nothing is left to move.
    const again = await archiveOldOrders(db, { olderThanDays: CUT_OFF_DAYS });
    expect(again).toEqual({ orderIds: [], rows: { orders: 0, refunds: 0, payments: 0, order_items: 0, reservations: 0, order_events: 0, shipments: 0 }, batches: 0 });
    expect(await snapshot('archive')).toEqual(archiveAfter);
    expect(await snapshot('public')).toEqual(liveAfter);
  });

  it('keeps order numbers unique: new orders continue after the archived ones', async () => {
    const id = await orderIn('pending_payment');
    const [row] = await client<{ number: number; top: number; clash: number }[]>`
      select (select number from orders where id = ${id})::int as number,
             (select max(number) from archive.orders)::int as top,
             (select count(*) from orders o join archive.orders a on a.number = o.number or a.id = o.id)::int as clash`;
    expect(row!.top).toBeGreaterThan(0);
    expect(row!.number).toBeGreaterThan(row!.top);
    expect(row!.clash).toBe(0);
  });
});

describe('archived orders are read-only', () => {
  it('answers 409 archived to every change (REST, dashboard, state machine), and changes nothing', async () => {
    const delivered = await orderIn('delivered');
    const cancelled = await orderIn('cancelled');
    await age(delivered, 2_000);
    await age(cancelled, 2_000);
    const { orderIds } = await archiveOldOrders(db, { olderThanDays: 1_500 });
    expect(orderIds.sort()).toEqual([delivered, cancelled].sort());
    const archiveBefore = await snapshot('archive');
    const liveBefore = await snapshot('public');

    const put = (key: string, id: string, body: unknown) => call(orderRoute.PUT, 'PUT', `/api/v1/orders/${id}`, { key, params: { order_id: id }, body });
    const refused = await put(MERCHANT_KEY, delivered, { status: 'refunded' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'archived', details: { order_id: delivered } });
    expect((await put(MERCHANT_KEY, cancelled, { status: 'confirmed' })).body.error.code).toBe('archived');
    expect((await put(customerKey, delivered, { status: 'cancelled' })).status).toBe(409);
    // Someone else's archived order looks like a missing one.
    expect((await put(SHOPPER_KEY, delivered, { status: 'cancelled' })).status).toBe(404);
    expect((await call(orderRoute.GET, 'GET', `/api/v1/orders/${delivered}`, { key: SHOPPER_KEY, params: { order_id: delivered } })).status).toBe(404);
    expect((await call(orderRoute.GET, 'GET', `/api/v1/orders/${delivered}`, { key: MERCHANT_KEY, params: { order_id: delivered } })).body).toMatchObject({
      order_id: delivered,
      status: 'delivered',
      archived: true,
    });

    expect(await errorOf(() => applyOrderAction(db, merchant, delivered, { type: 'refund' }))).toBe('409 archived');
    expect(await errorOf(() => transitionOrder(db, delivered, 'refunded', { actor: { kind: 'provider' }, reason: 'late refund' }))).toBe('409 archived');
    expect(await errorOf(() => updateOrderStatus(db, cancelled, { status: 'cancelled' }, customerReq))).toBe('409 archived');
    const bulk = await applyBulkOrderAction(db, merchant, { orderIds: [delivered, cancelled], action: 'deliver' });
    expect(bulk.results.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['archived', 'archived']);

    expect(await snapshot('archive')).toEqual(archiveBefore);
    expect(await snapshot('public')).toEqual(liveBefore);
  });
});

describe('concurrent runs', () => {
  it('move each order exactly once, and skip an order someone is changing right now', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const id = await orderIn(i % 3 === 0 ? 'delivered' : 'cancelled');
      await age(id, 3_000);
      ids.push(id);
    }
    const busy = ids[0]!;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = client.begin(async (tx) => {
      await tx`select id from orders where id = ${busy} for update`;
      locked();
      await released;
    });
    await isLocked;

    const [a, b] = await Promise.all([
      archiveOldOrders(db, { olderThanDays: 2_500, batchSize: 3 }),
      archiveOldOrders(db, { olderThanDays: 2_500, batchSize: 3 }),
    ]);
    release();
    await holder;

    const both = [...a.orderIds, ...b.orderIds];
    expect(new Set(both).size).toBe(both.length);
    expect(both.sort()).toEqual(ids.filter((id) => id !== busy).sort());
    const [counts] = await client<{ live: number; archived: number }[]>`
      select (select count(*) from orders where id = any(${ids}::uuid[]))::int as live,
             (select count(*) from archive.orders where id = any(${ids}::uuid[]))::int as archived`;
    expect(counts).toEqual({ live: 1, archived: ids.length - 1 });
    expect(a.rows.order_items + b.rows.order_items).toBe(ids.length - 1);

    // Once the lock is gone, the next run takes it.
    expect((await archiveOldOrders(db, { olderThanDays: 2_500 })).orderIds).toEqual([busy]);
    expect((await loadOrder(db, busy))?.archived).toBe(true);
  });
});
