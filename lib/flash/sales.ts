/** Flash sales: a merchant marks a variant hot for a time window (lib/flash). */
import { and, desc, eq, gt, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { inTransaction } from '@/db/client';
import { flashSales, productVariants, warehouses } from '@/db/schema';
import { invalidField, invalidRequest } from '@/lib/api/errors';
import { recordAudit } from '@/lib/audit/audit';
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';
import { rebucket } from '@/lib/inventory/adjust';
import { reconcileGate } from './gate';

export type FlashSale = typeof flashSales.$inferSelect;

export const flashSaleSchema = z
  .object({
    variantId: z.uuid({ error: 'must be a variant id' }),
    name: z.string().trim().min(1, { error: 'is required' }).max(100),
    startsAt: z.coerce.date({ error: 'must be a date and time' }),
    endsAt: z.coerce.date({ error: 'must be a date and time' }),
    admitPerSecond: z.coerce.number().int().min(1).max(100_000),
    maxPerOrder: z.coerce.number().int().min(1).max(100).default(1),
    buckets: z.coerce.number().int().min(1).max(64).default(8),
  })
  .refine((s) => s.endsAt > s.startsAt, { error: 'must be after the start', path: ['endsAt'] });

/**
 * Creates the sale: splits the variant's stock into buckets in every warehouse
 * (so concurrent buyers lock different rows) and loads the gate from PostgreSQL.
 */
export async function createFlashSale(db: DbOrTx, input: z.infer<typeof flashSaleSchema>, createdBy: string | null): Promise<FlashSale> {
  const sale = await inTransaction(db, async (tx) => {
    const [variant] = await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.id, input.variantId));
    if (!variant) throw invalidField('variantId', 'no such variant');
    const [overlap] = await tx
      .select({ id: flashSales.id })
      .from(flashSales)
      .where(and(eq(flashSales.variantId, input.variantId), lte(flashSales.startsAt, input.endsAt), gt(flashSales.endsAt, input.startsAt)));
    if (overlap) throw invalidField('startsAt', 'this variant already has a flash sale in that window');
    const [created] = await tx.insert(flashSales).values({ ...input, createdBy }).returning();
    if (createdBy) await recordAudit(tx, { actorUserId: createdBy, action: 'flash_sale.created', entityType: 'flash_sale', entityId: created!.id, data: { ...input } });
    for (const warehouse of await tx.select({ id: warehouses.id }).from(warehouses)) {
      await rebucket(tx, input.variantId, warehouse.id, input.buckets);
    }
    return created!;
  });
  await reconcileGate(db, sale.variantId);
  forgetHotVariants();
  return sale;
}

/** What the dashboard form sends: the variant by SKU, the start as seconds from now, the length in minutes. */
const scheduleFormSchema = z.object({
  sku: z.string().trim().min(1, { error: 'is required' }).max(100),
  name: z.unknown(),
  startsInSeconds: z.coerce.number({ error: 'must be a number' }).int().min(0).max(365 * 86_400).default(0),
  durationMinutes: z.coerce.number({ error: 'must be a number' }).int().min(1).max(30 * 24 * 60).default(60),
  admitPerSecond: z.unknown(),
  maxPerOrder: z.unknown(),
  buckets: z.unknown(),
});

/** A merchant schedules a flash sale from the dashboard (validated, audited). */
export async function scheduleFlashSale(db: DbOrTx, actor: AuthUser, input: unknown): Promise<FlashSale> {
  assertStaff(actor);
  const form = scheduleFormSchema.safeParse(input);
  if (!form.success) throw invalidRequest(form.error);
  const { sku, startsInSeconds, durationMinutes, ...rest } = form.data;
  const [variant] = await db.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.sku, sku));
  if (!variant) throw invalidField('sku', 'no variant has that SKU');
  const startsAt = new Date(Date.now() + startsInSeconds * 1000);
  const parsed = flashSaleSchema.safeParse({
    ...rest,
    variantId: variant.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
    maxPerOrder: rest.maxPerOrder || undefined,
    buckets: rest.buckets || undefined,
  });
  if (!parsed.success) throw invalidRequest(parsed.error);
  return createFlashSale(db, parsed.data, actor.id);
}

export function listFlashSales(db: DbOrTx) {
  return db.select().from(flashSales).orderBy(desc(flashSales.startsAt));
}

export async function findFlashSale(db: DbOrTx, id: string): Promise<FlashSale | null> {
  const [sale] = await db.select().from(flashSales).where(eq(flashSales.id, id));
  return sale ?? null;
}

/** A sale is live this long before its start: its gate is loaded, and its item is sold only through the line. */
export const SALE_LEAD_MS = 60_000;

/** Sales on now (or starting within the next minute, so the gate is ready), by variant. Cached for a second per process. */
let cache: { at: number; sales: Map<string, FlashSale> } | null = null;

export async function liveSales(db: DbOrTx): Promise<Map<string, FlashSale>> {
  if (cache && Date.now() - cache.at < 1000) return cache.sales;
  const rows = await db
    .select()
    .from(flashSales)
    .where(sql`${flashSales.startsAt} <= now() + make_interval(secs => ${SALE_LEAD_MS / 1000}) and ${flashSales.endsAt} > now()`);
  cache = { at: Date.now(), sales: new Map(rows.map((s) => [s.variantId, s])) };
  return cache.sales;
}

export function forgetHotVariants(): void {
  cache = null;
}

export function isOn(sale: FlashSale, now = Date.now()): boolean {
  return sale.startsAt.getTime() <= now && now < sale.endsAt.getTime();
}
