import { z } from 'zod';
import { idSchema } from '@/lib/api/ids';
import { MAX_ORDER_LINES } from '@/lib/cart/limits';
import { quantitySchema } from '@/lib/cart/schemas';

const text = (max: number) => z.string({ error: 'is required' }).trim().min(1, { error: 'is required' }).max(max, { error: `must be at most ${max} characters` });

export const shippingAddressSchema = z
  .object({
    name: text(100),
    line1: text(200),
    line2: z.string().trim().max(200, { error: 'must be at most 200 characters' }).optional(),
    city: text(100),
    postalCode: text(20),
    country: z
      .string({ error: 'is required' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, { error: 'must be a two-letter country code' })
      .meta({ description: 'ISO 3166-1 alpha-2 country code', examples: ['US'] }),
    phone: z.string().trim().max(40, { error: 'must be at most 40 characters' }).optional(),
  })
  .strict();

export const SHIPPING_METHODS = ['standard', 'express'] as const;
export type ShippingMethod = (typeof SHIPPING_METHODS)[number];

/** REST `POST /orders`: lines or `from_cart: true`. Lines of one item add up (lib/checkout/order-size.ts). */
export const createOrderSchema = z
  .object({
    items: z
      .array(z.object({ item_id: idSchema, quantity: quantitySchema }).strict(), { error: 'must be a list of { item_id, quantity }' })
      .min(1, { error: 'must not be empty' })
      .max(MAX_ORDER_LINES, { error: `must have at most ${MAX_ORDER_LINES} lines` })
      .optional(),
    from_cart: z.literal(true, { error: 'must be true when given' }).optional(),
    promo_code: z.string().trim().min(1).max(64).optional(),
    shipping_address: shippingAddressSchema.optional(),
    shipping_method: z.enum(SHIPPING_METHODS).optional(),
  })
  .strict()
  .refine((body) => Boolean(body.items) !== Boolean(body.from_cart), {
    error: 'send either items or from_cart: true',
    path: ['items'],
  })
  // The refinement, for the OpenAPI description: exactly one of the two.
  .meta({ description: 'Send either `items` or `from_cart: true`', oneOf: [{ required: ['items'] }, { required: ['from_cart'] }] });
