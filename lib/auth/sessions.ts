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
  // Exactly one row whatever the session, echoing its id (as lib/auth/api-keys.ts reads keys): an ended
  // session is answered with nulls, and an answer lost with its connection is an error, not "signed out".
  const rows = await db
    .select({ echo: sql<string>`${sessionId}::text`, id: users.id, email: users.email, name: users.name, role: users.role, lastSeenAt: userSessions.lastSeenAt })
    .from(sql`(select 1) as probe`)
    .leftJoin(userSessions, and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId)))
    .leftJoin(users, eq(users.id, userSessions.userId));
  if (rows.length !== 1 || rows[0]!.echo !== sessionId) throw new Error(`session read: ${rows.length} rows instead of 1, or not this query's answer`);
  const { id, email, name, role, lastSeenAt } = rows[0]!;
  if (id === null || email === null || role === null || lastSeenAt === null) return null;
  if (Date.now() - lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await db.update(userSessions).set({ lastSeenAt: sql`now()` }).where(eq(userSessions.id, sessionId));
  }
  return { id, email, name, role };
}

export async function endSession(db: DbOrTx, sessionId: string): Promise<void> {
  if (UUID.test(sessionId)) await db.delete(userSessions).where(eq(userSessions.id, sessionId));
}

/** Ends every session of the account; returns how many there were. */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<number> {
  const ended = await db.delete(userSessions).where(eq(userSessions.userId, userId)).returning({ id: userSessions.id });
  return ended.length;
}
