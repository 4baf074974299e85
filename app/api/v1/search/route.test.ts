import { describe, expect, it } from 'vitest';
import { call } from '@/test/api';
import { GET } from './route';

const search = (query: string) => call(GET, 'GET', '/api/v1/search', { query });

describe('GET /api/v1/search', () => {
  it('answers hits, facets and paging in API.md’s shape', async () => {
    const response = await search('query=sneaker&filter=in_stock:true&sort=price&limit=5');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ page: 1, limit: 5, total: expect.any(Number) });
    expect(response.body.data.length).toBeGreaterThan(0);
    for (const hit of response.body.data) {
      expect(Object.keys(hit)).toEqual(expect.arrayContaining(['product_id', 'item_id', 'name', 'price_cents', 'currency', 'category', 'in_stock']));
      expect(hit.in_stock).toBe(true);
    }
    const prices = response.body.data.map((h: { price_cents: number }) => h.price_cents);
    expect(prices).toEqual([...prices].sort((a: number, b: number) => a - b));
    expect(Object.keys(response.body.facets).sort()).toEqual(['brand', 'category', 'color', 'in_stock', 'price', 'size']);
  });

  it('answers 400 naming the parameter for bad input', async () => {
    for (const [query, field] of [
      ['filter=colour:red', 'filter'],
      ['filter=price_min:abc', 'filter'],
      ['sort=cheap', 'sort'],
      ['limit=101', 'limit'],
      ['page=0', 'page'],
      [`query=${'x'.repeat(10_000)}`, 'query'],
    ] as const) {
      const response = await search(query);
      expect(response.status, query.slice(0, 40)).toBe(400);
      expect(Object.keys(response.body.error.details.fields)).toContain(field);
    }
  });

  it('never fails on hostile text', async () => {
    for (const q of ["'", '\\', '%25', "1' or '1'='1", '<script>', '%F0%9F%98%80', 'select * from users']) {
      expect((await search(`query=${q}`)).status, q).toBe(200);
    }
  });
});
