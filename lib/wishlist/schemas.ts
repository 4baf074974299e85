import { z } from 'zod';
import { idSchema } from '@/lib/api/ids';

/** REST `POST /users/{user_id}/wishlist`. */
export const wishlistAddSchema = z.object({ item_id: idSchema }).strict();
