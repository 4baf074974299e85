import { readJson } from '@/lib/api/body';
import { route } from '@/lib/api/http';
import { idempotent } from '@/lib/api/idempotency';
import { enforceSignUpLimit } from '@/lib/auth/limits';
import { signUpRequestSchema } from '@/lib/auth/schemas';
import { createUser } from '@/lib/auth/users';

/**
 * Sign up: a new customer. 409 `conflict` when the email is taken, so each
 * client address may try only a few sign-ups an hour (STOCKWISE_RATE_LIMITS `signup`).
 */
export const POST = route(async (request) => {
  const { value, text } = await readJson(request, signUpRequestSchema);
  await enforceSignUpLimit(request.headers);
  return idempotent(request, 'anonymous:users', text, async (tx) => {
    const user = await createUser(tx, value);
    return { status: 201, body: { user_id: user.id, email: user.email } };
  });
});
