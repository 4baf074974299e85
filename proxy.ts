/**
 * Keeps the dashboard to merchants and admins: anonymous visitors are sent to
 * sign in; customers get a 403 page. The admin layout checks the role again
 * from the database, and every admin action checks it a third time.
 */
import { NextResponse } from 'next/server';
import { auth } from '@/auth';

export const proxy = auth((request) => {
  const user = request.auth?.user;
  if (!user) {
    const signIn = new URL('/sign-in', request.nextUrl);
    signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(signIn);
  }
  if (user.role !== 'merchant' && user.role !== 'admin') {
    return NextResponse.rewrite(new URL('/forbidden', request.nextUrl), { status: 403 });
  }
  return NextResponse.next();
});

export const config = { matcher: ['/admin', '/admin/:path*'] };
