import { getDb } from '@/db/client';
import { readJson } from '@/lib/api/body';
import { unauthenticated } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { createApiKey } from '@/lib/auth/api-keys';
import { enforceSignInLimit } from '@/lib/auth/limits';
import { tokenRequestSchema } from '@/lib/auth/schemas';
import { verifyCredentials } from '@/lib/auth/users';

/**
 * Exchanges email + password for a new API key of that user. Not replayable
 * with Idempotency-Key on purpose: replaying would mean storing the key in clear.
 * Limited like every sign-in, per client address and per email (whatever Authorization says).
 */
export const POST = route(async (request) => {
  const { value } = await readJson(request, tokenRequestSchema);
  await enforceSignInLimit(request.headers, value.email);
  const user = await verifyCredentials(getDb(), value.email, value.password);
  if (!user) throw unauthenticated('That email and password do not match an account');
  const key = await createApiKey(getDb(), user.id, `Token ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`);
  return json({ token: key.key, key_id: key.id, user_id: user.id }, 201);
});
