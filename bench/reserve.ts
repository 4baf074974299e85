/**
 * The reserve benchmark (library level, no HTTP): Stockwise's checkout
 * (`placeOrder`: re-price, reserve, order, items, reservations, payment row,
 * event, jobs — one transaction) beside the textbook design (one transaction:
 * `SELECT … FOR UPDATE` on the stock row, check, update, insert an order), in
 * the same run, on the same database server.
 */
import { sql as dsql } from 'drizzle-orm';
import { connect, type Db } from '@/db/client';
import { placeOrder } from '@/lib/checkout/place-order';
import { rebucket } from '@/lib/inventory/adjust';
import type { AdmissionProof } from '@/lib/flash/admission-check';
import { createFlashSale } from '@/lib/flash/sales';
import { admissionCookie, issueAdmission } from '@/lib/flash/waiting-room';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { kv } from '@/lib/kv';
import { assertCorrect, latencySummary, machine, printTable, writeResults, type Row } from './lib/report';
import { benchDatabase, createBenchCatalog } from './lib/database';

type Line = { variantId: string; quantity: number };
type Outcome = 'ok' | 'out_of_stock' | string;
type Checkout = (lines: Line[]) => Promise<Outcome>;

const POOL = Number(process.env.BENCH_POOL ?? 32);
const UNIFORM_SECONDS = Number(process.env.BENCH_UNIFORM_SECONDS ?? 20);
const UNIFORM_CLIENTS = 64;
const HOT_BUYERS = 10_000;
const HOT_UNITS = 1_000;

/** Which store the gate runs on in this run: a real Redis when REDIS_URL is set (bench/run.ts starts one if it can). */
function gateLabel(): string {
  return kv().kind === 'memory' ? 'in-process' : 'Redis';
}

/** Stockwise's checkout, buyers taking turns (a flash sale caps each shopper, so its buyers are many, each let through the line). */
function stockwise(db: Db, userIds: readonly string[], admission?: AdmissionProof): Checkout {
  let turn = 0;
  return async (lines) => {
    try {
      await placeOrder(db, { userId: userIds[turn++ % userIds.length]!, email: 'bench@example.com', lines, admission });
      return 'ok';
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code === 'out_of_stock' ? 'out_of_stock' : `error:${code ?? (error as Error).message}`;
    }
  };
}

/** The textbook checkout: lock each line's one stock row, check, update, insert the order. */
function naive(db: Db, userId: string, warehouseId: string): Checkout {
  return async (lines) => {
    try {
      await db.transaction(async (tx) => {
        for (const line of lines) {
          const [row] = await tx.execute<{ available: number }>(dsql`
            select on_hand - reserved as available from inventory_levels
            where variant_id = ${line.variantId} and warehouse_id = ${warehouseId} and bucket = 0 for update`);
          if (!row || row.available < line.quantity) throw Object.assign(new Error('out of stock'), { code: 'out_of_stock' });
          await tx.execute(dsql`
            update inventory_levels set reserved = reserved + ${line.quantity}
            where variant_id = ${line.variantId} and warehouse_id = ${warehouseId} and bucket = 0`);
        }
        await tx.execute(dsql`insert into orders (user_id, subtotal_cents, total_cents) values (${userId}, 0, 0)`);
      });
      return 'ok';
    } catch (error) {
      const code = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      return code === 'out_of_stock' ? 'out_of_stock' : `error:${code ?? (error as Error).message}`;
    }
  };
}

type Tally = { orders: number; refused: number; errors: Record<string, number>; latencies: number[]; lastSuccessMs: number; firstRefusalMs: number | null };

function tally(): Tally {
  return { orders: 0, refused: 0, errors: {}, latencies: [], lastSuccessMs: 0, firstRefusalMs: null };
}

function record(t: Tally, outcome: Outcome, startedAt: number, runStart: number) {
  const now = performance.now();
  if (outcome === 'ok') {
    t.orders++;
    t.latencies.push(now - startedAt);
    t.lastSuccessMs = Math.max(t.lastSuccessMs, now - runStart);
  } else if (outcome === 'out_of_stock') {
    t.refused++;
    t.firstRefusalMs ??= now - runStart;
  } else {
    t.errors[outcome] = (t.errors[outcome] ?? 0) + 1;
  }
}

async function uniform(checkout: Checkout, variants: string[], seconds: number) {
  const t = tally();
  const runStart = performance.now();
  const deadline = runStart + seconds * 1000;
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  await Promise.all(
    Array.from({ length: UNIFORM_CLIENTS }, async () => {
      while (performance.now() < deadline) {
        const count = 1 + Math.floor(random() * 3);
        const lines = Array.from({ length: count }, () => ({ variantId: variants[Math.floor(random() * variants.length)]!, quantity: 1 }));
        const startedAt = performance.now();
        record(t, await checkout(lines), startedAt, runStart);
      }
    }),
  );
  return { t, elapsedMs: performance.now() - runStart };
}

async function hot(checkout: Checkout, variantId: string) {
  const t = tally();
  const runStart = performance.now();
  await Promise.all(
    Array.from({ length: HOT_BUYERS }, async () => {
      const startedAt = performance.now();
      record(t, await checkout([{ variantId, quantity: 1 }]), startedAt, runStart);
    }),
  );
  return { t, elapsedMs: performance.now() - runStart };
}

async function benchShoppers(db: Db, count: number): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(dsql`
    insert into users (email, password_hash) select 'bench-' || gen_random_uuid() || '@example.com', 'x' from generate_series(1, ${count}) returning id`);
  return rows.map((r) => r.id);
}

async function unitsLeft(db: Db, variantId: string): Promise<{ onHand: number; reserved: number }> {
  const [row] = await db.execute<{ on_hand: number; reserved: number }>(dsql`
    select coalesce(sum(on_hand), 0)::int as on_hand, coalesce(sum(reserved), 0)::int as reserved from inventory_levels where variant_id = ${variantId}`);
  return { onHand: row!.on_hand, reserved: row!.reserved };
}

function row(scenario: string, design: string, r: { t: Tally; elapsedMs: number }, extra: Row = {}): Row {
  const lat = latencySummary(r.t.latencies);
  const errors = Object.values(r.t.errors).reduce((s, n) => s + n, 0);
  return {
    scenario,
    design,
    'checkouts/s': Math.round((r.t.orders / r.elapsedMs) * 1000),
    orders: r.t.orders,
    refused: r.t.refused,
    errors,
    'p50 ms': lat.p50,
    'p95 ms': lat.p95,
    'p99 ms': lat.p99,
    ...extra,
  };
}

export async function runReserveBenchmark(log: (line: string) => void) {
  const database = await benchDatabase('reserve', log);
  const { db, sql } = connect(database.url, { max: POOL });
  try {
    log('creating 2 × 10,000 variants (one set per design) and the hot ones');
    const catalog = await createBenchCatalog(sql, 20_004, 1_000_000);
    const uniformVariants = { naive: catalog.variants.slice(0, 10_000), stockwise: catalog.variants.slice(10_000, 20_000) };
    const hotVariants = catalog.variants.slice(20_000);
    const ours = stockwise(db, [catalog.userId]);
    const textbook = naive(db, catalog.userId, catalog.warehouseId);
    const rows: Row[] = [];
    const details: Record<string, unknown> = {};

    for (const [design, checkout] of [['naive', textbook], ['stockwise', ours]] as const) {
      log(`uniform: ${design}, ${UNIFORM_CLIENTS} clients for ${UNIFORM_SECONDS} s`);
      const result = await uniform(checkout, uniformVariants[design], UNIFORM_SECONDS);
      rows.push(row('uniform', design, result));
      details[`uniform.${design}`] = { errors: result.t.errors };
    }

    const scenarios = [
      { scenario: 'hot (1 row)', design: 'naive', checkout: textbook, variantId: hotVariants[0]!, buckets: 1 },
      { scenario: 'hot (1 row)', design: 'stockwise', checkout: ours, variantId: hotVariants[1]!, buckets: 1 },
      { scenario: 'hot, 10 buckets', design: 'stockwise', checkout: ours, variantId: hotVariants[2]!, buckets: 10 },
      { scenario: `hot, 10 buckets + ${gateLabel()} gate`, design: 'stockwise', checkout: ours, variantId: hotVariants[3]!, buckets: 10, gate: true },
    ];
    for (const s of scenarios) {
      await sql`update inventory_levels set on_hand = ${HOT_UNITS}, reserved = 0 where variant_id = ${s.variantId}`;
      let checkout = s.checkout;
      if ('gate' in s) {
        const sale = await createFlashSale(db, { variantId: s.variantId, name: 'bench drop', startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + 3600_000), admitPerSecond: 1000, maxPerOrder: 1, buckets: s.buckets }, null);
        process.env.AUTH_SECRET ??= 'bench-secret'; // signs the admission cookies
        const admission = { cookie: (name: string) => (name === admissionCookie(sale.id) ? issueAdmission(sale.id, 1).value : undefined) };
        checkout = stockwise(db, await benchShoppers(db, HOT_BUYERS), admission);
      } else if (s.buckets > 1) await db.transaction((tx) => rebucket(tx, s.variantId, catalog.warehouseId, s.buckets));
      log(`${s.scenario}: ${s.design}, ${HOT_BUYERS} buyers for ${HOT_UNITS} units`);
      const result = await hot(checkout, s.variantId);
      const left = await unitsLeft(db, s.variantId);
      const oversold = Math.max(0, result.t.orders - HOT_UNITS) + Math.max(0, left.reserved - left.onHand);
      const stranded = result.t.refused > 0 ? left.onHand - left.reserved : 0;
      assertCorrect(oversold === 0, `${s.scenario} ${s.design} oversold ${oversold} units`);
      assertCorrect(left.reserved === result.t.orders, `${s.scenario} ${s.design}: ${left.reserved} reserved for ${result.t.orders} orders`);
      rows.push(row(s.scenario, s.design, result, { 'sold out ms': Math.round(result.t.lastSuccessMs), oversold, stranded }));
      details[`${s.scenario}.${s.design}`] = { errors: result.t.errors, soldOutMs: result.t.lastSuccessMs, stranded, oversold };
    }

    // The naive design keeps no reservation rows, so only Stockwise's variants can be held to the invariants.
    const naiveVariants = new Set([...uniformVariants.naive, hotVariants[0]!]);
    const ourViolations = (await checkInventoryInvariants(db)).filter((v) => !naiveVariants.has(v.variantId));
    assertCorrect(ourViolations.length === 0, `inventory invariants broken: ${JSON.stringify(ourViolations.slice(0, 3))}`);

    for (const scenario of ['uniform', 'hot (1 row)']) {
      const [n, s] = [rows.find((r) => r.scenario === scenario && r.design === 'naive'), rows.find((r) => r.scenario === scenario && r.design === 'stockwise')];
      if (n && s) s.ratio = `${(Number(s['checkouts/s']) / Math.max(1, Number(n['checkouts/s']))).toFixed(2)}×`;
    }
    const naiveHot = rows.find((r) => r.scenario === 'hot (1 row)' && r.design === 'naive');
    for (const row of rows.filter((r) => String(r.scenario).startsWith('hot, '))) {
      if (naiveHot) row.ratio = `${(Number(row['checkouts/s']) / Math.max(1, Number(naiveHot['checkouts/s']))).toFixed(2)}×`;
    }

    printTable(`reserve — pool ${POOL}, uniform ${UNIFORM_CLIENTS} clients × ${UNIFORM_SECONDS} s, hot ${HOT_BUYERS} buyers / ${HOT_UNITS} units`, rows);
    const file = writeResults('reserve', { machine: machine(database.postgresVersion), settings: { pool: POOL, uniformSeconds: UNIFORM_SECONDS, uniformClients: UNIFORM_CLIENTS, hotBuyers: HOT_BUYERS, hotUnits: HOT_UNITS }, rows, details });
    log(`wrote ${file}`);
    return rows;
  } finally {
    await sql.end({ timeout: 5 });
    await database.close();
  }
}
