import { safeRedirectPath } from '@/lib/security/redirect';

type SearchParams = Record<string, string | string[] | undefined>;

/** The same-site path to return to after signing in, or '' when none (or a foreign one) was given. */
export function callbackUrlFrom(searchParams: SearchParams): string {
  const value = searchParams.callbackUrl;
  return safeRedirectPath(typeof value === 'string' ? value : undefined, '');
}

/** `/sign-up?callbackUrl=…`, keeping the way back when there is one. */
export function withCallbackUrl(path: string, callbackUrl: string): string {
  return callbackUrl ? `${path}?callbackUrl=${encodeURIComponent(callbackUrl)}` : path;
}
