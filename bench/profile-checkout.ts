/**
 * Profiling aid (not a benchmark): Stockwise checkouts from 64 clients for SECONDS (default 8) on a
 * fresh database, e.g. `node --import tsx --cpu-prof bench/profile-checkout.ts`; BENCH_POOL sets the pool.
 */
import { connect } from '@/db/client';
import { placeOrder } from '@/lib/checkout/place-order';
import { benchDatabase, createBenchCatalog } from './lib/database';

const database = await benchDatabase('profile', console.log);
const { db, sql } = connect(database.url, { max: Number(process.env.BENCH_POOL ?? 32) });
const catalog = await createBenchCatalog(sql, 10_000, 1_000_000);
let done = 0;
const deadline = performance.now() + Number(process.env.SECONDS ?? 8) * 1000;
await Promise.all(
  Array.from({ length: 64 }, async (_, i) => {
    let n = i;
    while (performance.now() < deadline) {
      n = (n * 7919 + 13) % catalog.variants.length;
      await placeOrder(db, { userId: catalog.userId, email: 'b@example.com', lines: [{ variantId: catalog.variants[n]!, quantity: 1 }] });
      done++;
    }
  }),
);
console.log(`${done} checkouts, ${Math.round(done / Number(process.env.SECONDS ?? 8))}/s`);
await sql.end();
await database.close();
