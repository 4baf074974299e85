'use server';

import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { formatMoney } from '@/lib/money';
import { applyBulkOrderAction, applyOrderAction, type BulkOrderResult, type OrderActionResult } from '@/lib/orders/admin-orders';
import type { OrderStatus } from '@/lib/orders/status';
import { failure, type ActionResult } from '@/lib/session/action-result';
import { staffOrForbidden } from '@/lib/session/staff-action';

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

function doneMessage(result: OrderActionResult): string {
  if (!result.changed) return `Order #${result.number} already was ${result.status.replace('_', ' ')}: nothing changed.`;
  switch (result.status) {
    case 'processing':
      return `Order #${result.number} is being packed.`;
    case 'shipped':
      return `Order #${result.number} is shipped. The customer can see the tracking number now.`;
    case 'delivered':
      return `Order #${result.number} is delivered.`;
    case 'cancelled':
      return result.refundCents
        ? `Order #${result.number} is cancelled; ${formatMoney(result.refundCents, result.currency)} is being refunded and its items are back on sale.`
        : `Order #${result.number} is cancelled; nothing was charged and its items are back on sale.`;
    case 'refunded':
      return `Order #${result.number} is marked returned; ${result.refundCents ? formatMoney(result.refundCents, result.currency) : 'the payment'} is being refunded.`;
    default:
      return `Order #${result.number} is now ${result.status.replace('_', ' ')}.`;
  }
}

/** One fulfilment step on one order (process, ship with carrier + tracking number, deliver, cancel, refund). */
export async function orderAction(input: unknown): Promise<ActionResult<{ status: OrderStatus }>> {
  const fields = record(input);
  try {
    const actor = await staffOrForbidden();
    const result = await applyOrderAction(getDb(), actor, str(fields.orderId) ?? '', {
      type: fields.type,
      carrier: str(fields.carrier),
      trackingNumber: str(fields.trackingNumber),
      reason: str(fields.reason),
    });
    revalidatePath('/admin/orders');
    revalidatePath(`/admin/orders/${result.orderId}`);
    return { ok: true, message: doneMessage(result), data: { status: result.status } };
  } catch (error) {
    return failure(error);
  }
}

/** The same step on several orders, each on its own; the result says which worked and why the others did not. */
export async function bulkOrderAction(input: unknown): Promise<ActionResult<BulkOrderResult>> {
  try {
    const actor = await staffOrForbidden();
    const result = await applyBulkOrderAction(getDb(), actor, input);
    revalidatePath('/admin/orders');
    const verb = { process: 'marked processing', deliver: 'marked delivered', cancel: 'cancelled' }[result.action];
    const already = { process: 'processing', deliver: 'delivered', cancel: 'cancelled' }[result.action];
    const changed = result.results.filter((r) => r.ok && r.changed).length;
    const same = result.succeeded - changed;
    const orders = (n: number) => `${n} ${n === 1 ? 'order' : 'orders'}`;
    const parts: string[] = [];
    if (changed > 0) parts.push(`${orders(changed)} ${verb}`);
    if (same > 0) parts.push(`${orders(same)} already ${same === 1 ? 'was' : 'were'} ${already}`);
    if (result.failed > 0) parts.push(result.succeeded === 0 ? `None of the ${orders(result.failed)} could be ${verb}` : `${result.failed} could not be`);
    const message = `${parts.join('; ')}.`;
    return { ok: true, message, data: result };
  } catch (error) {
    return failure(error);
  }
}
