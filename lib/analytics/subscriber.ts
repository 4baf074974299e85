/** A paid order counts once in the funnel: the job that records it is idempotent. */
import { sql } from 'drizzle-orm';
import type { Subscriber } from '@/lib/events/subscribers';

export const paidAnalytics: Subscriber = {
  name: 'analytics-paid',
  handles: (event) => event.type === 'order.confirmed',
  run: async (db, event) => {
    if (event.type !== 'order.confirmed') return;
    await db.execute(sql`
      insert into analytics_events (type, user_id, data)
      select 'paid', o.user_id, jsonb_build_object('orderId', o.id, 'totalCents', o.total_cents)
      from orders o where o.id = ${event.orderId}
        and not exists (select 1 from analytics_events a where a.type = 'paid' and a.data->>'orderId' = ${event.orderId})`);
  },
};
