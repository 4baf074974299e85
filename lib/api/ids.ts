import { z } from 'zod';
import { parseInput } from './errors';

/** Ids are UUIDs; anything else is a malformed id (400), not a missing one (404). */
export const idSchema = z.uuid({ error: 'must be a valid id (a UUID)' });

export function parseId(value: unknown, field: string): string {
  return parseInput(idSchema, value, field).toLowerCase();
}
