import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;

/**
 * Passwords of 10 characters or more that guessing runs try first (shorter
 * ones already fail the length rule), compared in lower case.
 */
const COMMON_PASSWORDS = new Set([
  '0000000000', '0123456789', '0987654321', '1111111111', '1122334455', '1234512345', '1234567890', '12345678910',
  '123456789012', '1234567890a', '1q2w3e4r5t', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'a1234567890', 'abc1234567', 'abcd123456',
  'abcdefghij', 'admin12345', 'admin123456', 'administrator', 'asdfghjkl1', 'asdfghjkl123', 'baseball123', 'changeme123',
  'computer123', 'dragon12345', 'football123', 'iloveyou12', 'iloveyou123', 'letmein123', 'letmein1234', 'michael123',
  'monkey12345', 'p@ssw0rd123', 'passw0rd12', 'passw0rd123', 'password01', 'password12', 'password123', 'password1234',
  'password12345', 'password!1', 'passwordpassword', 'princess123', 'qazwsxedcrfv', 'qwerty1234', 'qwerty12345',
  'qwerty123456', 'qwertyqwerty', 'qwertyuiop', 'qwertyuiop123', 'shopping123', 'starwars123', 'stockwise1',
  'stockwise123', 'sunshine123', 'superman123', 'trustno1234', 'welcome123', 'welcome1234', 'zxcvbnm123', 'zxcvbnm1234',
]);

/**
 * The one password policy (sign-up on the form and `POST /users`, password
 * change): at least 10 characters, not a well-known password, not one
 * character repeated. bcrypt reads at most 72 bytes; longer passwords would be
 * silently truncated, so they are refused.
 */
export const passwordSchema = z
  .string({ error: 'is required' })
  .min(PASSWORD_MIN_LENGTH, { error: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  .refine((value) => new TextEncoder().encode(value).length <= 72, { error: 'must be at most 72 bytes' })
  .refine((value) => !COMMON_PASSWORDS.has(value.toLowerCase()) && !/^(.)\1*$/su.test(value), {
    error: 'is one of the most common passwords: choose one that is harder to guess',
  });

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

/** The account page's password change: the current password, and the new one twice. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(1000),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: 'is required' }).max(1000),
  })
  .refine((value) => value.confirmPassword === value.newPassword, { path: ['confirmPassword'], error: 'does not match the new password' })
  .refine((value) => value.newPassword !== value.currentPassword, { path: ['newPassword'], error: 'must be different from the current password' });

/** REST `POST /users`: sign-up with no other fields. */
export const signUpRequestSchema = signUpSchema.strict();
/** REST `POST /auth/token`: credentials with no other fields. */
export const tokenRequestSchema = credentialsSchema.strict();

export const apiKeyNameSchema = z
  .string({ error: 'is required' })
  .trim()
  .min(1, { error: 'is required' })
  .max(60, { error: 'must be at most 60 characters' });
