/** Wires the domain-event consumers. Imported once by the job runner. */
import { publishStockLabels } from '@/lib/catalog/stock-labels';
import { revalidateRemotely } from '@/lib/catalog/remote-revalidate';
import { subscribe } from '@/lib/events/subscribers';
import { searchSync } from '@/lib/search/subscriber';
import { gateSync } from '@/lib/flash/subscriber';
import { paidAnalytics } from '@/lib/analytics/subscriber';
import { notificationsSubscriber } from '@/lib/notifications/subscriber';

subscribe({
  name: 'stock-labels',
  handles: (event) => event.type === 'inventory.changed',
  run: async (db, event) => {
    if (event.type === 'inventory.changed') await publishStockLabels(db, event.variantIds, revalidateRemotely);
  },
});

subscribe(searchSync);
subscribe(gateSync);
subscribe(paidAnalytics);
subscribe(notificationsSubscriber);
