/**
 * Analytics events (product views, searches, add-to-cart, checkout started,
 * paid) are recorded cheaply: `track` only pushes to an in-process buffer,
 * flushed as one multi-row insert every second or 200 events. Never on the
 * critical path of checkout; a failed flush is logged and dropped (these are
 * statistics, not business records).
 */
import { getDb, type DbOrTx } from '@/db/client';
import { analyticsEvents } from '@/db/schema';

export const ANALYTICS_TYPES = ['product_view', 'search', 'add_to_cart', 'checkout_started', 'paid'] as const;
export type AnalyticsType = (typeof ANALYTICS_TYPES)[number];

export type AnalyticsEvent = {
  type: AnalyticsType;
  userId?: string | null;
  sessionId?: string | null;
  productId?: string | null;
  variantId?: string | null;
  data?: Record<string, unknown>;
};

const holder = globalThis as unknown as { __stockwiseAnalytics?: { buffer: AnalyticsEvent[]; timer: ReturnType<typeof setTimeout> | null } };
const state = (holder.__stockwiseAnalytics ??= { buffer: [], timer: null });

export function track(event: AnalyticsEvent): void {
  state.buffer.push(event);
  if (state.buffer.length >= 200) void flushAnalytics();
  else state.timer ??= setTimeout(() => void flushAnalytics(), 1000);
}

export async function flushAnalytics(db: DbOrTx = getDb()): Promise<number> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  const batch = state.buffer.splice(0);
  if (batch.length === 0) return 0;
  try {
    await db.insert(analyticsEvents).values(
      batch.map((e) => ({ type: e.type, userId: e.userId ?? null, sessionId: e.sessionId ?? null, productId: e.productId ?? null, variantId: e.variantId ?? null, data: e.data ?? {} })),
    );
    return batch.length;
  } catch (error) {
    console.warn(`[analytics] dropped ${batch.length} events: ${(error as Error).message}`);
    return 0;
  }
}
