/**
 * Signed-in sessions that can be ended. Signing in adds a row and the session
 * cookie (a JWT) carries its id; every request reads the row with the user
 * (one indexed join, the same read that fetches the user's role). Deleting the
 * row ends the session wherever its cookie is: sign-out ends one, a password
 * change or "sign out everywhere" all of an account's.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { users, userSessions } from '@/db/schema';
import type { AuthUser } from './users';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOUCH_AFTER_MS = 60 * 60 * 1000;

export async function startSession(db: DbOrTx, userId: string): Promise<string> {
  // A cookie unused for its whole lifetime (30 days, auth.ts) has expired: its row is cleared on the way.
  await db.delete(userSessions).where(and(eq(userSessions.userId, userId), lt(userSessions.lastSeenAt, sql`now() - interval '31 days'`)));
  const [row] = await db.insert(userSessions).values({ userId }).returning({ id: userSessions.id });
  return row!.id;
}

/** The user of a live session, or null once it has ended (or for ids that never were). Marks the session seen, at most hourly. */
export async function sessionUser(db: DbOrTx, sessionId: string, userId: string): Promise<AuthUser | null> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId)));
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(userSessions).set({ lastSeenAt: sql`now()` }).where(eq(userSessions.id, sessionId));
  }
  const { lastSeenAt: _, ...user } = row;
  return user;
}

export async function endSession(db: DbOrTx, sessionId: string): Promise<void> {
  if (UUID.test(sessionId)) await db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/** Ends every session of the account; returns how many there were. */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<number> {
  const ended = await db.delete(userSessions).where(eq(userSessions.userId, userId)).returning({ id: userSessions.id });
  return ended.length;
}
