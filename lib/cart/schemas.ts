import { z } from 'zod';
import { idSchema } from '@/lib/api/ids';
import { maxLineQuantity } from './limits';

export const quantitySchema = z
  .number({ error: 'must be a whole number' })
  .int({ error: 'must be a whole number' })
  .min(1, { error: 'must be at least 1' })
  .refine((n) => n <= maxLineQuantity(), { error: () => `must be at most ${maxLineQuantity()}` });

export const addLineSchema = z.object({ item_id: idSchema, quantity: quantitySchema.default(1) }).strict();
export const setQuantitySchema = z.object({ quantity: quantitySchema }).strict();
// A NUL cannot be looked up in PostgreSQL text (it was a 500): refuse it like any other impossible code.
export const promoCodeSchema = z.string().trim().min(1, { error: 'is required' }).max(64, { error: 'is too long' }).regex(/^[^\u0000]*$/, { error: 'is not a valid code' });
