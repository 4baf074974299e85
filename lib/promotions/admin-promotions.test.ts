import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, promotions } from '@/db/schema';
import { findUserByEmail } from '@/lib/auth/users';
import { placeOrder } from '@/lib/checkout/place-order';
import { variantsWithStock } from '@/test/fixtures';
import {
  createPromotion,
  deactivatePromotion,
  listAdminPromotions,
  parseMoneyInput,
  promotionState,
  setPromotionActive,
  updatePromotion,
} from './admin-promotions';
import { findPromotionByCode } from './store';

const db = getDb();
const merchant = (await findUserByEmail(db, 'merchant@example.com'))!;
const shopper = (await findUserByEmail(db, 'shopper@example.com'))!;
const [variant] = await variantsWithStock(db, 30, 1_000_000, 1);

const errorOf = (run: () => Promise<unknown>) =>
  run().then(
    () => null,
    (e: { status?: number; code?: string; details?: { fields?: Record<string, string> } }) => ({ status: e.status, code: e.code, fields: Object.keys(e.details?.fields ?? {}) }),
  );
const auditOf = (id: string) => db.select().from(auditLog).where(and(eq(auditLog.entityType, 'promotion'), eq(auditLog.entityId, id))).orderBy(auditLog.id);
let n = 0;
const uniqueCode = () => `test${Date.now().toString(36)}${n++}`;

describe('creating promotions', () => {
  it('stores the code upper-case, audited, and checkout finds it', async () => {
    const code = uniqueCode();
    const created = await createPromotion(db, merchant, { code: ` ${code} `, kind: 'percent', value: 20, description: 'Spring' });
    expect(created).toMatchObject({ code: code.toUpperCase(), kind: 'percent', value: 20, active: true, usedCount: 0, usageLimit: null, minSubtotalCents: 0 });
    expect(await findPromotionByCode(db, code)).toMatchObject({ id: created.id });
    expect((await auditOf(created.id)).map((a) => [a.action, a.actorUserId])).toEqual([['promotion.created', merchant.id]]);
  });

  it('takes fixed amounts in cents with a minimum subtotal, a window and a usage limit', async () => {
    const startsAt = new Date('2030-01-01T00:00:00Z');
    const endsAt = new Date('2030-02-01T00:00:00Z');
    const created = await createPromotion(db, merchant, {
      code: uniqueCode(), kind: 'fixed', value: 1500, minSubtotalCents: 10_000, startsAt, endsAt, usageLimit: 50,
    });
    expect(created).toMatchObject({ kind: 'fixed', value: 1500, currency: 'USD', minSubtotalCents: 10_000, startsAt, endsAt, usageLimit: 50 });
  });

  it('refuses a code that exists already, whatever its case, with 409 on the code', async () => {
    const code = uniqueCode();
    await createPromotion(db, merchant, { code, kind: 'percent', value: 5 });
    expect(await errorOf(() => createPromotion(db, merchant, { code: code.toLowerCase(), kind: 'fixed', value: 100 }))).toMatchObject({
      status: 409, code: 'conflict', fields: ['code'],
    });
    expect(await errorOf(() => createPromotion(db, merchant, { code: 'welcome10', kind: 'percent', value: 5 }))).toMatchObject({ status: 409, fields: ['code'] });
  });

  it('answers 400 naming the field for bad terms, and creates nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'ab', kind: 'percent', value: 10 }, 'code'],
      [{ code: 'HAS SPACE', kind: 'percent', value: 10 }, 'code'],
      [{ code: uniqueCode(), kind: 'percent', value: 0 }, 'value'],
      [{ code: uniqueCode(), kind: 'percent', value: 101 }, 'value'],
      [{ code: uniqueCode(), kind: 'percent', value: 12.5 }, 'value'],
      [{ code: uniqueCode(), kind: 'fixed', value: -5 }, 'value'],
      [{ code: uniqueCode(), kind: 'bogo', value: 5 }, 'kind'],
      [{ code: uniqueCode(), kind: 'fixed', value: 500, minSubtotalCents: -1 }, 'minSubtotalCents'],
      [{ code: uniqueCode(), kind: 'fixed', value: 500, usageLimit: 0 }, 'usageLimit'],
      [{ code: uniqueCode(), kind: 'fixed', value: 500, startsAt: new Date('2030-02-01'), endsAt: new Date('2030-01-01') }, 'endsAt'],
      [{ code: uniqueCode(), kind: 'fixed', value: 500, startsAt: 'not a date' }, 'startsAt'],
    ];
    const before = (await db.select().from(promotions)).length;
    for (const [input, field] of cases) {
      expect(await errorOf(() => createPromotion(db, merchant, input)), JSON.stringify(input)).toMatchObject({ status: 400, fields: [field] });
    }
    expect((await db.select().from(promotions)).length).toBe(before);
  });

  it('is for staff only', async () => {
    expect(await errorOf(() => createPromotion(db, shopper, { code: uniqueCode(), kind: 'percent', value: 10 }))).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await errorOf(() => createPromotion(db, null, { code: uniqueCode(), kind: 'percent', value: 10 }))).toMatchObject({ status: 401 });
  });
});

describe('editing and switching off', () => {
  it('edits the terms, keeps the limit at or above what was used, and audits before and after', async () => {
    const created = await createPromotion(db, merchant, { code: uniqueCode(), kind: 'percent', value: 10, usageLimit: 5 });
    await db.update(promotions).set({ usedCount: 3 }).where(eq(promotions.id, created.id));
    const updated = await updatePromotion(db, merchant, created.id, { code: created.code, kind: 'fixed', value: 700, usageLimit: 3, description: 'Now fixed' });
    expect(updated).toMatchObject({ kind: 'fixed', value: 700, usageLimit: 3, usedCount: 3, description: 'Now fixed' });
    expect(await errorOf(() => updatePromotion(db, merchant, created.id, { code: created.code, kind: 'fixed', value: 700, usageLimit: 2 }))).toMatchObject({
      status: 400, fields: ['usageLimit'],
    });
    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(['promotion.created', 'promotion.updated']);
    expect(audit[1]!.data).toMatchObject({ before: { kind: 'percent', value: 10 }, after: { kind: 'fixed', value: 700 } });
  });

  it('renames only to a free code; unknown and malformed ids answer 404 and 400', async () => {
    const a = await createPromotion(db, merchant, { code: uniqueCode(), kind: 'percent', value: 10 });
    const b = await createPromotion(db, merchant, { code: uniqueCode(), kind: 'percent', value: 10 });
    expect(await errorOf(() => updatePromotion(db, merchant, b.id, { code: a.code, kind: 'percent', value: 10 }))).toMatchObject({ status: 409, fields: ['code'] });
    const renamed = await updatePromotion(db, merchant, b.id, { code: `${b.code}x`, kind: 'percent', value: 10 });
    expect(renamed.code).toBe(`${b.code}X`);
    expect(await errorOf(() => updatePromotion(db, merchant, '00000000-0000-4000-8000-000000000000', { code: 'ZZZ', kind: 'percent', value: 1 }))).toMatchObject({ status: 404 });
    expect(await errorOf(() => updatePromotion(db, merchant, 'x', { code: 'ZZZ', kind: 'percent', value: 1 }))).toMatchObject({ status: 400, fields: ['promotion_id'] });
  });

  it('deactivates a code so checkout no longer takes it, and reactivates it', async () => {
    const created = await createPromotion(db, merchant, { code: uniqueCode(), kind: 'percent', value: 10 });
    await deactivatePromotion(db, merchant, created.id);
    await deactivatePromotion(db, merchant, created.id); // twice: nothing more happens
    await expect(
      placeOrder(db, { userId: shopper.id, email: shopper.email, promoCode: created.code, lines: [{ variantId: variant!.id, quantity: 1 }] }),
    ).rejects.toMatchObject({ status: 400 });
    const back = await setPromotionActive(db, merchant, created.id, true);
    expect(back.active).toBe(true);
    expect((await auditOf(created.id)).map((a) => a.action)).toEqual(['promotion.created', 'promotion.deactivated', 'promotion.activated']);
    expect(await errorOf(() => setPromotionActive(db, shopper, created.id, false))).toMatchObject({ status: 403 });
    expect(await errorOf(() => setPromotionActive(db, merchant, created.id, 'yes'))).toMatchObject({ status: 400, fields: ['active'] });
  });
});

describe('the list', () => {
  it('lists every code with its state and use by paid orders', async () => {
    const created = await createPromotion(db, merchant, { code: uniqueCode(), kind: 'fixed', value: 500 });
    const { orderId } = await placeOrder(db, { userId: shopper.id, email: shopper.email, promoCode: created.code, lines: [{ variantId: variant!.id, quantity: 1 }] });
    expect(orderId).toBeTruthy();
    const list = await listAdminPromotions(db);
    expect(list.find((p) => p.id === created.id)).toMatchObject({ state: 'active', usedCount: 1, paidOrders: 0, discountGivenCents: 0 });
    const seeded = Object.fromEntries(list.map((p) => [p.code, p.state]));
    expect(seeded).toMatchObject({ WELCOME10: 'active', SAVE15: 'active', SUMMER25: 'expired' });
  });

  it('names the state a merchant cares about', () => {
    const now = new Date('2030-01-15T00:00:00Z');
    const base = { active: true, startsAt: null, endsAt: null, usageLimit: null, usedCount: 0 };
    expect(promotionState(base, now)).toBe('active');
    expect(promotionState({ ...base, active: false }, now)).toBe('inactive');
    expect(promotionState({ ...base, startsAt: new Date('2030-02-01') }, now)).toBe('scheduled');
    expect(promotionState({ ...base, endsAt: new Date('2030-01-01') }, now)).toBe('expired');
    expect(promotionState({ ...base, usageLimit: 5, usedCount: 5 }, now)).toBe('used_up');
  });

  it('reads money as people type it, without floats', () => {
    expect(parseMoneyInput('12.50')).toBe(1250);
    expect(parseMoneyInput('12')).toBe(1200);
    expect(parseMoneyInput('$ 0.5')).toBe(50);
    expect(parseMoneyInput('1,234.56')).toBe(123456);
    expect(parseMoneyInput('0.07')).toBe(7);
    expect(parseMoneyInput('19.999')).toBeNull();
    expect(parseMoneyInput('-3')).toBeNull();
    expect(parseMoneyInput('abc')).toBeNull();
    expect(parseMoneyInput('')).toBeNull();
  });
});
