import { z } from 'zod';
import { ORDER_STATUSES } from './status';

const statusEnum = z.enum(ORDER_STATUSES, { error: `must be one of ${ORDER_STATUSES.join(', ')}` });

export const orderStatusFilterSchema = statusEnum.optional();

/** REST `PUT /orders/{id}`: the status to move to (shipping needs carrier and tracking number). */
export const updateOrderSchema = z
  .object({
    status: statusEnum,
    carrier: z.string().trim().min(1).max(60).optional(),
    tracking_number: z.string().trim().min(1).max(100).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
