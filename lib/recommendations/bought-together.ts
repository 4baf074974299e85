/**
 * "Bought together": for every pair of products in the same paid order, a
 * co-occurrence count in `recommendations` (kind `bought_together`), kept up
 * to date by an incremental batch job.
 *
 * The watermark (in `batch_state`) is the moment an order first became paid —
 * its first `order_events` row into a paid status — plus the order id as a tie
 * breaker, never `orders.created_at`: an order placed before the last run but
 * paid after it is still counted, once. Each chunk adds its pairs
 * (`score = score + n`) and moves the watermark in one transaction, so a crash
 * or a second run never counts an order twice.
 *
 * Orders paid and later cancelled, refunded or returned keep their counts: the
 * pair was chosen together, which is what the signal is about, and subtracting
 * would need a second watermark over cancellations. Orders moved to the archive
 * later keep their counts too (they were counted while in `orders`).
 *
 * Only events older than a settle window are read: `order_events.created_at`
 * is its transaction's start time, so a transaction still running when the
 * batch passes could otherwise commit an event behind the watermark.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';

export const BOUGHT_TOGETHER = 'bought_together';
export const BOUGHT_TOGETHER_BATCH = 'recommendations.bought_together';
/** The graphile-worker task that runs the batch (cron and start-up). */
export const RECOMMENDATION_TASKS = { boughtTogether: 'recommendations-bought-together' } as const;
/** How many "bought together" products a product page shows: a change in these triggers a page refresh. */
export const BOUGHT_TOGETHER_SHOWN = 4;

const PAID_STATUSES = sql`('confirmed', 'processing', 'shipped', 'delivered')`;

type Watermark = { paidAt: string | null; orderId: string | null; orders: number; pairs: number };

export type BatchResult = {
  /** Orders counted by this run. */
  orders: number;
  /** Pair counts added (each direction once). */
  pairs: number;
  /** Products whose shown "bought together" list changed: their pages need revalidating. */
  changedProductIds: string[];
};

export type BatchOptions = { settleSeconds?: number; chunkSize?: number; shown?: number };

function readWatermark(raw: Record<string, unknown> | undefined): Watermark {
  return {
    paidAt: typeof raw?.paidAt === 'string' ? raw.paidAt : null,
    orderId: typeof raw?.orderId === 'string' ? raw.orderId : null,
    orders: typeof raw?.orders === 'number' ? raw.orders : 0,
    pairs: typeof raw?.pairs === 'number' ? raw.pairs : 0,
  };
}

/** The shown top list per product, as "rec1,rec2,…", for the given products. */
async function shownLists(tx: DbOrTx, productIds: string[], shown: number): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await tx.execute<{ product_id: string; list: string }>(sql`
    select product_id, string_agg(recommended_product_id::text, ',' order by score desc, recommended_product_id) as list
    from (
      select product_id, recommended_product_id, score,
             row_number() over (partition by product_id order by score desc, recommended_product_id) as rank
      from recommendations
      where kind = ${BOUGHT_TOGETHER} and product_id = any(${`{${productIds.join(',')}}`}::uuid[])
    ) ranked
    where rank <= ${shown}
    group by product_id`);
  return new Map(rows.map((r) => [r.product_id, r.list]));
}

/** One chunk: the next orders past the watermark, their pairs added, the watermark moved. Returns null when none. */
async function runChunk(db: DbOrTx, options: Required<BatchOptions>): Promise<BatchResult | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`insert into batch_state (name, watermark) values (${BOUGHT_TOGETHER_BATCH}, '{}'::jsonb) on conflict (name) do nothing`);
    // The row lock makes concurrent runs (cron and start-up, two workers) take turns.
    const [state] = await tx.execute<{ watermark: Record<string, unknown> }>(
      sql`select watermark from batch_state where name = ${BOUGHT_TOGETHER_BATCH} for update`,
    );
    const mark = readWatermark(state?.watermark);

    const after = mark.paidAt === null ? sql`true` : sql`(e.created_at, e.order_id) > (${mark.paidAt}::timestamptz, ${mark.orderId}::uuid)`;
    const paid = await tx.execute<{ order_id: string; paid_at: string }>(sql`
      select e.order_id, to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as paid_at
      from order_events e
      where e.to_status in ${PAID_STATUSES}
        and e.created_at < now() - make_interval(secs => ${options.settleSeconds})
        and ${after}
        and not exists (
          select 1 from order_events p
          where p.order_id = e.order_id and p.to_status in ${PAID_STATUSES} and p.id < e.id)
      order by e.created_at, e.order_id
      limit ${options.chunkSize}`);
    if (paid.length === 0) {
      await tx.execute(sql`update batch_state set ran_at = now() where name = ${BOUGHT_TOGETHER_BATCH}`);
      return null;
    }

    const orderIds = `{${paid.map((p) => p.order_id).join(',')}}`;
    const touched = await tx.execute<{ product_id: string }>(sql`
      select distinct v.product_id from order_items i join product_variants v on v.id = i.variant_id
      where i.order_id = any(${orderIds}::uuid[])`);
    const touchedIds = touched.map((t) => t.product_id);
    const before = await shownLists(tx, touchedIds, options.shown);

    const [added] = await tx.execute<{ pairs: number }>(sql`
      with lines as (
        select distinct i.order_id, v.product_id
        from order_items i join product_variants v on v.id = i.variant_id
        where i.order_id = any(${orderIds}::uuid[])
      ), pairs as (
        select a.product_id, b.product_id as recommended_product_id, count(*)::int as n
        from lines a join lines b on b.order_id = a.order_id and b.product_id <> a.product_id
        group by a.product_id, b.product_id
      ), upserted as (
        insert into recommendations (kind, product_id, recommended_product_id, score, created_at)
        select ${BOUGHT_TOGETHER}, product_id, recommended_product_id, n, now() from pairs
        order by product_id, recommended_product_id
        on conflict (kind, product_id, recommended_product_id)
        do update set score = recommendations.score + excluded.score, created_at = excluded.created_at
        returning 1
      )
      select coalesce((select sum(n) from pairs), 0)::int as pairs`);

    const after2 = await shownLists(tx, touchedIds, options.shown);
    const changedProductIds = touchedIds.filter((id) => before.get(id) !== after2.get(id)).sort();

    const last = paid[paid.length - 1]!;
    const next: Watermark = { paidAt: last.paid_at, orderId: last.order_id, orders: mark.orders + paid.length, pairs: mark.pairs + added!.pairs };
    await tx.execute(sql`update batch_state set watermark = ${JSON.stringify(next)}::jsonb, ran_at = now() where name = ${BOUGHT_TOGETHER_BATCH}`);
    return { orders: paid.length, pairs: added!.pairs, changedProductIds };
  });
}

/**
 * Counts the pairs of every order paid since the last run. Safe to run at any
 * time and any number of times: a run with nothing new changes nothing but `ran_at`.
 */
export async function runBoughtTogetherBatch(db: DbOrTx, options: BatchOptions = {}): Promise<BatchResult> {
  const resolved: Required<BatchOptions> = {
    settleSeconds: options.settleSeconds ?? 60,
    chunkSize: options.chunkSize ?? 2000,
    shown: options.shown ?? BOUGHT_TOGETHER_SHOWN,
  };
  const total: BatchResult = { orders: 0, pairs: 0, changedProductIds: [] };
  const changed = new Set<string>();
  for (;;) {
    const chunk = await runChunk(db, resolved);
    if (!chunk) break;
    total.orders += chunk.orders;
    total.pairs += chunk.pairs;
    for (const id of chunk.changedProductIds) changed.add(id);
    if (chunk.orders < resolved.chunkSize) break;
  }
  total.changedProductIds = [...changed].sort();
  return total;
}

export type BoughtTogetherStatus = { ranAt: Date | null; countedUpTo: Date | null; orders: number; pairs: number; products: number };

/** How fresh the counts are, for the merchant: when the batch last ran and how many orders it has counted. */
export async function boughtTogetherStatus(db: DbOrTx): Promise<BoughtTogetherStatus> {
  const [row] = await db.execute<{ ran_at: Date | string | null; watermark: Record<string, unknown> | null; products: number }>(sql`
    select b.ran_at, b.watermark,
           (select count(distinct product_id)::int from recommendations where kind = ${BOUGHT_TOGETHER}) as products
    from (select 1) one left join batch_state b on b.name = ${BOUGHT_TOGETHER_BATCH}`);
  const mark = readWatermark(row?.watermark ?? undefined);
  return {
    ranAt: row?.ran_at ? new Date(row.ran_at) : null,
    countedUpTo: mark.paidAt ? new Date(mark.paidAt) : null,
    orders: mark.orders,
    pairs: mark.pairs,
    products: row?.products ?? 0,
  };
}
