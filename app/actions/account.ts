'use server';

import { AuthError } from 'next-auth';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/auth';
import { getDb } from '@/db/client';
import { idSchema } from '@/lib/api/ids';
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys';
import { checkSignInLimit } from '@/lib/auth/limits';
import { apiKeyNameSchema, passwordChangeSchema } from '@/lib/auth/schemas';
import { changePassword } from '@/lib/auth/users';
import { isDemoAccountEmail } from '@/lib/config/demo';
import { PASSWORD_CHANGED_PATH } from '@/lib/session/account-notices';
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

/**
 * Changes the password, given the current one, and ends every session of the
 * account; this browser gets a fresh session and goes back to the account page.
 * Wrong guesses at the current password count against the account's sign-in limit.
 */
export async function changePasswordAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return NOT_SIGNED_IN;
  // Everyone visiting the demo shares these accounts: one visitor must not lock the others out.
  if (isDemoAccountEmail(user.email)) return { ok: false, message: 'The demo accounts keep their published passwords: sign up to try this.' };
  const parsed = passwordChangeSchema.safeParse({
    currentPassword: form.get('currentPassword'),
    newPassword: form.get('newPassword'),
    confirmPassword: form.get('confirmPassword'),
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const limited = await checkSignInLimit(await headers(), user.email);
  if (!limited.allowed) return { ok: false, message: `Too many attempts. Try again in ${limited.retryAfterSeconds} seconds.` };
  if (!(await changePassword(getDb(), user.id, parsed.data.currentPassword, parsed.data.newPassword))) {
    return { ok: false, message: 'Please check the highlighted fields.', fieldErrors: { currentPassword: 'That is not your current password.' } };
  }
  try {
    await signIn('credentials', { email: user.email, password: parsed.data.newPassword, redirect: false });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    redirect(`/sign-in?callbackUrl=${encodeURIComponent('/account')}`);
  }
  // A fresh page load under the new session cookie (this request still carries the ended one), saying it worked.
  redirect(PASSWORD_CHANGED_PATH);
}
