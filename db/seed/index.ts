import { sql } from 'drizzle-orm';
import { inTransaction, type DbOrTx } from '@/db/client';
import {
  apiKeys,
  categories,
  productImages,
  productVariants,
  products,
  promotions,
  suppliers,
  users,
  warehouses,
} from '@/db/schema';
import { apiKeyPrefix, hashApiKey } from '@/lib/auth/api-key-hash';
import { DEMO_CUSTOMER_PASSWORD } from '@/lib/config/demo';
import { hashPassword } from '@/lib/auth/password';
import { receiveStock } from '@/lib/inventory/receive';
import { runBoughtTogetherBatch } from '@/lib/recommendations/bought-together';
import { DEFAULT_SEED, generateDemoShop } from './generate';
import { generateOrderHistory } from './history';
import { writeOrderHistory } from './write-history';

export type SeedSummary = { products: number; variants: number; categories: number; users: number; orders: number };

/** The password of the demo customers who placed the order history (README). */
export { DEMO_CUSTOMER_PASSWORD };

/** True when the database holds no catalog yet (a fresh install). */
export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  const [row] = await db.execute<{ empty: boolean }>(
    sql`select not exists (select 1 from products) and not exists (select 1 from users) as empty`,
  );
  return Boolean(row?.empty);
}

/**
 * Writes the demo shop in one transaction, "bought together" included: all of it,
 * or nothing (a start killed half-way leaves an empty database to seed again).
 * Given a transaction, it joins it.
 */
export async function seedDemoData(db: DbOrTx, seed = DEFAULT_SEED): Promise<SeedSummary> {
  const shop = generateDemoShop(seed);
  const history = generateOrderHistory(shop, seed);
  const [hashed, customerHash] = await Promise.all([
    Promise.all(shop.users.map(async (user) => ({ user, passwordHash: await hashPassword(user.password) }))),
    hashPassword(DEMO_CUSTOMER_PASSWORD),
  ]);

  await inTransaction(db, async (tx) => {
    await tx.insert(users).values(
      hashed.map(({ user, passwordHash }) => ({ id: user.id, email: user.email, name: user.name, role: user.role, passwordHash })),
    );
    const keys = shop.users.filter((user) => user.apiKey);
    await tx.insert(apiKeys).values(
      keys.map((user) => ({
        userId: user.id,
        name: 'Demo key',
        prefix: apiKeyPrefix(user.apiKey!),
        keyHash: hashApiKey(user.apiKey!),
      })),
    );
    await tx.insert(suppliers).values(shop.suppliers);
    await tx.insert(warehouses).values(shop.warehouses);
    await tx.insert(categories).values(shop.categories);
    await tx.insert(products).values(shop.products.map((p) => ({ ...p, status: 'active' as const, updatedAt: p.createdAt })));
    for (let i = 0; i < shop.variants.length; i += 1000) {
      await tx.insert(productVariants).values(shop.variants.slice(i, i + 1000));
    }
    await tx.insert(productImages).values(shop.images);
    await receiveStock(
      tx,
      shop.stock.map((s) => ({ variantId: s.variantId, warehouseId: s.warehouseId, quantity: s.onHand })),
      { reason: 'demo data: opening stock' },
    );
    await tx.insert(promotions).values(shop.promotions);
    const merchantId = shop.users.find((u) => u.role === 'merchant')!.id;
    await writeOrderHistory(tx, history, { now: new Date(), merchantId, passwordHash: customerHash });
    // "Bought together" from the history at once, rather than at the first run of the job.
    await runBoughtTogetherBatch(tx);
  });

  return {
    products: shop.products.length, variants: shop.variants.length, categories: shop.categories.length,
    users: shop.users.length + history.customers.length, orders: history.orders.length,
  };
}
