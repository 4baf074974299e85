/**
 * The OpenAPI 3.1 description of the REST API, built from the same zod schemas
 * the handlers parse with (request bodies and query parameters, `io: 'input'`)
 * and from lib/api/response-schemas.ts (answers). Served at
 * `GET /api/v1/openapi.json` and rendered for people at `/docs/api`.
 *
 * Every route file under app/api/v1 has its operations here: the OpenAPI test
 * lists the route files from disk and fails for a route (or a method) left out.
 */
import { z } from 'zod';
import { pageQuerySchema } from '@/lib/api/pagination';
import { idSchema } from '@/lib/api/ids';
import { MAX_BODY_BYTES } from '@/lib/api/body';
import { signUpRequestSchema, tokenRequestSchema } from '@/lib/auth/schemas';
import { addLineSchema, setQuantitySchema } from '@/lib/cart/schemas';
import { itemCreateSchema, itemUpdateSchema } from '@/lib/catalog/admin-products';
import { createOrderSchema } from '@/lib/checkout/schemas';
import { markReadSchema, sendNotificationSchema } from '@/lib/notifications/schemas';
import { orderStatusFilterSchema, updateOrderSchema } from '@/lib/orders/schemas';
import { FILTER_FIELDS, searchQuerySchema } from '@/lib/search/params';
import { PRICE_RANGES } from '@/lib/search/types';
import { wishlistAddSchema } from '@/lib/wishlist/schemas';
import * as responses from './response-schemas';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/** Who may call an operation. */
export type Access = 'anyone' | 'signed_in' | 'owner' | 'owner_or_staff' | 'staff';

export const ACCESS_LABELS: Record<Access, string> = {
  anyone: 'Anyone (no authentication)',
  signed_in: 'Any signed-in user',
  owner: 'The user themself (`{user_id}` is `me` or their own id)',
  owner_or_staff: 'The owner, merchants and admins',
  staff: 'Merchants and admins',
};

type Named = { name: string; schema: z.ZodType };

type OperationSpec = {
  method: HttpMethod;
  /** Relative to /api/v1, with `{param}` segments: the route file's folder. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Refines the access label (e.g. "the owner may only cancel"). */
  accessNote?: string;
  query?: z.ZodObject;
  /** Query parameters zod cannot describe alone (a repeatable one). */
  extraQuery?: Record<string, unknown>[];
  body?: Named;
  /** Accepts Idempotency-Key. */
  idempotent?: boolean;
  success: { status: number; description: string; body?: Named; headers?: Record<string, unknown> };
  /** Error answers beyond the ones implied by auth, ids, bodies and the rate limit. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** The answer may be cached (no auth). */
  cacheable?: boolean;
};

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 429;

const named = (name: string, schema: z.ZodType): Named => ({ name, schema });

// ---------------------------------------------------------------------------
// Request and answer schemas, by component name
// ---------------------------------------------------------------------------

const body = {
  SignUpRequest: named('SignUpRequest', signUpRequestSchema),
  TokenRequest: named('TokenRequest', tokenRequestSchema),
  ItemCreateRequest: named('ItemCreateRequest', itemCreateSchema),
  ItemUpdateRequest: named('ItemUpdateRequest', itemUpdateSchema),
  CartAddRequest: named('CartAddRequest', addLineSchema),
  CartQuantityRequest: named('CartQuantityRequest', setQuantitySchema),
  WishlistAddRequest: named('WishlistAddRequest', wishlistAddSchema),
  OrderCreateRequest: named('OrderCreateRequest', createOrderSchema),
  OrderUpdateRequest: named('OrderUpdateRequest', updateOrderSchema),
  NotificationSendRequest: named('NotificationSendRequest', sendNotificationSchema),
  NotificationsReadRequest: named('NotificationsReadRequest', markReadSchema),
};

const answer = {
  CreatedUser: named('CreatedUser', responses.createdUserSchema),
  Token: named('Token', responses.tokenSchema),
  User: named('User', responses.userSchema),
  Item: named('Item', responses.itemSchema),
  SupplierInventory: named('SupplierInventory', responses.supplierInventorySchema),
  Warehouses: named('Warehouses', responses.warehousesSchema),
  Cart: named('Cart', responses.cartSchema),
  WishlistPage: named('WishlistPage', responses.wishlistPageSchema),
  RecommendationsPage: named('RecommendationsPage', responses.recommendationsPageSchema),
  OrdersPage: named('OrdersPage', responses.ordersPageSchema),
  Order: named('Order', responses.orderSchema),
  SearchResult: named('SearchResult', responses.searchResultSchema),
  Notification: named('Notification', responses.notificationSchema),
  NotificationsPage: named('NotificationsPage', responses.notificationsPageSchema),
  MarkReadResult: named('MarkReadResult', responses.markReadResultSchema),
};

const ordersQuery = pageQuerySchema.extend({ status: orderStatusFilterSchema });

// ---------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------

export const OPERATIONS: readonly OperationSpec[] = [
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Meta',
    summary: 'This API description (OpenAPI 3.1)',
    access: 'anyone',
    cacheable: true,
    success: { status: 200, description: 'The OpenAPI document' },
  },
  {
    method: 'post',
    path: '/users',
    tag: 'Accounts',
    summary: 'Sign up: a new customer account',
    access: 'anyone',
    body: body.SignUpRequest,
    idempotent: true,
    success: { status: 201, description: 'The account was created', body: answer.CreatedUser },
    errors: {
      409: 'The email already has an account (`conflict`)',
      429: 'Too many sign-ups from this client address (`rate_limited`; 10 an hour by default): try again after `Retry-After` seconds',
    },
  },
  {
    method: 'post',
    path: '/auth/token',
    tag: 'Accounts',
    summary: 'Exchange email and password for a new API key',
    description: 'Not replayable with Idempotency-Key on purpose: replaying would mean keeping the key in clear.',
    access: 'anyone',
    body: body.TokenRequest,
    success: { status: 201, description: 'A new API key of that user', body: answer.Token },
    errors: {
      401: 'The email and password do not match an account',
      429: 'Too many attempts for this email, or from this client address, on any sign-in path (`rate_limited`; by default 10 a minute per email and 30 per address): try again after `Retry-After` seconds',
    },
  },
  {
    method: 'get',
    path: '/users/{user_id}',
    tag: 'Accounts',
    summary: 'A user’s account',
    access: 'owner',
    success: { status: 200, description: 'The account', body: answer.User },
  },
  {
    method: 'get',
    path: '/items/{item_id}',
    tag: 'Catalog',
    summary: 'An item (one SKU) with its price and available stock',
    access: 'anyone',
    success: { status: 200, description: 'The item', body: answer.Item },
  },
  {
    method: 'post',
    path: '/items',
    tag: 'Catalog',
    summary: 'Put a new product on sale with one item and its first stock',
    description:
      '`stock[].quantity` is the units on hand to start with (in the default warehouse when `warehouse_id` is left out). `price_cents` is a whole number from 0 to 100000000 (1,000,000.00); anything else → 400 naming `price_cents`.',
    access: 'staff',
    body: body.ItemCreateRequest,
    idempotent: true,
    success: { status: 201, description: 'The new item (an active product with one variant)', body: answer.Item },
    errors: { 409: 'The SKU is taken (`conflict`)' },
  },
  {
    method: 'put',
    path: '/items/{item_id}',
    tag: 'Catalog',
    summary: 'Change an item’s price, name, attributes or stock on hand',
    description:
      '`stock[].quantity` is the new number of units on hand (in the default warehouse when `warehouse_id` is left out). Below what open orders reserved → 409 and nothing changes.',
    access: 'staff',
    body: body.ItemUpdateRequest,
    success: { status: 200, description: 'The item', body: answer.Item },
    errors: { 409: 'The new stock is below what is reserved (`conflict`)' },
  },
  {
    method: 'get',
    path: '/search',
    tag: 'Catalog',
    summary: 'Search the catalog with facets',
    access: 'anyone',
    query: searchQuerySchema,
    extraQuery: [
      {
        name: 'filter',
        in: 'query',
        required: false,
        description: `Repeatable \`field:value\`; fields: ${FILTER_FIELDS.join(', ')}. \`price\` is one of ${PRICE_RANGES.map((r) => r.key).join(', ')}; \`in_stock\` is true or false; \`price_min\`/\`price_max\` are cents.`,
        schema: { type: 'array', items: { type: 'string', maxLength: 141 }, maxItems: 40 },
        style: 'form',
        explode: true,
        examples: { brand: { value: ['brand:Northwind', 'in_stock:true'] } },
      },
    ],
    success: { status: 200, description: 'One page of hits, facet counts and a spelling suggestion', body: answer.SearchResult },
  },
  {
    method: 'get',
    path: '/suppliers/{supplier_id}/inventory',
    tag: 'Inventory',
    summary: 'Stock in the warehouses a supplier runs',
    access: 'staff',
    success: { status: 200, description: 'Per item: stock, reserved and on hand', body: answer.SupplierInventory },
  },
  {
    method: 'get',
    path: '/warehouses',
    tag: 'Inventory',
    summary: 'The warehouses',
    access: 'staff',
    success: { status: 200, description: 'Every warehouse', body: answer.Warehouses },
  },
  {
    method: 'get',
    path: '/users/{user_id}/cart',
    tag: 'Cart and wishlist',
    summary: 'The user’s cart with totals',
    access: 'owner',
    success: { status: 200, description: 'The cart', body: answer.Cart },
  },
  {
    method: 'post',
    path: '/users/{user_id}/cart',
    tag: 'Cart and wishlist',
    summary: 'Add units of an item to the cart',
    access: 'owner',
    body: body.CartAddRequest,
    idempotent: true,
    success: { status: 200, description: 'The cart', body: answer.Cart },
  },
  {
    method: 'patch',
    path: '/users/{user_id}/cart/{item_id}',
    tag: 'Cart and wishlist',
    summary: 'Set the quantity of a line in the cart',
    access: 'owner',
    body: body.CartQuantityRequest,
    success: { status: 200, description: 'The cart', body: answer.Cart },
  },
  {
    method: 'delete',
    path: '/users/{user_id}/cart/{item_id}',
    tag: 'Cart and wishlist',
    summary: 'Remove a line from the cart',
    access: 'owner',
    success: { status: 204, description: 'Removed (or was not there)' },
  },
  {
    method: 'get',
    path: '/users/{user_id}/wishlist',
    tag: 'Cart and wishlist',
    summary: 'The user’s wishlist',
    access: 'owner',
    query: pageQuerySchema,
    success: { status: 200, description: 'One page of the wishlist', body: answer.WishlistPage },
  },
  {
    method: 'post',
    path: '/users/{user_id}/wishlist',
    tag: 'Cart and wishlist',
    summary: 'Add an item to the wishlist (adding it twice is fine)',
    access: 'owner',
    query: pageQuerySchema,
    body: body.WishlistAddRequest,
    idempotent: true,
    success: { status: 200, description: 'The first page of the wishlist', body: answer.WishlistPage },
  },
  {
    method: 'delete',
    path: '/users/{user_id}/wishlist/{item_id}',
    tag: 'Cart and wishlist',
    summary: 'Remove an item from the wishlist',
    access: 'owner',
    success: { status: 204, description: 'Removed' },
    errors: { 404: 'The item is not on the wishlist (or the user is not the caller)' },
  },
  {
    method: 'get',
    path: '/users/{user_id}/recommendations',
    tag: 'Cart and wishlist',
    summary: 'Recommended for this user: bought together with their purchases and wishlist, else popular',
    access: 'owner',
    query: pageQuerySchema,
    success: { status: 200, description: 'One page of recommendations (at most 48 in all)', body: answer.RecommendationsPage },
  },
  {
    method: 'get',
    path: '/orders',
    tag: 'Orders',
    summary: 'Orders: a customer’s own, or all for merchants and admins',
    access: 'signed_in',
    accessNote: 'customers see their own orders; merchants and admins see all',
    query: ordersQuery,
    success: { status: 200, description: 'One page of orders, newest first', body: answer.OrdersPage },
  },
  {
    method: 'post',
    path: '/orders',
    tag: 'Orders',
    summary: 'Place an order from lines or from the caller’s cart',
    description:
      'Send either `items` or `from_cart: true`. Lines of the same item add up: at most the per-line cap (20 by default) of an item and 50 different items per order. Stock is reserved for the order until it is paid or expires. With Idempotency-Key any number of retries (even concurrent) create one order and get one answer.\n\n' +
      'An item in a live flash sale is sold only to a caller the waiting room let through: `POST /api/flash/{sale_id}/line` with the same API key (or session), then `GET` it until `admitted` is true; the admission lasts 15 minutes. Each shopper may hold at most the sale’s limit over all their orders placed during the sale that are not cancelled or failed.',
    access: 'signed_in',
    body: body.OrderCreateRequest,
    idempotent: true,
    success: { status: 201, description: 'The order, waiting for payment (200 when it already existed)', body: answer.Order },
    errors: {
      403: 'An item is in a live flash sale and the caller has not been let through its line (`admission_required`; `details.sale_id`, `details.item_id`, `details.line` to join, `details.queue` in the shop): nothing is reserved',
      409: 'Not enough stock (`out_of_stock`, `details.item_id` and `details.available`): nothing is reserved; or over a flash sale’s per-shopper limit counting the caller’s open orders (`purchase_limit_reached`, `details.limit`, `details.in_open_orders`)',
    },
  },
  {
    method: 'get',
    path: '/orders/{order_id}',
    tag: 'Orders',
    summary: 'An order',
    access: 'owner_or_staff',
    success: { status: 200, description: 'The order', body: answer.Order },
  },
  {
    method: 'put',
    path: '/orders/{order_id}',
    tag: 'Orders',
    summary: 'Move an order to another status',
    description: 'Shipping needs `carrier` and `tracking_number`.',
    access: 'owner_or_staff',
    accessNote: 'merchants and admins move orders along; the owner may only cancel before shipment',
    body: body.OrderUpdateRequest,
    success: { status: 200, description: 'The order', body: answer.Order },
    errors: { 409: 'Not allowed from the current status (`invalid_transition`), or the order is archived (`archived`)' },
  },
  {
    method: 'post',
    path: '/notifications',
    tag: 'Notifications',
    summary: 'Write to one user (a customer also gets it by e-mail)',
    access: 'staff',
    body: body.NotificationSendRequest,
    idempotent: true,
    success: { status: 201, description: 'The notification', body: answer.Notification },
  },
  {
    method: 'get',
    path: '/users/{user_id}/notifications',
    tag: 'Notifications',
    summary: 'The user’s notifications, newest first',
    access: 'owner',
    query: pageQuerySchema,
    success: { status: 200, description: 'One page of notifications and the unread count', body: answer.NotificationsPage },
  },
  {
    method: 'post',
    path: '/users/{user_id}/notifications/read',
    tag: 'Notifications',
    summary: 'Mark notifications read (these, or all when left out); safe to repeat',
    access: 'owner',
    body: body.NotificationsReadRequest,
    success: { status: 200, description: 'How many changed and how many are still unread', body: answer.MarkReadResult },
  },
];

export const TAGS: readonly { name: string; description: string }[] = [
  { name: 'Accounts', description: 'Sign-up, API keys and the account' },
  { name: 'Catalog', description: 'Items (SKUs), search, and catalog changes for merchants' },
  { name: 'Inventory', description: 'Warehouses and supplier stock (merchants)' },
  { name: 'Cart and wishlist', description: 'A shopper’s cart, wishlist and recommendations' },
  { name: 'Orders', description: 'Placing, reading and moving orders' },
  { name: 'Notifications', description: 'Inbox and messages to users' },
  { name: 'Meta', description: 'This description' },
];

// ---------------------------------------------------------------------------
// Building the document
// ---------------------------------------------------------------------------

type JsonObject = Record<string, unknown>;

/** A zod schema as a JSON Schema 2020-12 object (OpenAPI 3.1's dialect), without `$schema`. */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ jsonSchema }) => {
      // z.int()'s safe-integer bounds say nothing a reader needs.
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  }) as JsonObject;
  return rest;
}

const PATH_PARAMS: Record<string, { description: string; schema: JsonObject }> = {
  user_id: {
    description: 'A user id (UUID), or `me` for the caller. Anyone else’s id answers 404.',
    schema: { anyOf: [{ const: 'me' }, toJsonSchema(idSchema, 'input')] },
  },
  item_id: { description: 'An item (variant) id', schema: toJsonSchema(idSchema, 'input') },
  order_id: { description: 'An order id', schema: toJsonSchema(idSchema, 'input') },
  supplier_id: { description: 'A supplier id', schema: toJsonSchema(idSchema, 'input') },
};

const ERROR_RESPONSES: Record<ErrorStatus, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Invalid input (`invalid_request`): `details.fields` names each field; nothing changed' },
  401: { name: 'Unauthenticated', description: 'No API key or session, a malformed Authorization header, or an unknown or revoked key (`unauthenticated`)' },
  403: { name: 'Forbidden', description: 'The caller’s role may not do this, or a browser sent it from another origin (`forbidden`)' },
  404: { name: 'NotFound', description: 'No such resource, or not the caller’s (`not_found`)' },
  409: { name: 'Conflict', description: 'The request conflicts with the current state' },
  413: { name: 'PayloadTooLarge', description: `The body is over ${MAX_BODY_BYTES / 1024} KB (\`payload_too_large\`)` },
  429: { name: 'RateLimited', description: 'Too many requests (`rate_limited`): try again after `Retry-After` seconds' },
};

function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]!);
}

/** The error statuses an operation can answer, with their descriptions. */
export function errorStatuses(op: OperationSpec): Map<ErrorStatus, string> {
  const out = new Map<ErrorStatus, string>();
  const params = pathParams(op.path);
  if (op.body || op.query || op.extraQuery || params.length > 0 || op.idempotent) out.set(400, ERROR_RESPONSES[400].description);
  if (op.access !== 'anyone') out.set(401, ERROR_RESPONSES[401].description);
  if (op.access === 'staff' || (op.access !== 'anyone' && op.method !== 'get')) out.set(403, ERROR_RESPONSES[403].description);
  if (params.length > 0) out.set(404, ERROR_RESPONSES[404].description);
  if (op.idempotent) out.set(409, 'This Idempotency-Key was used with another request (`idempotency_key_reused`)');
  if (op.body) out.set(413, ERROR_RESPONSES[413].description);
  out.set(429, ERROR_RESPONSES[429].description);
  for (const [status, description] of Object.entries(op.errors ?? {})) {
    const code = Number(status) as ErrorStatus;
    out.set(code, out.has(code) && (code === 409 || code === 403) ? `${description}; or ${out.get(code)}` : description);
  }
  return new Map([...out.entries()].sort(([a], [b]) => a - b));
}

const ref = (kind: 'schemas' | 'responses' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` });

function operationId(op: OperationSpec): string {
  const words = op.path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/^\{(.+)\}$/, 'by_$1').replace(/\.json$/, ''));
  const camel = (s: string) => s.replace(/[_.-](\w)/g, (_, c: string) => c.toUpperCase());
  return camel([op.method, ...words].join('_'));
}

function queryParameters(op: OperationSpec): JsonObject[] {
  const out: JsonObject[] = [];
  if (op.query) {
    const schema = toJsonSchema(op.query, 'input');
    const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
    const required = new Set((schema.required ?? []) as string[]);
    for (const [name, propertySchema] of Object.entries(properties)) {
      out.push({ name, in: 'query', required: required.has(name), schema: propertySchema });
    }
  }
  return [...out, ...(op.extraQuery ?? [])];
}

export type OpenApiDocument = JsonObject & {
  openapi: string;
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject>; responses: Record<string, JsonObject>; parameters: Record<string, JsonObject>; securitySchemes: Record<string, JsonObject> };
};

let built: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  built ??= buildDocument();
  return built;
}

function buildDocument(): OpenApiDocument {
  const schemas: Record<string, JsonObject> = { Error: toJsonSchema(responses.errorSchema, 'output') };
  for (const { name, schema } of Object.values(body)) schemas[name] = toJsonSchema(schema, 'input');
  for (const { name, schema } of Object.values(answer)) schemas[name] = toJsonSchema(schema, 'output');

  const errorResponses: Record<string, JsonObject> = {};
  for (const [status, { name, description }] of Object.entries(ERROR_RESPONSES)) {
    errorResponses[name] = {
      description,
      content: { 'application/json': { schema: ref('schemas', 'Error') } },
      ...(status === '429' ? { headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } } } : {}),
    };
  }

  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const op of OPERATIONS) {
    const parameters: JsonObject[] = [
      ...pathParams(op.path).map((name) => {
        const known = PATH_PARAMS[name];
        if (!known) throw new Error(`No description for the path parameter {${name}} of ${op.path}`);
        return { name, in: 'path', required: true, description: known.description, schema: known.schema };
      }),
      ...queryParameters(op),
      ...(op.idempotent ? [ref('parameters', 'IdempotencyKey')] : []),
    ];
    const responsesObject: Record<string, JsonObject> = {
      [String(op.success.status)]: {
        description: op.success.description,
        ...(op.success.body
          ? { content: { 'application/json': { schema: ref('schemas', op.success.body.name) } } }
          : op.success.status === 204
            ? {}
            : { content: { 'application/json': { schema: { type: 'object' } } } }),
        ...(op.cacheable ? { headers: { 'Cache-Control': { description: 'Public and cacheable', schema: { type: 'string' } } } } : {}),
      },
    };
    for (const [status, description] of errorStatuses(op)) {
      const shared = ERROR_RESPONSES[status];
      responsesObject[String(status)] =
        description === shared.description ? ref('responses', shared.name) : { description, content: { 'application/json': { schema: ref('schemas', 'Error') } } };
    }
    const access = ACCESS_LABELS[op.access] + (op.accessNote ? `: ${op.accessNote}` : '');
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: operationId(op),
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, `**Who may call it:** ${access}.`].filter(Boolean).join('\n\n'),
      'x-access': op.access,
      ...(op.accessNote ? { 'x-access-note': op.accessNote } : {}),
      ...(op.access === 'anyone' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref('schemas', op.body.name) } } } } : {}),
      responses: responsesObject,
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Stockwise REST API',
      version: '1.0.0',
      summary: 'The storefront and order system that never oversells and never charges twice.',
      description:
        'JSON over HTTPS. Errors are `{ "error": { "code", "message", "details"? } }`. Ids are UUIDs; `item_id` is a variant (one SKU). ' +
        'Mutating POSTs accept `Idempotency-Key`: a retry with the same key and body answers the first response again (`Idempotent-Replayed: true`). ' +
        'Authenticate with an API key (`POST /auth/token`) as `Authorization: Bearer <key>`, or the session cookie of a signed-in browser (same-origin requests only).',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/api/v1', description: 'This shop' }],
    tags: [...TAGS],
    security: [{ apiKey: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      responses: errorResponses,
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Makes retries safe: the same key and body answer the first response again and change nothing; the same key with another body → 409 `idempotency_key_reused`.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
        },
      },
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `POST /auth/token` (or the account page): `Authorization: Bearer sw_live_…`' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'authjs.session-token',
          description: 'The session cookie of a signed-in browser (`__Secure-authjs.session-token` over https). Writes must come from the shop’s own origin.',
        },
      },
    },
  };
}
