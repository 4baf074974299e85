'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/auth';
import { getDb } from '@/db/client';
import { checkSignInLimit, checkSignUpLimit } from '@/lib/auth/limits';
import { credentialsSchema, signUpSchema } from '@/lib/auth/schemas';
import { endAllSessions } from '@/lib/auth/sessions';
import { createUser, findUserByEmail } from '@/lib/auth/users';
import { mergeGuestCart } from '@/lib/cart/merge';
import { safeRedirectPath } from '@/lib/security/redirect';
import { failure, invalidInput, type ActionResult } from '@/lib/session/action-result';
import { clearGuestCartCookie, readGuestCartId } from '@/lib/session/cart-cookie';
import { getCurrentUser } from '@/lib/session/current-user';

/** Signs in with next-auth, then folds the guest cart into the account's cart. */
async function signInAndMergeCart(email: string, password: string): Promise<ActionResult> {
  const guestCartId = await readGuestCartId();
  try {
    await signIn('credentials', { email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) return { ok: false, message: 'That email and password do not match an account.' };
    throw error;
  }
  const user = await findUserByEmail(getDb(), email);
  if (guestCartId && user) {
    await mergeGuestCart(getDb(), guestCartId, user.id);
    await clearGuestCartCookie();
  }
  return { ok: true };
}

export async function signInAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = credentialsSchema.safeParse({ email: form.get('email'), password: form.get('password') });
  if (!parsed.success) return invalidInput(parsed.error);
  const limited = await checkSignInLimit(await headers(), parsed.data.email);
  if (!limited.allowed) return { ok: false, message: `Too many attempts. Try again in ${limited.retryAfterSeconds} seconds.` };
  const result = await signInAndMergeCart(parsed.data.email, parsed.data.password);
  if (!result.ok) return result;
  redirect(safeRedirectPath(form.get('callbackUrl')));
}

export async function signUpAction(_previous: ActionResult | null, form: FormData): Promise<ActionResult> {
  const parsed = signUpSchema.safeParse({
    email: form.get('email'),
    password: form.get('password'),
    name: form.get('name') || undefined,
  });
  if (!parsed.success) return invalidInput(parsed.error);
  const limited = await checkSignUpLimit(await headers());
  if (!limited.allowed) return { ok: false, message: `Too many sign-ups from your network. Try again in ${waitText(limited.retryAfterSeconds)}.` };
  try {
    await createUser(getDb(), parsed.data);
  } catch (error) {
    return failure(error);
  }
  const result = await signInAndMergeCart(parsed.data.email, parsed.data.password);
  if (!result.ok) return result;
  redirect(safeRedirectPath(form.get('callbackUrl'), '/account'));
}

/** Ends the session, on the server too (auth.ts `events.signOut`); the caller moves on (the button goes to the front page). */
export async function signOutAction(): Promise<void> {
  await signOut({ redirect: false });
}

/** Ends every session of the signed-in account, this one included, wherever their cookies are. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: 'Your session has already ended.' };
  await endAllSessions(getDb(), user.id);
  await signOut({ redirect: false });
  return { ok: true, message: 'Signed out everywhere' };
}

function waitText(seconds: number): string {
  return seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
