/** Keeping the search index in step with the catalog: per product after changes, or all of it. */
import type { DbOrTx } from '@/db/client';
import { loadSearchDocuments } from './documents';
import type { SearchEngine } from './types';

/** Re-indexes these products; those no longer for sale leave the index. Idempotent. */
export async function syncProducts(engine: SearchEngine, db: DbOrTx, productIds: readonly string[]): Promise<void> {
  const ids = [...new Set(productIds)];
  if (ids.length === 0) return;
  const documents = await loadSearchDocuments(db, { productIds: ids });
  await engine.upsert(documents);
  const kept = new Set(documents.map((d) => d.productId));
  await engine.remove(ids.filter((id) => !kept.has(id)));
}

/** Indexes every product for sale, in batches, reporting progress. */
export async function reindexAll(
  engine: SearchEngine,
  db: DbOrTx,
  onProgress: (done: number) => void = () => {},
  batchSize = 500,
): Promise<number> {
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const documents = await loadSearchDocuments(db, { after, limit: batchSize });
    if (documents.length === 0) break;
    await engine.upsert(documents);
    done += documents.length;
    after = documents.at(-1)!.productId;
    onProgress(done);
  }
  return done;
}
