import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { inventoryLevels } from '@/db/schema';

/** Units that can be sold now (on hand minus reserved), summed over warehouses and buckets. */
export async function availableByVariant(db: DbOrTx, variantIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(variantIds.map((id) => [id, 0]));
  if (variantIds.length === 0) return result;
  const rows = await db
    .select({
      variantId: inventoryLevels.variantId,
      available: sql<number>`sum(${inventoryLevels.onHand} - ${inventoryLevels.reserved})::int`,
    })
    .from(inventoryLevels)
    .where(inArray(inventoryLevels.variantId, [...variantIds]))
    .groupBy(inventoryLevels.variantId);
  for (const row of rows) result.set(row.variantId, row.available);
  return result;
}
