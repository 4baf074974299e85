/**
 * Availability per variant, served from the key-value store so cached pages
 * can show live stock labels without asking PostgreSQL or being rebuilt.
 * Written after every stock change (the stock-labels job) and on a miss;
 * soft by design — checkout asks PostgreSQL.
 */
import type { DbOrTx } from '@/db/client';
import { availableByVariant } from '@/lib/inventory/availability';
import { kv } from '@/lib/kv';
import type { KeyValueStore } from '@/lib/kv/types';

const key = (variantId: string) => `stock:${variantId}`;
const TTL_MS = 3600_000;

export async function writeStockCache(available: Map<string, number>, store: KeyValueStore = kv()): Promise<void> {
  await Promise.all([...available].map(([id, units]) => store.set(key(id), String(Math.max(0, units)), { ttlMs: TTL_MS })));
}

/** Units available per variant: from the cache, filling misses from PostgreSQL. PostgreSQL alone if the cache is down. */
export async function cachedAvailability(db: DbOrTx, variantIds: readonly string[], store: KeyValueStore = kv()): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  let missing = [...new Set(variantIds)];
  try {
    const cached = await Promise.all(missing.map((id) => store.get(key(id))));
    missing = missing.filter((id, i) => {
      if (cached[i] === null || cached[i] === undefined) return true;
      result.set(id, Number(cached[i]));
      return false;
    });
  } catch {
    // fall through to PostgreSQL for all of them
  }
  if (missing.length > 0) {
    const fresh = await availableByVariant(db, missing);
    for (const [id, units] of fresh) result.set(id, Math.max(0, units));
    await writeStockCache(fresh, store).catch(() => {});
  }
  return result;
}
