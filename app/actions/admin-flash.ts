'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { createFlashSale, flashSaleSchema } from '@/lib/flash/sales';
import { failure, invalidInput, type ActionResult } from '@/lib/session/action-result';
import { requireStaff } from '@/lib/session/require-staff';
import { productVariants } from '@/db/schema';
import { eq } from 'drizzle-orm';

/** A merchant creates a flash sale for a variant, found by SKU. */
export async function createFlashSaleAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const staff = await requireStaff('/admin/flash-sales');
  const sku = String(form.get('sku') ?? '').trim();
  const [variant] = sku ? await getDb().select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.sku, sku)) : [];
  if (!variant) return { ok: false, message: 'No variant has that SKU.', fieldErrors: { sku: 'no variant has that SKU' } };
  const startsIn = Number(form.get('startsInSeconds') ?? 0) / 60;
  const minutes = Number(form.get('durationMinutes') ?? 60);
  const parsed = flashSaleSchema.safeParse({
    variantId: variant.id,
    name: form.get('name'),
    startsAt: new Date(Date.now() + (Number.isFinite(startsIn) ? startsIn : 0) * 60_000),
    endsAt: new Date(Date.now() + ((Number.isFinite(startsIn) ? startsIn : 0) + (Number.isFinite(minutes) ? minutes : 60)) * 60_000),
    admitPerSecond: form.get('admitPerSecond'),
    maxPerOrder: form.get('maxPerOrder') || 1,
    buckets: form.get('buckets') || 8,
  });
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await createFlashSale(getDb(), parsed.data, staff.id);
  } catch (error) {
    return failure(error);
  }
  revalidatePath('/admin/flash-sales');
  return { ok: true, message: 'Flash sale created: the stock is split into buckets and the gate is loaded.' };
}
