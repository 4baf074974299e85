import { getDb } from '@/db/client';
import { requireActor } from '@/lib/api/actor';
import { json, route } from '@/lib/api/http';
import { supplierInventory } from '@/lib/inventory/suppliers';

type Context = { params: Promise<{ supplier_id: string }> };

/** Merchants: the stock in the warehouses a supplier runs → `{ supplier_id, items: [{ item_id, stock, reserved, on_hand }] }`. */
export const GET = route<Context>(async (request, { params }) => {
  const actor = await requireActor(request, ['merchant', 'admin']);
  return json(await supplierInventory(getDb(), actor, (await params).supplier_id));
});
