import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { findUserByEmail } from '@/lib/auth/users';
import { createSupplier } from '@/lib/inventory/suppliers';
import { call } from '@/test/api';
import * as inventoryRoute from './[supplier_id]/inventory/route';

const db = getDb();
const SHOPPER = 'sw_test_shopper_demo';
const MERCHANT = 'sw_test_merchant_demo';
const merchant = (await findUserByEmail(db, 'merchant@example.com'))!;
const [northwind] = await db.execute<{ id: string }>(sql`select id from suppliers where name = 'Northwind Supply Co.'`);

const get = (supplierId: string, key?: string) =>
  call(inventoryRoute.GET, 'GET', `/api/v1/suppliers/${supplierId}/inventory`, { key, params: { supplier_id: supplierId } });

describe('GET /api/v1/suppliers/{supplier_id}/inventory', () => {
  it('answers the stock of the warehouses the supplier runs, per item', async () => {
    const response = await get(northwind!.id, MERCHANT);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['items', 'supplier_id']);
    expect(response.body.supplier_id).toBe(northwind!.id);
    expect(response.body.items.length).toBeGreaterThan(100);
    for (const item of response.body.items.slice(0, 50)) {
      expect(Object.keys(item).sort()).toEqual(['item_id', 'on_hand', 'reserved', 'stock']);
      expect(item.stock).toBe(item.on_hand - item.reserved);
      expect(item.reserved).toBeGreaterThanOrEqual(0);
    }
    const [total] = await db.execute<{ on_hand: number }>(
      sql`select coalesce(sum(l.on_hand), 0)::int as on_hand from inventory_levels l join warehouses w on w.id = l.warehouse_id where w.supplier_id = ${northwind!.id}`,
    );
    expect(response.body.items.reduce((sum: number, i: { on_hand: number }) => sum + i.on_hand, 0)).toBe(total!.on_hand);
  });

  it('answers an empty list for a supplier without warehouses', async () => {
    const supplier = await createSupplier(db, merchant, { name: 'No warehouses yet' });
    const response = await get(supplier.id, MERCHANT);
    expect(response).toMatchObject({ status: 200, body: { supplier_id: supplier.id, items: [] } });
  });

  it('answers 404 for an unknown supplier', async () => {
    const response = await get('00000000-0000-4000-8000-000000000000', MERCHANT);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('answers 400 naming supplier_id for a malformed id', async () => {
    const response = await get('not-a-uuid', MERCHANT);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request', details: { fields: { supplier_id: expect.any(String) } } });
  });

  it('answers 403 to a customer and 401 without a key or with a bad one', async () => {
    const customer = await get(northwind!.id, SHOPPER);
    expect(customer.status).toBe(403);
    expect(customer.body.error.code).toBe('forbidden');
    const anonymous = await get(northwind!.id);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    expect((await get(northwind!.id, 'sw_test_unknown_key')).status).toBe(401);
  });
});
