'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys';
import { apiKeyNameSchema } from '@/lib/auth/schemas';
import { invalidInput, type ActionResult } from '@/lib/session/action-result';
import { getCurrentUser } from '@/lib/session/current-user';

const NOT_SIGNED_IN = { ok: false as const, message: 'Your session has ended. Sign in again.' };

/** Creates a key and returns it once; only its hash is kept. */
export async function createApiKeyAction(
  _previous: ActionResult<{ key: string; name: string }> | null,
  form: FormData,
): Promise<ActionResult<{ key: string; name: string }>> {
  const user = await getCurrentUser();
  if (!user) return NOT_SIGNED_IN;
  const parsed = z.object({ name: apiKeyNameSchema }).safeParse({ name: form.get('name') });
  if (!parsed.success) return invalidInput(parsed.error);
  const created = await createApiKey(getDb(), user.id, parsed.data.name);
  revalidatePath('/account');
  return { ok: true, message: 'Key created', data: { key: created.key, name: created.name } };
}

export async function revokeApiKeyAction(input: { keyId: string }): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return NOT_SIGNED_IN;
  const parsed = idSchema.safeParse(input.keyId);
  if (!parsed.success) return invalidInput(parsed.error);
  const revoked = await revokeApiKey(getDb(), user.id, parsed.data);
  revalidatePath('/account');
  return revoked ? { ok: true, message: 'Key revoked' } : { ok: false, message: 'That key was not found or is already revoked.' };
}
