/** The search index follows stock and product changes (a job per event; idempotent). */
import type { Subscriber } from '@/lib/events/subscribers';
import { productIdsOfVariants } from './documents';
import { searchEngine } from './engine';
import { syncProducts } from './sync';

export const searchSync: Subscriber = {
  name: 'search-sync',
  handles: (event) => event.type === 'inventory.changed',
  run: async (db, event) => {
    if (event.type !== 'inventory.changed') return;
    await syncProducts(searchEngine(db), db, await productIdsOfVariants(db, event.variantIds));
  },
};
