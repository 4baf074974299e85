import { createHmac, timingSafeEqual } from 'node:crypto';

function secret(): string {
  const value = process.env.AUTH_SECRET;
  if (!value) throw new Error('AUTH_SECRET is not set (npm start sets one for the embedded default)');
  return value;
}

function mac(purpose: string, value: string): string {
  return createHmac('sha256', secret()).update(`${purpose}\0${value}`).digest('base64url');
}

/** `value.signature`, bound to a purpose so a value signed for one cookie is useless in another. */
export function signValue(purpose: string, value: string): string {
  return `${value}.${mac(purpose, value)}`;
}

export function verifySignedValue(purpose: string, signed: string | undefined): string | null {
  if (!signed || signed.length > 300) return null;
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(mac(purpose, value));
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}
