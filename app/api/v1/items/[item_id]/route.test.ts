import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { GET } from './route';

const call = (itemId: string) =>
  GET(new Request(`http://localhost/api/v1/items/${encodeURIComponent(itemId)}`), { params: Promise.resolve({ item_id: itemId }) });

describe('GET /api/v1/items/{item_id}', () => {
  it('answers an item per API.md', async () => {
    const [variant] = (await getDb().execute(sql`select id, sku from product_variants order by sku limit 1`)) as unknown as [{ id: string; sku: string }];
    const response = await call(variant.id);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(
      ['attributes', 'category', 'currency', 'item_id', 'name', 'price_cents', 'product_id', 'sku', 'stock'].sort(),
    );
    expect(body.item_id).toBe(variant.id);
    expect(body.sku).toBe(variant.sku);
  });

  it('answers 404 with the error shape for an unknown id', async () => {
    const response = await call('00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Item not found' } });
  });

  it.each(['abc', '123', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g', 'x'.repeat(5000)])(
    'answers 400 naming item_id for the malformed id %#',
    async (id) => {
      const response = await call(id);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe('invalid_request');
      expect(body.error.details.fields).toHaveProperty('item_id');
    },
  );
});
