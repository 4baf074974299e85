/**
 * next-auth (Auth.js v5): email + password sign-in, JWT sessions in an
 * httpOnly cookie. The session carries only the user id; the role is read from
 * the database on each request (lib/session/current-user.ts), so a changed or
 * removed role takes effect at once.
 */
import NextAuth, { type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { credentialsSchema } from '@/lib/auth/schemas';
import { verifyCredentials } from '@/lib/auth/users';
import { publicUrlIsHttps } from '@/lib/session/cookie-options';

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: string } & DefaultSession['user'];
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
  pages: { signIn: '/sign-in' },
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
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.role = (user as { role?: string }).role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? '';
      session.user.role = typeof token.role === 'string' ? token.role : 'customer';
      return session;
    },
  },
});
