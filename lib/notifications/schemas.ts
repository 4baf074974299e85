import { z } from 'zod';
import { idSchema } from '@/lib/api/ids';

/** POST /api/v1/notifications */
export const sendNotificationSchema = z
  .object({
    user_id: idSchema,
    type: z
      .string({ error: 'is required' })
      .regex(/^[a-z][a-z0-9_.-]{0,63}$/, { error: 'must be 1–64 lowercase letters, digits, dots, dashes or underscores, starting with a letter' })
      .meta({ examples: ['promo.note'] }),
    message: z.string({ error: 'is required' }).trim().min(1, { error: 'must not be empty' }).max(1000, { error: 'must be at most 1000 characters' }),
  })
  .strict();

/** POST /api/v1/users/{user_id}/notifications/read: these, or all when left out. */
export const markReadSchema = z
  .object({ notification_ids: z.array(idSchema).max(100, { error: 'at most 100 at once' }).optional() })
  .strict();
