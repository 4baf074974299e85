import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { inventoryLevels, inventoryMovements } from '@/db/schema';

export type StockReceipt = { variantId: string; warehouseId: string; quantity: number };

/**
 * Adds received units to bucket 0 of each (variant, warehouse) and records a
 * movement for each, in the caller's transaction. Rows are written in
 * (variant, warehouse) order, the lock order every stock writer uses.
 */
export async function receiveStock(
  tx: DbOrTx,
  receipts: readonly StockReceipt[],
  audit: { reason: string; actorUserId?: string | null },
): Promise<void> {
  const sorted = [...receipts].sort(
    (a, b) => a.variantId.localeCompare(b.variantId) || a.warehouseId.localeCompare(b.warehouseId),
  );
  for (const quantity of sorted.map((r) => r.quantity)) {
    if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`received quantity must be a non-negative integer, got ${quantity}`);
  }
  for (let start = 0; start < sorted.length; start += 1000) {
    const chunk = sorted.slice(start, start + 1000);
    await tx
      .insert(inventoryLevels)
      .values(chunk.map((r) => ({ variantId: r.variantId, warehouseId: r.warehouseId, bucket: 0, onHand: r.quantity })))
      .onConflictDoUpdate({
        target: [inventoryLevels.variantId, inventoryLevels.warehouseId, inventoryLevels.bucket],
        set: { onHand: sql`${inventoryLevels.onHand} + excluded.on_hand`, updatedAt: sql`now()` },
      });
    const moved = chunk.filter((r) => r.quantity > 0);
    if (moved.length > 0) {
      await tx.insert(inventoryMovements).values(
        moved.map((r) => ({
          variantId: r.variantId,
          warehouseId: r.warehouseId,
          deltaOnHand: r.quantity,
          reason: audit.reason,
          actorUserId: audit.actorUserId ?? null,
        })),
      );
    }
  }
}
