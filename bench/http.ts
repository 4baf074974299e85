/**
 * The HTTP benchmark: the built app under `next start` on a fresh, seeded
 * database, loaded by a second process: cached product and category pages,
 * then full REST checkouts (API key → add to cart → place the order → pay
 * through the webhook) in the shapes a peer was measured with.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql as dsql } from 'drizzle-orm';
import { connect } from '@/db/client';
import { freePort } from '@/db/embedded';
import { seedDemoData } from '@/db/seed';
import { hashApiKey } from '@/lib/auth/api-key-hash';
import { DEV_WEBHOOK_SECRET } from '@/lib/payments/config';
import { benchDatabase } from './lib/database';
import { assertCorrect, machine, printTable, writeResults, type Row } from './lib/report';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

async function load(plan: unknown): Promise<any> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'http-load.ts'), JSON.stringify(plan)], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the app did not answer at ${url}`);
}

export async function runHttpBenchmark(log: (line: string) => void) {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    log('building the app (next build)');
    await run(process.execPath, [nextBin, 'build'], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, maxBuffer: 64 * 1024 * 1024 });
  }
  const database = await benchDatabase('http', log);
  const { db, sql } = connect(database.url, { max: 4 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let app: ReturnType<typeof spawn> | undefined;
  try {
    log('seeding the demo shop and 900 buyers with API keys');
    await seedDemoData(db);
    const buyers = Array.from({ length: 900 }, (_, i) => ({ email: `buyer${i}@bench.example`, key: `sw_bench_buyer_${i}_${Math.random().toString(36).slice(2)}` }));
    await sql`insert into users ${sql(buyers.map((b) => ({ email: b.email, password_hash: 'not-a-password', role: 'customer' })))}`;
    const ids = await sql<{ id: string; email: string }[]>`select id, email from users where email like '%@bench.example'`;
    const idOf = new Map(ids.map((r) => [r.email, r.id]));
    await sql`insert into api_keys ${sql(buyers.map((b) => ({ user_id: idOf.get(b.email)!, name: 'bench', prefix: b.key.slice(0, 12), key_hash: hashApiKey(b.key) })))}`;

    const variants = await sql<{ id: string; slug: string }[]>`
      select v.id, p.slug from product_variants v join products p on p.id = v.product_id order by v.sku limit 302`;
    const [hotA, hotB, ...spread] = variants;
    const warehouse = (await sql<{ id: string }[]>`select id from warehouses where is_default`)[0]!.id;
    const stock = async (variantId: string, units: number) => {
      await sql`delete from inventory_levels where variant_id = ${variantId}`;
      await sql`insert into inventory_levels (variant_id, warehouse_id, bucket, on_hand) values (${variantId}, ${warehouse}, 0, ${units})`;
    };
    await stock(hotA!.id, 50);
    await stock(hotB!.id, 50);
    for (const v of spread) await stock(v.id, 5);

    const logPath = path.join(root, '.data', 'bench-http-app.log');
    const logFile = openSync(logPath, 'w');
    log(`starting the app on ${base} (its log: ${path.relative(root, logPath)})`);
    app = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), STOCKWISE_DEMO: '1', AUTH_SECRET: 'bench-secret', NEXT_TELEMETRY_DISABLED: '1', DATABASE_POOL_MAX: '20' },
      stdio: ['ignore', logFile, logFile],
    });
    await waitForHttp(`${base}/`, 60_000);

    const productUrl = `${base}/products/${hotA!.slug}`;
    await fetch(productUrl);
    await fetch(`${base}/categories/clothing`);
    const pageRows: Row[] = [];
    for (const [name, url] of [['product page (cached)', productUrl], ['category page', `${base}/categories/clothing`]] as const) {
      log(`${name}: 50 connections for 10 s`);
      const r = await load({ kind: 'page', name, url, seconds: 10, concurrency: 50 });
      pageRows.push({ endpoint: name, 'req/s': r.perSecond, requests: r.requests, 'p50 ms': r.latency.p50, 'p95 ms': r.latency.p95, 'p99 ms': r.latency.p99, errors: Object.values(r.errors as Record<string, number>).reduce((s, n) => s + n, 0) });
    }
    printTable('http — pages (next start, load from a second process)', pageRows);

    const checkoutRows: Row[] = [];
    const scenarios = [
      { id: 'hot50', name: 'hot: 300 buyers, 50 units, concurrency 50', concurrency: 50, units: 50, variant: hotA!, buyers: buyers.slice(0, 300).map((b) => ({ key: b.key, itemId: hotA!.id })) },
      { id: 'hot300', name: 'hot: 300 buyers, 50 units, concurrency 300', concurrency: 300, units: 50, variant: hotB!, buyers: buyers.slice(300, 600).map((b) => ({ key: b.key, itemId: hotB!.id })) },
      { id: 'spread', name: 'spread: 300 buyers, 300 variants, concurrency 50', concurrency: 50, units: 300 * 5, variant: null, buyers: buyers.slice(600, 900).map((b, i) => ({ key: b.key, itemId: spread[i]!.id })) },
    ];
    for (const s of scenarios) {
      log(s.name);
      const r = await load({ kind: 'checkout', name: s.id, base, concurrency: s.concurrency, webhookSecret: DEV_WEBHOOK_SECRET, buyers: s.buyers });
      const itemIds = [...new Set(s.buyers.map((b) => b.itemId))];
      const [counts] = await db.execute<{ orders: number; units_sold: number; left: number }>(dsql`
        select (select count(distinct o.id)::int from orders o join order_items i on i.order_id = o.id
                  where i.variant_id in (${dsql.join(itemIds.map((id) => dsql`${id}::uuid`), dsql`, `)}) and o.status = 'confirmed') as orders,
               (select coalesce(sum(i.quantity), 0)::int from orders o join order_items i on i.order_id = o.id
                  where i.variant_id in (${dsql.join(itemIds.map((id) => dsql`${id}::uuid`), dsql`, `)}) and o.status = 'confirmed') as units_sold,
               (select coalesce(sum(on_hand - reserved), 0)::int from inventory_levels
                  where variant_id in (${dsql.join(itemIds.map((id) => dsql`${id}::uuid`), dsql`, `)})) as left`);
      const oversold = Math.max(0, counts!.units_sold - s.units);
      const stranded = r.refused > 0 ? counts!.left : 0;
      assertCorrect(oversold === 0, `${s.name}: oversold ${oversold}`);
      checkoutRows.push({
        scenario: s.name,
        'checkouts/s': r.perSecond,
        confirmed: r.confirmed,
        refused: r.refused,
        errors: Object.entries(r.errors as Record<string, number>).map(([k, n]) => `${k}×${n}`).join(', ') || '0',
        'p50 ms': r.latency.p50,
        'p95 ms': r.latency.p95,
        'p99 ms': r.latency.p99,
        'orders/units': `${counts!.orders}/${s.units}`,
        oversold,
        stranded,
      });
    }
    printTable('http — REST checkouts (API key → cart → order → webhook), one request chain per buyer', checkoutRows);
    const file = writeResults('http', { machine: machine(database.postgresVersion), pages: pageRows, checkouts: checkoutRows });
    log(`wrote ${file}`);
  } finally {
    app?.kill('SIGTERM');
    await sql.end({ timeout: 5 });
    await database.close();
  }
}
