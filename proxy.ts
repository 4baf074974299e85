/**
 * Runs before matching requests:
 * - the REST API is rate limited per live API key, else per client address
 *   (lib/auth/limits.ts), 429 with Retry-After;
 * - a server action posted from another origin is refused with 403 (Next would
 *   refuse it too, but as a 500);
 * - the dashboard is kept to merchants and admins, read from the database:
 *   anonymous visitors and ended sessions are sent to sign in; customers get a
 *   403 page. The admin layout checks again, and every admin action a third time.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { auth } from '@/auth';
import { getDb } from '@/db/client';
import { isCrossOriginWrite } from '@/lib/api/origin';
import { apiRateKey } from '@/lib/auth/limits';
import { sessionUser } from '@/lib/auth/sessions';
import { isStaff } from '@/lib/auth/users';
import { checkRateLimit } from '@/lib/flash/rate-limit';

const guardAdmin = auth(async (request) => {
  // The session's row and the user's role now, not what the cookie says: an ended session or a removed role stops here.
  const session = request.auth;
  const user = session?.user?.id ? await sessionUser(getDb(), session.sessionId ?? '', session.user.id) : null;
  if (!user) {
    const signIn = new URL('/sign-in', request.nextUrl);
    signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(signIn);
  }
  if (!isStaff(user.role)) {
    return NextResponse.rewrite(new URL('/forbidden', request.nextUrl), { status: 403 });
  }
  return NextResponse.next();
});

export async function proxy(request: NextRequest, event: unknown) {
  if (request.headers.has('next-action') && isCrossOriginWrite(request)) {
    return new NextResponse('Cross-origin form posts are not accepted.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (request.nextUrl.pathname.startsWith('/api/v1/')) {
    const decision = await checkRateLimit('api', await apiRateKey(request.headers));
    if (!decision.allowed) {
      return NextResponse.json(
        { error: { code: 'rate_limited', message: `Too many requests: try again in ${decision.retryAfterSeconds} s`, details: { retry_after: decision.retryAfterSeconds } } },
        { status: 429, headers: { 'retry-after': String(decision.retryAfterSeconds) } },
      );
    }
    return NextResponse.next();
  }
  if (!request.nextUrl.pathname.startsWith('/admin')) return NextResponse.next();
  return (guardAdmin as unknown as (request: NextRequest, event: unknown) => Promise<Response>)(request, event);
}

export const config = {
  matcher: [
    '/admin',
    '/admin/:path*',
    '/api/v1/:path*',
    // Server action posts, wherever the page is (they carry a Next-Action header).
    { source: '/((?!_next/static|_next/image).*)', has: [{ type: 'header', key: 'next-action' }] },
  ],
};
