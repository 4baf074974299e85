/** A browser's identity in a waiting room: a random id in a signed, httpOnly cookie. */
import { randomUUID } from 'node:crypto';
import { signValue, verifySignedValue } from '@/lib/session/signed-value';

export const VISITOR_COOKIE = 'sw_visitor';
const PURPOSE = 'flash-visitor';

export function readVisitor(cookieValue: string | undefined): string | null {
  return verifySignedValue(PURPOSE, cookieValue);
}

export function newVisitor(): { id: string; cookie: string } {
  const id = randomUUID();
  return { id, cookie: signValue(PURPOSE, id) };
}
