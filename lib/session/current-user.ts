/** Who is making this request (server components, server actions, route handlers). */
import { cache } from 'react';
import { auth } from '@/auth';
import { getDb } from '@/db/client';
import { findUserById, type AuthUser } from '@/lib/auth/users';

export const getCurrentUser = cache(async (): Promise<AuthUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return findUserById(getDb(), id);
});
