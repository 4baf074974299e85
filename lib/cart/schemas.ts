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
export const promoCodeSchema = z.string().trim().min(1, { error: 'is required' }).max(64, { error: 'is too long' });
