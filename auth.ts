/**
 * next-auth (Auth.js v5): email + password sign-in, JWT sessions in an
 * httpOnly cookie. The session carries the user id and a session id; the user
 * and the session's row are read from the database on each request
 * (lib/session/current-user.ts), so a changed role takes effect at once and an
 * ended session (sign-out, password change, "sign out everywhere") opens
 * nothing, wherever its cookie went.
 */
import NextAuth, { type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { credentialsSchema } from '@/lib/auth/schemas';
import { endSession, startSession } from '@/lib/auth/sessions';
import { verifyCredentials } from '@/lib/auth/users';
import { safeRedirectUrl } from '@/lib/security/redirect';
import { publicUrlIsHttps } from '@/lib/session/cookie-options';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: string } & DefaultSession['user'];
    /** The user_sessions row this cookie belongs to ('' for a cookie from before sessions could end). */
    sessionId: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // httpOnly and SameSite=Lax always; Secure (and the __Secure- prefix) when the public URL is https,
  // otherwise when the request itself came over https (X-Forwarded-Proto, trusted with trustHost).
  useSecureCookies: publicUrlIsHttps() ? true : undefined,
  // A wrong password is an everyday event, not a server error worth a stack trace.
  logger: {
    error(error) {
      if ((error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
  // Auth.js's own error page answers 500 (e.g. a callbackUrl that is not a URL): send those to sign-in instead.
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const user = await verifyCredentials(getDb(), parsed.data.email, parsed.data.password);
        return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
      },
    }),
  ],
  callbacks: {
    // Auth.js's default prefixes any "/..." (tabs, CR and all) and throws on a non-URL: one rule instead.
    redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = (user as { role?: string }).role;
        token.sid = await startSession(getDb(), user.id);
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? '';
      session.user.role = typeof token.role === 'string' ? token.role : 'customer';
      session.sessionId = typeof token.sid === 'string' ? token.sid : '';
      return session;
    },
  },
  events: {
    // Every sign-out (the shop's button, Auth.js's own route) ends the session on the server too.
    async signOut(message) {
      const sid = 'token' in message ? message.token?.sid : undefined;
      if (typeof sid === 'string') await endSession(getDb(), sid);
    },
  },
});
