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
