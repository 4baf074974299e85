/** Who is calling the REST API: an API key (Authorization: Bearer …) or the signed-in session cookie. */
import { getDb } from '@/db/client';
import { bearerKey } from '@/lib/auth/api-key-hash';
import { authenticateApiKey } from '@/lib/auth/api-keys';
import type { AuthUser, Role } from '@/lib/auth/users';
import { getCurrentUser, SessionReadError } from '@/lib/session/current-user';
import { ApiError, forbidden, notFound, unauthenticated, unavailable } from './errors';
import { parseId } from './ids';
import { isCrossOriginWrite } from './origin';

export type Actor = AuthUser & { via: 'api_key' | 'session' };

export async function resolveActor(request: Request): Promise<Actor | null> {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const key = bearerKey(header);
    if (!key) throw unauthenticated('Malformed Authorization header: send "Bearer <api key>"');
    const user = await authenticateApiKey(getDb(), key).catch((error: unknown) => {
      throw databaseFailed('API key', error);
    });
    if (!user) throw unauthenticated('The API key is unknown or has been revoked');
    return { ...user, via: 'api_key' };
  }
  if (isCrossOriginWrite(request)) {
    // A page on another site cannot ride the shopper's session cookie (SameSite=Lax already keeps
    // it off cross-site posts; this also covers same-site neighbours). API keys are not affected.
    throw forbidden('Cross-origin requests must authenticate with an API key (Authorization: Bearer <key>)');
  }
  let user: AuthUser | null = null;
  try {
    user = await getCurrentUser();
  } catch (error) {
    if (error instanceof SessionReadError) throw databaseFailed('session', error);
    // A cookie Auth.js cannot read is no session: the caller gets a 401, never someone else's data.
    if (process.env.NODE_ENV !== 'test') console.warn('[api] could not read the session cookie', error);
  }
  return user ? { ...user, via: 'session' } : null;
}

/**
 * Only a database that answered may say "no such key" or "signed out": a failed read of who the
 * caller is (a lost connection, a failing query, an answer that never came) is a retryable 503.
 */
function databaseFailed(what: string, error: unknown): ApiError {
  if (process.env.NODE_ENV !== 'test') console.warn(`[api] could not read the ${what}`, (error as Error).message);
  return unavailable();
}

/** The caller, who must be signed in (and have one of `roles`, when given): 401 / 403 otherwise. */
export async function requireActor(request: Request, roles?: readonly Role[]): Promise<Actor> {
  const actor = await resolveActor(request);
  if (!actor) throw unauthenticated();
  if (roles && !roles.includes(actor.role)) throw forbidden(`This needs the ${roles.join(' or ')} role`);
  return actor;
}

/**
 * `{user_id}` in a path: `me` or the caller's own id. Anyone else's id answers
 * 404, the same as an id that does not exist, so ids cannot be probed.
 */
export function ownUserId(actor: Actor, userIdParam: string): string {
  if (userIdParam === 'me') return actor.id;
  const userId = parseId(userIdParam, 'user_id');
  if (userId !== actor.id) throw notFound('User');
  return userId;
}

export { isCrossOriginWrite };
