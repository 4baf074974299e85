import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import * as revalidateRoute from '@/app/api/internal/revalidate/route';
import { call } from '@/test/api';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock } from '@/test/stock';
import { signRevalidation, verifyRevalidation } from './remote-revalidate';
import { publishStockLabels, publishedState } from './stock-labels';

const db = getDb();

describe('publishing stock labels', () => {
  it('revalidates a product only when a variant’s label changes, and says which tags', async () => {
    const [variant] = await variantsWithStock(db, 10, 1_000_000, 1);
    const calls: string[][] = [];
    const revalidate = async (tags: string[]) => void calls.push(tags);

    await setExactStock(db, variant!.id, [20]);
    expect(await publishStockLabels(db, [variant!.id], revalidate)).toEqual([`product:${variant!.productId}`, 'catalog:listings']);
    expect(await publishedState(db, variant!.id)).toBe('in_stock');

    await setExactStock(db, variant!.id, [12]); // still in stock: nothing to do
    expect(await publishStockLabels(db, [variant!.id], revalidate)).toEqual([]);

    await setExactStock(db, variant!.id, [3]);
    await publishStockLabels(db, [variant!.id, variant!.id], revalidate);
    expect(await publishedState(db, variant!.id)).toBe('low_stock');

    await setExactStock(db, variant!.id, [0]);
    await publishStockLabels(db, [variant!.id], revalidate);
    expect(await publishedState(db, variant!.id)).toBe('sold_out');
    expect(calls).toHaveLength(3);
  });

  it('records nothing when the revalidation fails, so the retried job tries again', async () => {
    const [variant] = await variantsWithStock(db, 10, 1_000_000, 1);
    const failing = async () => {
      throw new Error('app unreachable');
    };
    await expect(publishStockLabels(db, [variant!.id], failing)).rejects.toThrow('app unreachable');
    expect(await publishedState(db, variant!.id)).toBeNull();
  });
});

describe('the internal revalidation endpoint', () => {
  it('accepts only requests signed with AUTH_SECRET and recent', () => {
    const body = JSON.stringify({ tags: ['catalog'] });
    const now = Date.now();
    expect(verifyRevalidation(body, `${now},${signRevalidation(body, now)}`, now)).toBe(true);
    expect(verifyRevalidation(body, `${now},${signRevalidation(body, now, 'another-secret')}`, now)).toBe(false);
    expect(verifyRevalidation(`${body} `, `${now},${signRevalidation(body, now)}`, now)).toBe(false);
    expect(verifyRevalidation(body, `${now - 600_000},${signRevalidation(body, now - 600_000)}`, now)).toBe(false);
    expect(verifyRevalidation(body, null, now)).toBe(false);
    expect(verifyRevalidation(body, 'garbage', now)).toBe(false);
  });

  it('answers 401 to an unsigned or badly signed request', async () => {
    const unsigned = await call(revalidateRoute.POST, 'POST', '/api/internal/revalidate', { body: { tags: ['catalog'] } });
    expect(unsigned.status).toBe(401);
    const bad = await call(revalidateRoute.POST, 'POST', '/api/internal/revalidate', {
      body: { tags: ['catalog'] },
      headers: { 'x-stockwise-signature': `${Date.now()},deadbeef` },
    });
    expect(bad.status).toBe(401);
  });
});
