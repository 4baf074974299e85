/**
 * A fresh, migrated PostgreSQL database for one benchmark: on the server in
 * DATABASE_URL when set, else on an embedded PostgreSQL started for the run
 * (durable default settings: fsync on, as in production).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { withDatabase } from '@/db/client';
import { freePort, startEmbeddedPostgres } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';

export type BenchDatabase = { url: string; adminUrl: string; postgresVersion: string; close(): Promise<void> };

export async function benchDatabase(name: string, log: (line: string) => void): Promise<BenchDatabase> {
  let adminUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!adminUrl) {
    const dataDir = path.resolve('.data', `bench-${name}`);
    rmSync(dataDir, { recursive: true, force: true });
    log('starting an embedded PostgreSQL for the benchmark');
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), maxConnections: 400 });
    adminUrl = server.adminUrl;
    stopServer = async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const database = `stockwise_bench_${name}_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${database}`);
  const [versionRow] = await admin<{ server_version: string }[]>`show server_version`;
  const version = versionRow?.server_version ?? "unknown";
  const url = withDatabase(adminUrl, database);
  log(`migrating ${database}`);
  await migrateDatabase(url);
  return {
    url,
    adminUrl,
    postgresVersion: String(version),
    async close() {
      await admin.unsafe(`drop database if exists ${database} with (force)`);
      await admin.end();
      await stopServer();
    },
  };
}

/**
 * A plain catalog for load: one category, `count` products of one variant each,
 * all stocked in one warehouse. Written with set-based SQL so 10,000 rows take a second.
 */
export async function createBenchCatalog(sql: postgres.Sql, count: number, unitsEach: number) {
  await sql`insert into suppliers (name) values ('Bench Supply')`;
  const [warehouse] = await sql<{ id: string }[]>`
    insert into warehouses (code, name, is_default) values ('BENCH', 'Bench warehouse', true) returning id`;
  const [category] = await sql<{ id: string }[]>`insert into categories (slug, name) values ('bench', 'Bench') returning id`;
  await sql`
    insert into products (slug, name, brand, category_id, status)
    select 'bench-' || g, 'Bench product ' || g, 'Bench', ${category!.id}, 'active' from generate_series(1, ${count}) g`;
  await sql`
    insert into product_variants (product_id, sku, title, price_cents)
    select p.id, 'BENCH-' || substr(p.slug, 7), 'Standard', 1000 + (substr(p.slug, 7)::int % 9000) from products p where p.slug like 'bench-%'`;
  await sql`
    insert into inventory_levels (variant_id, warehouse_id, bucket, on_hand)
    select v.id, ${warehouse!.id}, 0, ${unitsEach} from product_variants v where v.sku like 'BENCH-%'`;
  const [user] = await sql<{ id: string }[]>`
    insert into users (email, password_hash, role) values ('bench@example.com', 'not-a-password', 'customer') returning id`;
  const variants = (await sql<{ id: string }[]>`select id from product_variants where sku like 'BENCH-%' order by sku`).map((r) => r.id);
  return { warehouseId: warehouse!.id, userId: user!.id, variants };
}
