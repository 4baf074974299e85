import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { GET } from '@/app/api/stock/route';
import { MemoryKeyValueStore } from '@/lib/kv/memory';
import { call } from '@/test/api';
import { variantsWithStock } from '@/test/fixtures';
import { setExactStock } from '@/test/stock';
import { cachedAvailability, writeStockCache } from './stock-cache';
import { publishStockLabels } from './stock-labels';

const db = getDb();

describe('the stock cache', () => {
  it('answers from the key-value store, fills misses from PostgreSQL, and follows stock changes', async () => {
    const store = new MemoryKeyValueStore();
    const [a, b] = await variantsWithStock(db, 10, 1_000_000, 2);
    await setExactStock(db, a!.id, [7]);
    expect((await cachedAvailability(db, [a!.id], store)).get(a!.id)).toBe(7); // miss → PostgreSQL
    await setExactStock(db, a!.id, [2]);
    expect((await cachedAvailability(db, [a!.id], store)).get(a!.id)).toBe(7); // cached: soft on purpose
    await writeStockCache(new Map([[a!.id, 2]]), store);
    expect((await cachedAvailability(db, [a!.id, b!.id], store)).get(a!.id)).toBe(2);
    await store.close();
    expect((await cachedAvailability(db, [a!.id], store)).get(a!.id)).toBe(2); // store down → PostgreSQL
  });

  it('is refreshed by the stock-labels job', async () => {
    const [a] = await variantsWithStock(db, 10, 1_000_000, 1);
    await setExactStock(db, a!.id, [4]);
    await publishStockLabels(db, [a!.id], async () => {});
    const response = await call(GET, 'GET', '/api/stock', { query: `variant=${a!.id}` });
    expect(response.body.stock[a!.id]).toEqual({ available: 4, state: 'low_stock', text: 'Only 4 left' });
  });

  it('answers 400 naming variant for bad ids', async () => {
    expect((await call(GET, 'GET', '/api/stock', { query: 'variant=nope' })).status).toBe(400);
    expect((await call(GET, 'GET', '/api/stock', {})).status).toBe(400);
  });
});
