'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { discardDeadJob, retryDeadJob } from '@/lib/events/dead-letters';
import { failure, type ActionResult } from '@/lib/session/action-result';
import { staffOrForbidden } from '@/lib/session/staff-action';

/** Runs a dead job again now, with fresh attempts. */
export async function retryJobAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const { jobId } = await retryDeadJob(getDb(), actor, form.get('jobId'));
    revalidatePath('/admin/jobs');
    return { ok: true, message: `Job ${jobId} will run again in a moment.` };
  } catch (error) {
    return failure(error);
  }
}

/** Removes a dead job from the queue for good (the audit log keeps it). */
export async function discardJobAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const { jobId } = await discardDeadJob(getDb(), actor, form.get('jobId'));
    revalidatePath('/admin/jobs');
    return { ok: true, message: `Job ${jobId} discarded.` };
  } catch (error) {
    return failure(error);
  }
}
