/**
 * Keeps cached pages' stock labels honest without revalidating on every sale:
 * after stock moves, compare each variant's label with the one its pages were
 * last refreshed with, and revalidate only the products whose label changed.
 * Idempotent: running it twice finds nothing changed the second time.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { productVariants, publishedStockStates } from '@/db/schema';
import { availableByVariant } from '@/lib/inventory/availability';
import { catalogTags } from './cache-tags';
import { writeStockCache } from './stock-cache';
import { stockLabel } from './stock-label';

export type Revalidate = (tags: string[]) => Promise<void>;

export async function publishStockLabels(db: DbOrTx, variantIds: readonly string[], revalidate: Revalidate): Promise<string[]> {
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return [];
  const [available, published, variants] = await Promise.all([
    availableByVariant(db, ids),
    db.select().from(publishedStockStates).where(inArray(publishedStockStates.variantId, ids)),
    db.select({ id: productVariants.id, productId: productVariants.productId }).from(productVariants).where(inArray(productVariants.id, ids)),
  ]);
  await writeStockCache(available).catch(() => {});
  const before = new Map(published.map((p) => [p.variantId, p.state]));
  const productOf = new Map(variants.map((v) => [v.id, v.productId]));
  const changed = ids.filter((id) => productOf.has(id) && before.get(id) !== stockLabel(available.get(id) ?? 0).state);
  if (changed.length === 0) return [];

  const tags = [...new Set(changed.map((id) => catalogTags.product(productOf.get(id)!))), catalogTags.listings];
  await revalidate(tags);
  // Record only after the pages were told: a failed revalidation is retried by the job.
  for (const id of changed) {
    const state = stockLabel(available.get(id) ?? 0).state;
    await db
      .insert(publishedStockStates)
      .values({ variantId: id, state })
      .onConflictDoUpdate({ target: publishedStockStates.variantId, set: { state, updatedAt: sql`now()` } });
  }
  return tags;
}

export async function publishedState(db: DbOrTx, variantId: string): Promise<string | null> {
  const [row] = await db.select().from(publishedStockStates).where(eq(publishedStockStates.variantId, variantId));
  return row?.state ?? null;
}
