import { getDb } from '@/db/client';
import { requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { requestCookies } from '@/lib/api/cookies';
import { parseInput } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { idempotent, savedAnswer } from '@/lib/api/idempotency';
import { paginated, parsePage } from '@/lib/api/pagination';
import { isStaff } from '@/lib/auth/users';
import { enforceRateLimit } from '@/lib/flash/rate-limit';
import { getOrCreateUserCart } from '@/lib/cart/store';
import { placeOrder } from '@/lib/checkout/place-order';
import { createOrderSchema } from '@/lib/checkout/schemas';
import { orderStatusFilterSchema } from '@/lib/orders/schemas';
import { listOrders, loadOrder, orderJson, orderSummaryJson } from '@/lib/orders/view';

/** Customers see their own orders; merchants and admins see all. `?status=` filters. */
export const GET = route(async (request) => {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const page = parsePage(url);
  const status = parseInput(orderStatusFilterSchema, url.searchParams.get('status') ?? undefined, 'status');
  const { orders, total } = await listOrders(getDb(), {
    userId: isStaff(actor.role) ? undefined : actor.id,
    status,
    offset: page.offset,
    limit: page.limit,
  });
  return json(paginated(orders.map(orderSummaryJson), page, total));
});

/**
 * Places an order from lines or from the caller's cart. With Idempotency-Key,
 * any number of retries (even concurrent) create one order and get one body.
 * A flash sale's item needs the caller's admission (lib/flash/admission-check.ts).
 */
export const POST = route(async (request) => {
  const actor = await requireActor(request);
  // Invalid bodies are refused before the checkout limit counts them, and a retry of a placed order gets its answer past it.
  const { value, text } = await readJson(request, createOrderSchema);
  const saved = await savedAnswer(request, `user:${actor.id}`, text);
  if (saved) return saved;
  await enforceRateLimit('checkout', `user:${actor.id}`);
  return idempotent(request, `user:${actor.id}`, text, async (tx) => {
    const common = {
      userId: actor.id,
      email: actor.email,
      promoCode: value.promo_code ?? null,
      shippingAddress: value.shipping_address ?? null,
      shippingMethod: value.shipping_method ?? null,
      admission: requestCookies(request),
    };
    const placed = value.from_cart
      ? await placeOrder(tx, { ...common, cartId: await getOrCreateUserCart(tx, actor.id) })
      : await placeOrder(tx, { ...common, lines: value.items!.map((i) => ({ variantId: i.item_id, quantity: i.quantity })) });
    return { status: placed.created ? 201 : 200, body: orderJson((await loadOrder(tx, placed.orderId))!) };
  });
});
