import { getDb } from '@/db/client';
import { requireActor } from '@/lib/api/actor';
import { json, route } from '@/lib/api/http';
import { listWarehouses } from '@/lib/inventory/warehouses';

export const GET = route(async (request) => {
  await requireActor(request, ['merchant', 'admin']);
  const rows = await listWarehouses(getDb());
  return json({
    data: rows.map((w) => ({ warehouse_id: w.id, code: w.code, name: w.name, supplier_id: w.supplierId, is_default: w.isDefault })),
  });
});
