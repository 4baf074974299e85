/**
 * Who is making this request (server components, server actions, route handlers):
 * the session cookie's user, while its session has not been ended (lib/auth/sessions.ts).
 */
import { cache } from 'react';
import { auth } from '@/auth';
import { getDb } from '@/db/client';
import { sessionUser } from '@/lib/auth/sessions';
import type { AuthUser } from '@/lib/auth/users';

/** The session's row could not be read (the database failed): not the same as "signed out". */
export class SessionReadError extends Error {
  constructor(cause: unknown) {
    super('The session could not be read', { cause });
    this.name = 'SessionReadError';
  }
}

export const getCurrentUser = cache(async (): Promise<AuthUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  const sessionId = session?.sessionId;
  if (!id || !sessionId) return null;
  try {
    return await sessionUser(getDb(), sessionId, id);
  } catch (error) {
    throw new SessionReadError(error);
  }
});
