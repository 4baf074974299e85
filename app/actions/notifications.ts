'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { markRead } from '@/lib/notifications/inbox';
import { failure, invalidInput, type ActionResult } from '@/lib/session/action-result';
import { getCurrentUser } from '@/lib/session/current-user';

const schema = z.object({ ids: z.array(idSchema).max(100).optional() }).strict();

/** Marks the signed-in user's notifications read: these ids, or all of them. */
export async function markNotificationsReadAction(input: { ids?: string[] }): Promise<ActionResult<{ updated: number }>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: 'Sign in to see your notifications.', fieldErrors: { auth: 'sign_in_required' } };
  try {
    const updated = await markRead(getDb(), user.id, parsed.data.ids);
    revalidatePath('/account/notifications');
    // The dashboard's header shows the unread count: render it again.
    revalidatePath('/admin', 'layout');
    return { ok: true, data: { updated }, message: updated === 0 ? 'Nothing new to mark.' : `Marked ${updated} as read.` };
  } catch (error) {
    return failure(error);
  }
}
