import { getDb } from '@/db/client';
import { readJson } from '@/lib/api/body';
import { unauthenticated } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { createApiKey } from '@/lib/auth/api-keys';
import { tokenRequestSchema } from '@/lib/auth/schemas';
import { verifyCredentials } from '@/lib/auth/users';
import { enforceRateLimit, requestIdentity } from '@/lib/flash/rate-limit';

/**
 * Exchanges email + password for a new API key of that user. Not replayable
 * with Idempotency-Key on purpose: replaying would mean storing the key in clear.
 */
export const POST = route(async (request) => {
  const { value } = await readJson(request, tokenRequestSchema);
  await enforceRateLimit('signin', `${requestIdentity(request.headers)}:${value.email}`);
  const user = await verifyCredentials(getDb(), value.email, value.password);
  if (!user) throw unauthenticated('That email and password do not match an account');
  const key = await createApiKey(getDb(), user.id, `Token ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`);
  return json({ token: key.key, key_id: key.id, user_id: user.id }, 201);
});
