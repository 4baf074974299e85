import { asc } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { warehouses } from '@/db/schema';

export function listWarehouses(db: DbOrTx) {
  return db.select().from(warehouses).orderBy(asc(warehouses.priority), asc(warehouses.code));
}
