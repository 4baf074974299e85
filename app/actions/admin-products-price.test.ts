/**
 * The dashboard's price fields (server actions, in-process): a negative, malformed or absurd price is
 * refused with the field's own error and nothing saved; 0 is saved only with "This item is free" ticked.
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { productVariants } from '@/db/schema';
import { findUserById, type AuthUser } from '@/lib/auth/users';
import { userIdByEmail, variantsWithStock } from '@/test/fixtures';

const session = vi.hoisted(() => ({ user: null as AuthUser | null }));
vi.mock('@/lib/session/current-user', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));

const { addVariantAction, createProductAction, updateVariantAction } = await import('./admin-products');
const db = getDb();
const [leaf] = await db.execute<{ slug: string }>(sql`select slug from categories where parent_id is not null order by slug limit 1`);
let n = 0;
const sku = () => `PRICE-${Date.now().toString(36)}-${(n++).toString(36)}`.toUpperCase();
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const priceOf = async (variantId: string) => (await db.select().from(productVariants).where(eq(productVariants.id, variantId)))[0]!.priceCents;

let variant: { id: string; sku: string; productId: string; priceCents: number };
beforeAll(async () => {
  session.user = (await findUserById(db, await userIdByEmail(db, 'merchant@example.com')))!;
  const [v] = await variantsWithStock(db, 1);
  const [row] = await db.select().from(productVariants).where(eq(productVariants.id, v!.id));
  variant = { id: row!.id, sku: row!.sku, productId: row!.productId, priceCents: row!.priceCents };
});

const edit = (price: string, extra: Record<string, string> = {}) =>
  updateVariantAction(variant.id, form({ sku: variant.sku, price, currency: 'USD', ...extra }));

describe('editing a variant’s price in the dashboard', () => {
  it.each([
    ['-5', /negative/],
    ['abc', /price like/],
    ['5.999', /price like/],
    ['1000000.01', /1,000,000/],
  ])('%s is refused with the price field’s error, and nothing is saved', async (price, message) => {
    const result = await edit(price);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.priceCents).toMatch(message);
    expect(await priceOf(variant.id)).toBe(variant.priceCents);
  });

  it('0 without “This item is free” is refused naming the price; with it ticked, it is saved', async () => {
    const refused = await edit('0');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fieldErrors?.priceCents).toMatch(/free/);
    expect(await priceOf(variant.id)).toBe(variant.priceCents);
    expect((await edit('0.00', { free: 'on' })).ok).toBe(true);
    expect(await priceOf(variant.id)).toBe(0);
    expect((await edit((variant.priceCents / 100).toFixed(2))).ok).toBe(true);
  });
});

describe('adding a variant and creating a product', () => {
  it('a new variant at -5 or at 0 unconfirmed is refused on its price field', async () => {
    for (const price of ['-5', '0']) {
      const code = sku();
      const result = await addVariantAction(variant.productId, form({ sku: code, price, currency: 'USD', color: code }));
      expect(result.ok, price).toBe(false);
      expect(!result.ok && result.fieldErrors?.priceCents, price).toBeTruthy();
      expect(await db.select().from(productVariants).where(eq(productVariants.sku, code))).toEqual([]);
    }
  });

  it('a product whose variant row says -5 is refused on that row’s price; a free row ticked as free is created', async () => {
    const code = sku();
    const fields = { name: `Price test ${code}`, category: leaf!.slug, currency: 'USD', 'variants.0.sku': code };
    const refused = await createProductAction(form({ ...fields, 'variants.0.price': '-5' }));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fieldErrors?.['variants.0.priceCents']).toMatch(/negative/);
    const unconfirmed = await createProductAction(form({ ...fields, 'variants.0.price': '0' }));
    expect(!unconfirmed.ok && unconfirmed.fieldErrors?.['variants.0.priceCents']).toMatch(/free/);
    expect(await db.select().from(productVariants).where(eq(productVariants.sku, code))).toEqual([]);
    const created = await createProductAction(form({ ...fields, 'variants.0.price': '0', 'variants.0.free': 'on' }));
    expect(created.ok).toBe(true);
    expect((await db.select().from(productVariants).where(eq(productVariants.sku, code)))[0]?.priceCents).toBe(0);
  });
});
