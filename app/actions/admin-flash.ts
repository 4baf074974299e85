'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { scheduleFlashSale } from '@/lib/flash/sales';
import { failure, type ActionResult } from '@/lib/session/action-result';
import { staffOrForbidden } from '@/lib/session/staff-action';

/** A merchant creates a flash sale for a variant, found by SKU. */
export async function createFlashSaleAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const staff = await staffOrForbidden();
    await scheduleFlashSale(getDb(), staff, Object.fromEntries(form));
  } catch (error) {
    return failure(error);
  }
  revalidatePath('/admin/flash-sales');
  return { ok: true, message: 'Flash sale created: the stock is split into buckets and the gate is loaded.' };
}
