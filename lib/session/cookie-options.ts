/**
 * Every cookie the shop sets (guest cart, waiting-room visitor and admission;
 * next-auth's session follows the same rule in auth.ts) is httpOnly,
 * SameSite=Lax, and Secure when the shop is served over https: its public URL
 * is https, or this request came through an https proxy (X-Forwarded-Proto).
 */
import { headers } from 'next/headers';

type Env = Record<string, string | undefined>;

/** The shop's public address is https (STOCKWISE_PUBLIC_URL): every cookie is Secure. */
export function publicUrlIsHttps(env: Env = process.env): boolean {
  return /^https:\/\//i.test(env.STOCKWISE_PUBLIC_URL?.trim() ?? '');
}

export function isSecureRequest(forwardedProto: string | null, env: Env = process.env): boolean {
  return publicUrlIsHttps(env) || forwardedProto?.split(',')[0]?.trim().toLowerCase() === 'https';
}

export type CookieOptions = { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/'; maxAge: number };

export function cookieOptions(maxAgeSeconds: number, secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds };
}

/** The options for a cookie set in this request (server actions and route handlers). */
export async function requestCookieOptions(maxAgeSeconds: number): Promise<CookieOptions> {
  return cookieOptions(maxAgeSeconds, isSecureRequest((await headers()).get('x-forwarded-proto')));
}
