/**
 * Every admin server action starts here: the signed-in merchant or admin, or a
 * 403 result for anyone else (customers included) — never the action itself.
 */
import { assertStaff } from '@/lib/auth/authorize';
import type { AuthUser } from '@/lib/auth/users';
import { getCurrentUser } from './current-user';

export async function staffOrForbidden(): Promise<AuthUser> {
  const user = await getCurrentUser();
  assertStaff(user);
  return user;
}
