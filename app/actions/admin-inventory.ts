'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { adjustStock, receiveFromSupplier, setBuckets } from '@/lib/inventory/admin-inventory';
import { failure, type ActionResult } from '@/lib/session/action-result';
import { staffOrForbidden } from '@/lib/session/staff-action';

type Kind = 'adjust' | 'receive' | 'buckets';
const RUN: Record<Kind, (db: ReturnType<typeof getDb>, actor: Awaited<ReturnType<typeof staffOrForbidden>>, input: unknown) => Promise<unknown>> = {
  adjust: adjustStock,
  receive: receiveFromSupplier,
  buckets: setBuckets,
};
const DONE: Record<Kind, string> = { adjust: 'Stock set.', receive: 'Stock received.', buckets: 'Buckets updated.' };

/** One form action for the inventory tools; the form says which (`kind`). */
export async function inventoryAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const kind = String(form.get('kind')) as Kind;
    if (!(kind in RUN)) return { ok: false, message: 'Unknown inventory action.' };
    await RUN[kind](getDb(), actor, Object.fromEntries(form));
    revalidatePath('/admin/inventory');
    return { ok: true, message: DONE[kind] };
  } catch (error) {
    return failure(error);
  }
}
