/**
 * The scheduled job: count the newly paid orders, then ask the app to refresh
 * the cached product pages whose "Bought together" list changed (jobs run
 * outside requests, so through the signed revalidation route).
 */
import type { DbOrTx } from '@/db/client';
import { catalogTags } from '@/lib/catalog/cache-tags';
import type { Revalidate } from '@/lib/catalog/stock-labels';
import { runBoughtTogetherBatch, type BatchOptions, type BatchResult } from './bought-together';

/** The revalidation route takes at most 200 tags per request. */
const TAGS_PER_REQUEST = 200;

export async function runRecommendationsJob(
  db: DbOrTx,
  revalidate: Revalidate,
  options: BatchOptions & { log?: (line: string) => void } = {},
): Promise<BatchResult> {
  const result = await runBoughtTogetherBatch(db, options);
  const tags = result.changedProductIds.map((id) => catalogTags.product(id));
  try {
    for (let i = 0; i < tags.length; i += TAGS_PER_REQUEST) await revalidate(tags.slice(i, i + TAGS_PER_REQUEST));
  } catch (error) {
    // The counts are committed and the watermark moved, so a retry would find nothing to refresh;
    // product pages expire within the hour (their ISR `revalidate`) and pick the new lists up then.
    options.log?.(`recommendations: could not refresh ${tags.length} product page(s): ${(error as Error).message}`);
  }
  if (result.orders > 0) options.log?.(`recommendations: counted ${result.orders} order(s), ${result.pairs} pair(s); ${tags.length} product page(s) refreshed`);
  return result;
}
