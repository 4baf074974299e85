/**
 * Promotion codes as the merchant manages them: create, edit, switch off (and
 * on again), and a list with how much each code has been used. Codes are
 * unique and stored upper-case, matching how checkout looks them up.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { transactionWithRetry } from '@/db/retry';
import { promotions } from '@/db/schema';
import { ApiError, conflict, invalidField, notFound, parseInput } from '@/lib/api/errors';
import { parseId } from '@/lib/api/ids';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';
import { normalizeCode, type PromotionRule } from './rules';

type StaffActor = Pick<AuthUser, 'id' | 'role'>;

const MAX_CENTS = 100_000_000; // $1,000,000: anything above is a typo

const optionalDate = z.preprocess(
  (value) => (value === '' || value === undefined ? null : typeof value === 'string' ? new Date(value) : value),
  z.date({ error: 'must be a date and time' }).refine((d) => !Number.isNaN(d.getTime()), { error: 'must be a date and time' }).nullable(),
);

export const promotionInputSchema = z
  .object({
    code: z
      .string({ error: 'is required' })
      .trim()
      .min(3, { error: 'must be at least 3 characters' })
      .max(32, { error: 'must be at most 32 characters' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'may only use letters, digits, - and _' })
      .transform(normalizeCode),
    description: z.string().trim().max(200, { error: 'must be at most 200 characters' }).default(''),
    kind: z.enum(['percent', 'fixed'], { error: 'must be percent or fixed' }),
    /** Percent: whole percent 1–100. Fixed: minor units. */
    value: z.number({ error: 'is required' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be more than 0' }).max(MAX_CENTS, { error: 'is too large' }),
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { error: 'must be a currency code like USD' }).default('USD'),
    minSubtotalCents: z.number({ error: 'must be an amount' }).int({ error: 'must be whole cents' }).min(0, { error: 'cannot be negative' }).max(MAX_CENTS, { error: 'is too large' }).default(0),
    startsAt: optionalDate.default(null),
    endsAt: optionalDate.default(null),
    usageLimit: z.number({ error: 'must be a whole number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1 (leave empty for no limit)' }).max(10_000_000).nullable().default(null),
    active: z.boolean().default(true),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'percent' && input.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be a percentage from 1 to 100' });
    if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after the start' });
  });

export type PromotionInput = z.input<typeof promotionInputSchema>;

export type PromotionState = 'active' | 'scheduled' | 'expired' | 'used_up' | 'inactive';

export type AdminPromotion = PromotionRule & {
  createdAt: Date;
  state: PromotionState;
  /** Paid orders (confirmed through delivered) that used the code, and the discount they got. */
  paidOrders: number;
  discountGivenCents: number;
};

/** Whether a code would be accepted right now, as a merchant would put it. */
export function promotionState(p: Pick<PromotionRule, 'active' | 'startsAt' | 'endsAt' | 'usageLimit' | 'usedCount'>, now: Date): PromotionState {
  if (!p.active) return 'inactive';
  if (p.endsAt && now >= p.endsAt) return 'expired';
  if (p.usageLimit !== null && p.usedCount >= p.usageLimit) return 'used_up';
  if (p.startsAt && now < p.startsAt) return 'scheduled';
  return 'active';
}

/** Every code, newest first, with its use. `now` is the database's. */
export async function listAdminPromotions(db: DbOrTx): Promise<AdminPromotion[]> {
  const [rows, [{ now } = { now: new Date() }]] = await Promise.all([
    db
      .select({
        promotion: promotions,
        paidOrders: sql<number>`(select count(*)::int from all_orders o where o.promotion_id = "promotions"."id" and o.status in ('confirmed', 'processing', 'shipped', 'delivered'))`,
        discountGivenCents: sql<string>`(select coalesce(sum(o.discount_cents), 0)::bigint from all_orders o where o.promotion_id = "promotions"."id" and o.status in ('confirmed', 'processing', 'shipped', 'delivered'))`,
      })
      .from(promotions)
      .orderBy(desc(promotions.active), desc(promotions.createdAt), asc(promotions.code)),
    db.execute<{ now: Date }>(sql`select now() as now`),
  ]);
  const clock = new Date(now);
  return rows.map(({ promotion, paidOrders, discountGivenCents }) => ({
    ...promotion,
    state: promotionState(promotion, clock),
    paidOrders,
    discountGivenCents: Number(discountGivenCents),
  }));
}

export async function findAdminPromotion(db: DbOrTx, id: string): Promise<PromotionRule | null> {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) return null;
  const [row] = await db.select().from(promotions).where(eq(promotions.id, parsed.data));
  return row ?? null;
}

const codeTaken = (code: string) => conflict(`The code ${code} is already used by another promotion`, { fields: { code: `${code} is already used by another promotion` } });

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function auditData(row: PromotionRule) {
  return {
    code: row.code, kind: row.kind, value: row.value, currency: row.currency, min_subtotal_cents: row.minSubtotalCents,
    starts_at: row.startsAt, ends_at: row.endsAt, usage_limit: row.usageLimit, active: row.active,
  };
}

/** A new code. 409 `conflict` (field `code`) when the code exists already, whatever its case. */
export async function createPromotion(db: DbOrTx, actor: StaffActor | null | undefined, input: unknown): Promise<PromotionRule> {
  assertStaff(actor);
  const value = parseInput(promotionInputSchema, input);
  try {
    return await transactionWithRetry(db, async (tx) => {
      const [created] = await tx.insert(promotions).values(value).onConflictDoNothing({ target: promotions.code }).returning();
      if (!created) throw codeTaken(value.code);
      await recordAudit(tx, { actorUserId: actor.id, action: 'promotion.created', entityType: 'promotion', entityId: created.id, data: auditData(created) });
      return created;
    });
  } catch (error) {
    if (!(error instanceof ApiError) && isUniqueViolation(error)) throw codeTaken(value.code);
    throw error;
  }
}

/**
 * Replaces a code's terms. The usage limit may not go below what has been
 * used already; renaming to a code another promotion has → 409.
 */
export async function updatePromotion(db: DbOrTx, actor: StaffActor | null | undefined, promotionId: string, input: unknown): Promise<PromotionRule> {
  assertStaff(actor);
  const id = parseId(promotionId, 'promotion_id');
  const value = parseInput(promotionInputSchema, input);
  try {
    return await transactionWithRetry(db, async (tx) => {
      const [current] = await tx.select().from(promotions).where(eq(promotions.id, id)).for('update');
      if (!current) throw notFound('Promotion');
      if (value.usageLimit !== null && value.usageLimit < current.usedCount) {
        throw invalidField('usageLimit', `cannot be below the ${current.usedCount} times the code has been used`);
      }
      if (value.code !== current.code) {
        const [taken] = await tx.select({ id: promotions.id }).from(promotions).where(eq(promotions.code, value.code));
        if (taken) throw codeTaken(value.code);
      }
      const [updated] = await tx.update(promotions).set(value).where(eq(promotions.id, id)).returning();
      await recordAudit(tx, {
        actorUserId: actor.id,
        action: 'promotion.updated',
        entityType: 'promotion',
        entityId: id,
        data: { before: auditData(current), after: auditData(updated!) },
      });
      return updated!;
    });
  } catch (error) {
    if (!(error instanceof ApiError) && isUniqueViolation(error)) throw codeTaken(value.code);
    throw error;
  }
}

const activeSchema = z.boolean({ error: 'must be true or false' });

/** Switches a code off (checkout refuses it from then on) or back on. */
export async function setPromotionActive(db: DbOrTx, actor: StaffActor | null | undefined, promotionId: string, active: unknown): Promise<PromotionRule> {
  assertStaff(actor);
  const id = parseId(promotionId, 'promotion_id');
  const on = parseInput(activeSchema, active, 'active');
  return transactionWithRetry(db, async (tx) => {
    const [current] = await tx.select().from(promotions).where(eq(promotions.id, id)).for('update');
    if (!current) throw notFound('Promotion');
    if (current.active === on) return current;
    const [updated] = await tx.update(promotions).set({ active: on }).where(eq(promotions.id, id)).returning();
    await recordAudit(tx, {
      actorUserId: actor.id,
      action: on ? 'promotion.activated' : 'promotion.deactivated',
      entityType: 'promotion',
      entityId: id,
      data: { code: current.code },
    });
    return updated!;
  });
}

export const deactivatePromotion = (db: DbOrTx, actor: StaffActor | null | undefined, promotionId: string) => setPromotionActive(db, actor, promotionId, false);

/**
 * "12.50" → 1250; "12" → 1200. For forms where people type money: no floats,
 * at most two decimals, null when it is not an amount.
 */
export function parseMoneyInput(text: string): number | null {
  const match = /^\s*\$?\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text.replace(/(?<=\d),(?=\d{3}\b)/g, ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
