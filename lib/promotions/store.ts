import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { promotions } from '@/db/schema';
import { normalizeCode, type PromotionRule } from './rules';

export async function findPromotionByCode(db: DbOrTx, code: string): Promise<PromotionRule | null> {
  const normalized = normalizeCode(code);
  if (!normalized || normalized.length > 64) return null;
  const [row] = await db.select().from(promotions).where(eq(promotions.code, normalized));
  return row ?? null;
}

/** The promotion and the database's clock (the transaction's start, inside one), in one round trip: checkout decides the code against it. */
export async function findPromotionWithClock(tx: DbOrTx, code: string): Promise<{ rule: PromotionRule; now: Date } | null> {
  const normalized = normalizeCode(code);
  if (!normalized || normalized.length > 64) return null;
  const [row] = await tx.select({ rule: promotions, now: sql<string>`now()` }).from(promotions).where(eq(promotions.code, normalized));
  return row ? { rule: row.rule, now: new Date(row.now) } : null;
}

/**
 * Uses one redemption of a promotion, atomically: under any number of
 * concurrent checkouts the count never passes the limit. Call it inside the
 * order's transaction so a failed order gives the redemption back.
 */
export async function redeemPromotion(tx: DbOrTx, promotionId: string): Promise<boolean> {
  const rows = await tx
    .update(promotions)
    .set({ usedCount: sql`${promotions.usedCount} + 1` })
    .where(
      sql`${promotions.id} = ${promotionId} and ${promotions.active}
          and (${promotions.usageLimit} is null or ${promotions.usedCount} < ${promotions.usageLimit})`,
    )
    .returning({ id: promotions.id });
  return rows.length > 0;
}

/** Gives back the use an unpaid order took, when it is cancelled or its payment fails (lib/orders/transition.ts). */
export async function returnPromotionUse(tx: DbOrTx, promotionId: string): Promise<void> {
  await tx
    .update(promotions)
    .set({ usedCount: sql`greatest(${promotions.usedCount} - 1, 0)` })
    .where(eq(promotions.id, promotionId));
}

/**
 * Takes the use again when a late payment confirms an order that had given it back. The money
 * arrived at the discounted price, so the order keeps its discount either way; the count only
 * rises while it is under the limit (used ≤ limit is a constraint).
 */
export async function retakePromotionUse(tx: DbOrTx, promotionId: string): Promise<void> {
  await tx
    .update(promotions)
    .set({ usedCount: sql`${promotions.usedCount} + 1` })
    .where(sql`${promotions.id} = ${promotionId} and (${promotions.usageLimit} is null or ${promotions.usedCount} < ${promotions.usageLimit})`);
}

/** Locks the promotion row, for a path that must take it before stock rows (the order checkout takes them in). */
export async function lockPromotion(tx: DbOrTx, promotionId: string): Promise<void> {
  await tx.select({ id: promotions.id }).from(promotions).where(eq(promotions.id, promotionId)).for('update');
}
