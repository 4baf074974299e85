/**
 * The dashboard's authorization, table-driven: a shopper (and an anonymous
 * visitor) gets 403/401 from every admin function in lib/ and every admin
 * server action in app/actions, and the database is byte-for-byte unchanged.
 * The server actions are found by listing app/actions/admin-*.ts, so a new
 * action is covered the moment it exists.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import { findUserById, type AuthUser } from '@/lib/auth/users';
import { userIdByEmail, variantsWithStock } from './fixtures';

// The session is the one thing faked: which user the request is from.
const session = vi.hoisted(() => ({ user: null as AuthUser | null }));
vi.mock('@/lib/session/current-user', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

const db = getDb();
let shopper: AuthUser;
let merchant: AuthUser;
let variantId: string;
let warehouseId: string;

/** A digest of every row of every table (and the job queue): equal digests mean nothing changed. */
async function fingerprint(): Promise<string> {
  const tables = await db.execute<{ schema: string; name: string }>(sql`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema in ('public', 'graphile_worker') and table_type = 'BASE TABLE' order by 1, 2`);
  const parts: string[] = [];
  for (const t of tables) {
    const [row] = await db.execute<{ digest: string | null }>(
      sql.raw(`select md5(string_agg(t::text, '|' order by t::text)) as digest from "${t.schema}"."${t.name}" t`),
    );
    parts.push(`${t.schema}.${t.name}:${row?.digest ?? 'empty'}`);
  }
  return parts.join('\n');
}

beforeAll(async () => {
  shopper = (await findUserById(db, await userIdByEmail(db, 'shopper@example.com')))!;
  merchant = (await findUserById(db, await userIdByEmail(db, 'merchant@example.com')))!;
  const [variant] = await variantsWithStock(db, 5);
  variantId = variant!.id;
  const [level] = await db.execute<{ warehouse_id: string }>(sql`select warehouse_id from inventory_levels where variant_id = ${variantId} limit 1`);
  warehouseId = level!.warehouse_id;
});

/** Every admin function in lib/ that changes something, with an input that would succeed for a merchant. */
async function libCases(): Promise<[string, (actor: AuthUser) => Promise<unknown>][]> {
  const inventory = await import('@/lib/inventory/admin-inventory');
  const flash = await import('@/lib/flash/sales');
  return [
    ['inventory.adjustStock', (a) => inventory.adjustStock(db, a, { variantId, warehouseId, quantity: 99, reason: 'count' })],
    ['inventory.receiveFromSupplier', (a) => inventory.receiveFromSupplier(db, a, { variantId, warehouseId, quantity: 5 })],
    ['inventory.setBuckets', (a) => inventory.setBuckets(db, a, { variantId, warehouseId, buckets: 4 })],
    ['inventory.stockTable', (a) => inventory.stockTable(db, a, { offset: 0, limit: 5 })],
    ['flash.scheduleFlashSale', (a) => flash.scheduleFlashSale(db, a, { sku: 'nope', name: 'x', admitPerSecond: 1 })],
  ];
}

async function statusOf(run: () => Promise<unknown>): Promise<number | 'ok'> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

describe('admin functions in lib/', () => {
  it('answer 403 to a shopper and 401 to nobody, changing nothing', async () => {
    const before = await fingerprint();
    const cases = await libCases();
    for (const [name, run] of cases) {
      expect({ name, status: await statusOf(() => run(shopper)) }).toEqual({ name, status: 403 });
      expect({ name, status: await statusOf(() => run(null as unknown as AuthUser)) }).toEqual({ name, status: 401 });
    }
    expect(await fingerprint()).toBe(before);
  });

  it('let a merchant through (so the 403s above are about the role)', async () => {
    for (const [name, run] of await libCases()) {
      const status = await statusOf(() => run(merchant));
      expect({ name, passedTheCheck: status !== 403 && status !== 401 }).toEqual({ name, passedTheCheck: true });
    }
  });
});

type ServerAction = (previous: unknown, form: FormData) => Promise<unknown>;
type Outcome = { ok: boolean; message: string };

/** Runs an action as a form would; a redirect (Next.js throws one) counts as getting through. */
async function submit(action: ServerAction): Promise<Outcome> {
  try {
    const result = (await action(null, plausibleForm())) as Partial<Outcome> | undefined;
    return { ok: result?.ok ?? true, message: result?.message ?? '' };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { ok: true, message: `redirect ${digest}` };
    throw error;
  }
}

/** Every exported function of every app/actions/admin-*.ts module. */
async function adminActions(): Promise<[string, ServerAction][]> {
  const dir = path.resolve(import.meta.dirname, '../app/actions');
  const found: [string, ServerAction][] = [];
  for (const file of readdirSync(dir).filter((f) => /^admin-.*\.ts$/.test(f) && !f.endsWith('.test.ts'))) {
    const module = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function') found.push([`${file}#${name}`, value as ServerAction]);
    }
  }
  return found;
}

/** A form a merchant might send: ids that exist, plausible numbers and text. */
function plausibleForm(): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    kind: 'adjust', variantId, warehouseId, quantity: '3', reason: 'count', buckets: '2', sku: 'SW-NOPE', name: 'Thing',
    admitPerSecond: '1', status: 'processing', id: variantId,
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

const FORBIDDEN = /only the shop.s merchants/i;

describe('admin server actions', () => {
  it('exist (the listing works)', async () => {
    expect((await adminActions()).length).toBeGreaterThanOrEqual(2);
  });

  it('refuse a shopper and an anonymous visitor, changing nothing', async () => {
    const before = await fingerprint();
    for (const [name, action] of await adminActions()) {
      for (const user of [shopper, null]) {
        session.user = user;
        const result = await submit(action);
        expect({ name, user: user?.email ?? 'anonymous', ok: result.ok }).toEqual({ name, user: user?.email ?? 'anonymous', ok: false });
        expect(result.message).toMatch(user ? FORBIDDEN : /sign in/i);
      }
    }
    session.user = null;
    expect(await fingerprint()).toBe(before);
  });

  it('let a merchant past the check', async () => {
    session.user = merchant;
    for (const [name, action] of await adminActions()) {
      const result = await submit(action);
      expect({ name, forbidden: FORBIDDEN.test(result.message) }).toEqual({ name, forbidden: false });
    }
    session.user = null;
  });
});
