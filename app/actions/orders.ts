'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { failure, invalidInput, type ActionResult } from '@/lib/session/action-result';
import { getCurrentUser } from '@/lib/session/current-user';

/** A shopper cancels their own order (allowed until it ships; its stock goes back). */
export async function cancelMyOrderAction(input: { orderId: string }): Promise<ActionResult> {
  const parsed = idSchema.safeParse(input.orderId);
  if (!parsed.success) return invalidInput(parsed.error);
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: 'Sign in to manage your orders.' };
  try {
    // Staff cancelling their own purchase here act as shoppers, not as the shop.
    await updateOrderStatus(getDb(), parsed.data, { status: 'cancelled' }, { userId: user.id, role: 'customer' });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/orders/${parsed.data}`);
  revalidatePath('/orders');
  return { ok: true, message: 'Your order was cancelled.' };
}
