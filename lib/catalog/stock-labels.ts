/**
 * Keeps cached pages' stock labels honest without revalidating on every sale:
 * after stock moves, compare each variant's label with the one its pages were
 * last refreshed with, and revalidate only the products whose label changed.
 * Idempotent: running it twice finds nothing changed the second time.
 *
 * A label that crosses the low-stock threshold is also announced here —
 * `inventory.low` (in stock → only N left) and `inventory.sold_out` — in the
 * transaction that records the new label, so each crossing is emitted once and
 * the checkout's hot path does no extra work.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import { productVariants, publishedStockStates } from '@/db/schema';
import { emit } from '@/lib/events/outbox';
import type { DomainEvent } from '@/lib/events/types';
import { availableByVariant } from '@/lib/inventory/availability';
import { catalogTags } from './cache-tags';
import { writeStockCache } from './stock-cache';
import { lowStockThreshold, stockLabel } from './stock-label';

export type Revalidate = (tags: string[]) => Promise<void>;

export async function publishStockLabels(db: DbOrTx, variantIds: readonly string[], revalidate: Revalidate): Promise<string[]> {
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return [];
  const [available, published, variants] = await Promise.all([
    availableByVariant(db, ids),
    db.select().from(publishedStockStates).where(inArray(publishedStockStates.variantId, ids)),
    db.select({ id: productVariants.id, productId: productVariants.productId, sku: productVariants.sku }).from(productVariants).where(inArray(productVariants.id, ids)),
  ]);
  await writeStockCache(available).catch(() => {});
  const before = new Map(published.map((p) => [p.variantId, p.state]));
  const productOf = new Map(variants.map((v) => [v.id, v.productId]));
  const skuOf = new Map(variants.map((v) => [v.id, v.sku]));
  const threshold = lowStockThreshold();
  const changed = ids.filter((id) => productOf.has(id) && before.get(id) !== stockLabel(available.get(id) ?? 0, threshold).state);
  if (changed.length === 0) return [];

  const tags = [...new Set(changed.map((id) => catalogTags.product(productOf.get(id)!))), catalogTags.listings];
  await revalidate(tags);
  // Record only after the pages were told: a failed revalidation is retried by the job.
  await inTransaction(db, async (tx) => {
    for (const id of [...changed].sort()) {
      const units = available.get(id) ?? 0;
      const state = stockLabel(units, threshold).state;
      // The row lock makes a concurrent run wait and then find the label recorded: no row back, nothing emitted.
      const [recorded] = await tx.execute<{ previous: string | null }>(sql`
        with previous as (select state from published_stock_states where variant_id = ${id} for update)
        insert into published_stock_states (variant_id, state) values (${id}, ${state})
        on conflict (variant_id) do update set state = excluded.state, updated_at = now()
          where published_stock_states.state is distinct from excluded.state
        returning (select state from previous) as previous`);
      if (!recorded) continue;
      const event = await crossing(tx, { variantId: id, sku: skuOf.get(id)!, available: units, threshold }, recorded.previous, state);
      if (event) await emit(tx, event);
    }
  });
  return tags;
}

/** The event a label change means, if any: falling to "only N left", or to "sold out". Going back up is not announced. */
async function crossing(
  tx: DbOrTx,
  variant: { variantId: string; sku: string; available: number; threshold: number },
  previous: string | null,
  state: string,
): Promise<DomainEvent | null> {
  if (state === 'low_stock' && (previous === null || previous === 'in_stock')) {
    return { type: 'inventory.low', variantId: variant.variantId, sku: variant.sku, available: variant.available, threshold: variant.threshold };
  }
  if (state === 'sold_out' && previous !== 'sold_out') {
    // A variant created without stock was never on sale: it did not sell out.
    if (previous === null) {
      const [stocked] = await tx.execute(sql`select 1 from inventory_levels where variant_id = ${variant.variantId} limit 1`);
      if (!stocked) return null;
    }
    return { type: 'inventory.sold_out', variantId: variant.variantId, sku: variant.sku };
  }
  return null;
}

export async function publishedState(db: DbOrTx, variantId: string): Promise<string | null> {
  const [row] = await db.select().from(publishedStockStates).where(eq(publishedStockStates.variantId, variantId));
  return row?.state ?? null;
}
