import { ApiError } from '@/lib/api/errors';
import { isStaff, type AuthUser } from './users';

/** Admin functions in lib/ start with this: merchants and admins only, 403 for everyone else. */
export function assertStaff(actor: Pick<AuthUser, 'role'> | null | undefined): asserts actor is AuthUser {
  if (!actor) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  if (!isStaff(actor.role)) throw new ApiError(403, 'forbidden', 'Only the shop’s merchants can do that.');
}
