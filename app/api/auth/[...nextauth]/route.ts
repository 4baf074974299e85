import type { NextRequest } from 'next/server';
import { handlers } from '@/auth';
import { errorResponse } from '@/lib/api/http';
import { checkSignInLimit } from '@/lib/auth/limits';
import { credentialsSchema } from '@/lib/auth/schemas';
import { rateLimitedError } from '@/lib/flash/rate-limit';

export const { GET } = handlers;

/**
 * Auth.js's own sign-in (`POST /api/auth/callback/credentials`) checks a
 * password as the shop's form does, so it is limited the same way (per client
 * address and per email, one budget with the form and `POST /api/v1/auth/token`)
 * before Auth.js sees it. The form's server action calls Auth.js in-process and
 * never comes through here, so it is not counted twice.
 */
export async function POST(request: NextRequest): Promise<Response> {
  if (isCallback(request)) {
    const decision = await checkSignInLimit(request.headers, await emailOf(request.clone()));
    if (!decision.allowed) return errorResponse(rateLimitedError(decision));
  }
  return handlers.POST(request);
}

/** Auth.js takes the action from the first path segment after /api/auth/. */
function isCallback(request: Request): boolean {
  const [action] = new URL(request.url).pathname.replace(/^\/api\/auth\/?/, '').split('/').filter(Boolean);
  return action === 'callback';
}

/** The email an attempt names, read from the body as Auth.js reads it (JSON or a form); null when it names none. */
async function emailOf(request: Request): Promise<string | null> {
  const type = request.headers.get('content-type') ?? '';
  let body: unknown;
  try {
    if (type.includes('application/json')) body = await request.json();
    else if (type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(await request.text()));
  } catch {
    return null;
  }
  const parsed = credentialsSchema.safeParse(body);
  return parsed.success ? parsed.data.email : null;
}
