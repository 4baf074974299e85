/** Users and their credentials. Passwords are only ever stored as bcrypt hashes. */
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { conflict } from '@/lib/api/errors';
import { isDemoAccountEmail, isDemoMode } from '@/lib/config/demo';
import { hashPassword, verifyPassword } from './password';
import { endAllSessions } from './sessions';

export type Role = (typeof users.$inferSelect)['role'];
export type AuthUser = { id: string; email: string; name: string | null; role: Role };

const columns = { id: users.id, email: users.email, name: users.name, role: users.role };

export async function createUser(
  db: DbOrTx,
  input: { email: string; password: string; name?: string; role?: Role },
): Promise<AuthUser> {
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ email: input.email, name: input.name || null, passwordHash, role: input.role ?? 'customer' })
    .onConflictDoNothing()
    .returning(columns);
  if (!created) throw conflict('An account with this email already exists', { fields: { email: 'already has an account: sign in instead' } });
  return created;
}

export async function findUserById(db: DbOrTx, id: string): Promise<AuthUser | null> {
  const [user] = await db.select(columns).from(users).where(eq(users.id, id));
  return user ?? null;
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<AuthUser | null> {
  const [user] = await db.select(columns).from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return user ?? null;
}

// A real hash to compare against when the email is unknown, so both cases take the same time.
const DUMMY_HASH = '$2b$11$f2fUorVLseUOqoJmBlQoweWUN52uGcVkNXxOOh6LI4j/VaCASEjD2';

/**
 * The user with these credentials, or null. Never says which half was wrong.
 * Outside demo mode the demo accounts (whose passwords are published) never sign in.
 */
export async function verifyCredentials(db: DbOrTx, email: string, password: string): Promise<AuthUser | null> {
  if (!isDemoMode() && isDemoAccountEmail(email)) {
    await verifyPassword(password, DUMMY_HASH); // the same time as any refused sign-in
    return null;
  }
  const [row] = await db
    .select({ ...columns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) return null;
  const { passwordHash: _, ...user } = row;
  return user;
}

/**
 * Sets a new password when `currentPassword` is right, and ends every session
 * of the account in the same transaction (the caller starts a fresh one for
 * whoever changed it). False, changing nothing, when the current password is wrong.
 */
export async function changePassword(db: Db, userId: string, currentPassword: string, newPassword: string): Promise<boolean> {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  const ok = await verifyPassword(currentPassword, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !ok) return false;
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
    await endAllSessions(tx, userId);
  });
  return true;
}

export const isStaff = (role: Role) => role === 'merchant' || role === 'admin';
