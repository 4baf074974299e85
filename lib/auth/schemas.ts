import { z } from 'zod';

/** bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so refuse them. */
const passwordSchema = z
  .string({ error: 'is required' })
  .min(8, { error: 'must be at least 8 characters' })
  .refine((value) => new TextEncoder().encode(value).length <= 72, { error: 'must be at most 72 bytes' });

export const emailSchema = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be a valid email address' }).max(254, { error: 'is too long' }))
  .meta({ format: 'email', maxLength: 254 });

export const signUpSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().max(100, { error: 'must be at most 100 characters' }).optional(),
});

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(1000),
});

/** REST `POST /users`: sign-up with no other fields. */
export const signUpRequestSchema = signUpSchema.strict();
/** REST `POST /auth/token`: credentials with no other fields. */
export const tokenRequestSchema = credentialsSchema.strict();

export const apiKeyNameSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'is required' })
  .max(60, { error: 'must be at most 60 characters' });
