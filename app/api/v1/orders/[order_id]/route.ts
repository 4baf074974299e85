import { getDb } from '@/db/client';
import { requireActor } from '@/lib/api/actor';
import { readJson } from '@/lib/api/body';
import { notFound } from '@/lib/api/errors';
import { json, route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { isStaff } from '@/lib/auth/users';
import { updateOrderSchema } from '@/lib/orders/schemas';
import { updateOrderStatus } from '@/lib/orders/update-status';
import { loadOrder, orderJson } from '@/lib/orders/view';

type Context = { params: Promise<{ order_id: string }> };

/** The owner and staff may read an order; anyone else gets 404, as if it did not exist. */
export const GET = route<Context>(async (request, { params }) => {
  const actor = await requireActor(request);
  const order = await loadOrder(getDb(), parseId((await params).order_id, 'order_id'));
  if (!order || (!isStaff(actor.role) && order.userId !== actor.id)) throw notFound('Order');
  return json(orderJson(order));
});

/** `{ status }`: staff move orders along; the owner may only cancel before shipment. 409 `invalid_transition` otherwise. */
export const PUT = route<Context>(async (request, { params }) => {
  const actor = await requireActor(request);
  const orderId = parseId((await params).order_id, 'order_id');
  const { value } = await readJson(request, updateOrderSchema);
  await updateOrderStatus(
    getDb(),
    orderId,
    { status: value.status, carrier: value.carrier, trackingNumber: value.tracking_number, reason: value.reason },
    { userId: actor.id, role: actor.role },
  );
  return json(orderJson((await loadOrder(getDb(), orderId))!));
});
