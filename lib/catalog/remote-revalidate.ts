/**
 * Jobs run outside any request, where Next's `revalidateTag` cannot be called,
 * so the worker asks the app to do it: a POST to /api/internal/revalidate,
 * signed with AUTH_SECRET.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appUrl } from '@/lib/app-url';

const MAX_AGE_MS = 5 * 60_000;

export function signRevalidation(body: string, timestamp: number, secret = process.env.AUTH_SECRET ?? ''): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function verifyRevalidation(body: string, header: string | null, now = Date.now(), secret = process.env.AUTH_SECRET ?? ''): boolean {
  if (!secret || !header) return false;
  const [t, signature] = header.split(',');
  const timestamp = Number(t);
  if (!Number.isFinite(timestamp) || !signature || Math.abs(now - timestamp) > MAX_AGE_MS) return false;
  const expected = Buffer.from(signRevalidation(body, timestamp, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function revalidateRemotely(tags: string[]): Promise<void> {
  const body = JSON.stringify({ tags });
  const timestamp = Date.now();
  const response = await fetch(`${appUrl()}/api/internal/revalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-stockwise-signature': `${timestamp},${signRevalidation(body, timestamp)}` },
    body,
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`revalidation request failed: HTTP ${response.status}`);
}
