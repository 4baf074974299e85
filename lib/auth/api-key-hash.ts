import { createHash, randomBytes } from 'node:crypto';

/** Keys are long random strings, so a fast hash is enough; only the hash is stored. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function apiKeyPrefix(key: string): string {
  return key.slice(0, 12);
}

export function generateApiKey(): string {
  return `sw_live_${randomBytes(24).toString('base64url')}`;
}

/**
 * The key in an `Authorization: Bearer <key>` value, whatever the scheme's case and the spaces
 * around the key (`bearer K`, `Bearer  K` are the same key); null for anything else.
 */
export function bearerKey(header: string | null): string | null {
  const match = header === null ? null : /^\s*bearer[ \t]+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}
