/** After stock moves, the gates of variants in a live flash sale are set again from PostgreSQL. */
import type { DbOrTx } from '@/db/client';
import type { Subscriber } from '@/lib/events/subscribers';
import { reconcileGate } from './gate';
import { liveSales } from './sales';

export async function reconcileLiveGates(db: DbOrTx, variantIds?: readonly string[]): Promise<number> {
  const sales = await liveSales(db);
  const targets = variantIds ? variantIds.filter((id) => sales.has(id)) : [...sales.keys()];
  for (const variantId of new Set(targets)) await reconcileGate(db, variantId);
  return targets.length;
}

export const gateSync: Subscriber = {
  name: 'flash-gate-sync',
  handles: (event) => event.type === 'inventory.changed',
  run: async (db, event) => {
    if (event.type === 'inventory.changed') await reconcileLiveGates(db, event.variantIds);
  },
};
