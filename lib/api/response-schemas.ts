/**
 * The REST API's answers, as zod schemas: the OpenAPI description
 * (lib/api/openapi.ts) is generated from them, and the OpenAPI test checks
 * real handlers' answers against the generated document, so a field added to
 * a view (lib/api/views.ts, lib/orders/view.ts, …) without being described here fails.
 */
import { z } from 'zod';
import { ORDER_STATUSES } from '@/lib/orders/status';

const id = (description?: string) => z.guid().meta(description ? { description } : {});
const timestamp = (description?: string) => z.iso.datetime({ offset: true }).meta(description ? { description } : {});
const cents = (description: string) => z.int().meta({ description });
const currency = z.string().meta({ description: 'ISO 4217 code, e.g. USD', examples: ['USD'] });
const orderStatus = z.enum(ORDER_STATUSES);

export const errorCodes = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'admission_required',
  'not_found',
  'out_of_stock',
  'invalid_transition',
  'conflict',
  'purchase_limit_reached',
  'archived',
  'idempotency_key_reused',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal_error',
] as const;

/** `{ error: { code, message, details? } }`: every 4xx and 5xx answer. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: `What went wrong, for programs: ${errorCodes.join(', ')}`, examples: ['invalid_request'] }),
    message: z.string().meta({ description: 'What went wrong, for people' }),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: '`fields` (field → message) on 400; `item_id` and `available` on out_of_stock; `sale_id`, `item_id`, `queue` and `line` on admission_required; `sale_id`, `item_id`, `limit` and `in_open_orders` on purchase_limit_reached; `retry_after` (seconds) on 429' }),
  }),
});

const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    page: z.int().meta({ description: 'This page (from 1)' }),
    limit: z.int().meta({ description: 'Page size' }),
    total: z.int().meta({ description: 'Entries over all pages' }),
  });

export const createdUserSchema = z.object({ user_id: id(), email: z.string() });

export const tokenSchema = z.object({
  token: z.string().meta({ description: 'The new API key, shown this once: send it as `Authorization: Bearer <token>`' }),
  key_id: id('Id of the key (to revoke it from the account page)'),
  user_id: id(),
});

export const userSchema = z.object({
  user_id: id(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(['customer', 'merchant', 'admin']),
});

export const itemSchema = z.object({
  item_id: id('The variant (one SKU)'),
  product_id: id(),
  sku: z.string(),
  name: z.string(),
  category: z.string().meta({ description: 'Category slug' }),
  attributes: z.record(z.string(), z.string()),
  price_cents: cents('Unit price in cents'),
  currency,
  stock: z.int().meta({ description: 'Units that can be sold now: on hand minus reserved, over all warehouses' }),
});

export const supplierInventorySchema = z.object({
  supplier_id: id(),
  items: z.array(
    z.object({
      item_id: id(),
      stock: z.int().meta({ description: 'on_hand − reserved' }),
      reserved: z.int(),
      on_hand: z.int(),
    }),
  ),
});

export const warehousesSchema = z.object({
  data: z.array(
    z.object({ warehouse_id: id(), code: z.string(), name: z.string(), supplier_id: id().nullable(), is_default: z.boolean() }),
  ),
});

const promotionSchema = z
  .union([
    z.object({ code: z.string(), description: z.string(), applied: z.literal(true) }),
    z.object({ code: z.string(), applied: z.literal(false), message: z.string().meta({ description: 'Why the code does not apply' }) }),
  ])
  .nullable();

export const cartSchema = z.object({
  cart_id: id(),
  items: z.array(
    z.object({
      item_id: id(),
      product_id: id(),
      sku: z.string(),
      name: z.string(),
      quantity: z.int(),
      price_cents: cents('Unit price now'),
      price_at_add_cents: cents('Unit price when the line was added'),
      price_changed: z.boolean(),
      available: z.int().meta({ description: 'Units that can be sold now' }),
      status: z.enum(['ok', 'short', 'sold_out', 'unavailable']),
    }),
  ),
  promo_code: z.string().nullable(),
  promotion: promotionSchema,
  subtotal_cents: cents('Sum of the lines'),
  discount_cents: cents('Promotion discount'),
  tax_cents: cents('Tax estimate'),
  shipping_cents: cents('Shipping estimate'),
  total_cents: cents('What checkout would charge'),
  currency,
});

export const wishlistPageSchema = page(
  z.object({
    item_id: id(),
    name: z.string(),
    price_cents: cents('Unit price'),
    currency,
    available: z.int(),
    added_at: timestamp(),
  }),
);

export const recommendationsPageSchema = page(
  z.object({
    item_id: id('The variant a "buy" would pick: the cheapest one in stock'),
    product_id: id(),
    name: z.string(),
    price_cents: cents('Price of that variant'),
    currency,
    slug: z.string(),
    image_url: z.string().nullable(),
    reason: z.enum(['bought_together', 'popular']),
  }),
);

export const orderSummarySchema = z.object({
  order_id: id(),
  number: z.int().meta({ description: 'Human order number' }),
  user_id: id().nullable(),
  status: orderStatus,
  total_cents: cents('Charged total'),
  currency,
  created_at: timestamp(),
  item_count: z.int(),
  archived: z.boolean().meta({ description: 'In the order archive: read-only' }),
});

export const ordersPageSchema = page(orderSummarySchema);

export const orderSchema = z.object({
  order_id: id(),
  number: z.int(),
  user_id: id().nullable(),
  status: orderStatus,
  items: z.array(z.object({ item_id: id(), sku: z.string(), name: z.string(), quantity: z.int(), unit_price_cents: z.int() })),
  subtotal_cents: z.int(),
  discount_cents: z.int(),
  tax_cents: z.int(),
  shipping_cents: z.int(),
  total_cents: z.int(),
  currency,
  promo_code: z.string().nullable(),
  shipping_address: z
    .object({
      name: z.string(),
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      postalCode: z.string(),
      country: z.string(),
      phone: z.string().optional(),
    })
    .nullable(),
  shipping_method: z.string().nullable(),
  created_at: timestamp(),
  expires_at: timestamp('An unpaid order releases its stock at this time').nullable(),
  payment: z
    .object({
      provider: z.string(),
      status: z.string(),
      provider_payment_id: z.string().nullable(),
      refunded_cents: z.number().int().min(0).meta({ description: 'How much of the payment was refunded; a partial refund leaves the order’s status as it is' }),
      checkout_url: z.string().nullable().meta({ description: 'The shop’s pay link while the order can be paid' }),
    })
    .nullable(),
  events: z.array(z.object({ status: orderStatus, at: timestamp(), reason: z.string() })),
  shipments: z.array(z.object({ carrier: z.string(), tracking_number: z.string(), shipped_at: timestamp(), delivered_at: timestamp().nullable() })),
  archived: z.boolean(),
});

export const searchResultSchema = z.object({
  data: z.array(
    z.object({
      product_id: id(),
      item_id: id('The cheapest variant that matches the filters'),
      slug: z.string(),
      name: z.string(),
      brand: z.string(),
      price_cents: z.int(),
      currency,
      category: z.string(),
      in_stock: z.boolean(),
      image_url: z.string().nullable(),
    }),
  ),
  facets: z
    .record(z.string(), z.record(z.string(), z.int()))
    .meta({ description: 'Per facet (category, brand, color, size, price, in_stock): value → count' }),
  page: z.int(),
  limit: z.int(),
  total: z.int(),
  did_you_mean: z.string().nullable().meta({ description: 'A corrected query, when the given one found nothing' }),
});

export const notificationSchema = z.object({
  notification_id: id(),
  type: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  read: z.boolean(),
  read_at: timestamp().nullable(),
  created_at: timestamp(),
});

export const notificationsPageSchema = page(notificationSchema).extend({
  unread: z.int().meta({ description: 'Unread notifications in all' }),
});

export const markReadResultSchema = z.object({
  updated: z.int().meta({ description: 'Notifications this call marked read' }),
  unread: z.int().meta({ description: 'Still unread' }),
});
