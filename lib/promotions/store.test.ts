import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { promotions } from '@/db/schema';
import { findPromotionByCode, redeemPromotion } from './store';

const db = getDb();

describe('promotion redemptions', () => {
  it('finds codes regardless of case and spaces', async () => {
    expect((await findPromotionByCode(db, '  welcome10 '))?.code).toBe('WELCOME10');
    expect(await findPromotionByCode(db, 'nope')).toBeNull();
    expect(await findPromotionByCode(db, '')).toBeNull();
  });

  it('never passes the usage limit: a limit of 5 under 20 concurrent redemptions gives exactly 5', async () => {
    const promotion = (await findPromotionByCode(db, 'FLASH50'))!;
    expect(promotion.usageLimit).toBe(5);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => db.transaction((tx) => redeemPromotion(tx, promotion.id))),
    );
    expect(results.filter(Boolean)).toHaveLength(5);
    const [after] = await db.select().from(promotions).where(eq(promotions.id, promotion.id));
    expect(after?.usedCount).toBe(5);
  });

  it('gives a redemption back when the order transaction rolls back', async () => {
    const promotion = (await findPromotionByCode(db, 'WELCOME10'))!;
    await db
      .transaction(async (tx) => {
        expect(await redeemPromotion(tx, promotion.id)).toBe(true);
        throw new Error('order failed');
      })
      .catch(() => {});
    const [after] = await db.select().from(promotions).where(eq(promotions.id, promotion.id));
    expect(after?.usedCount).toBe(promotion.usedCount);
  });
});
