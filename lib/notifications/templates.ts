/**
 * What each notification says. Pure functions from facts to words: no
 * database, no React, so every template is easy to read and to test.
 */
import { formatMoney } from '@/lib/money';
import type { EventOf } from '@/lib/events/types';
import type { OrderStatus } from '@/lib/orders/status';

/** One notification's content: a line for the inbox, where it leads, and what it is about. */
export type Notice = {
  type: string;
  message: string;
  /** A path in the shop or the dashboard. */
  href: string;
  data: Record<string, unknown>;
};

/** A shopper's notice also goes out by e-mail: a subject and a few lines of body. */
export type ShopperNotice = Notice & { subject: string; lines: string[] };

export type OrderFacts = {
  id: string;
  number: number;
  email: string;
  totalCents: number;
  currency: string;
  shipment: { carrier: string; trackingNumber: string } | null;
};

type StatusEvent = { type: `order.${OrderStatus}`; from: OrderStatus | null; reason: string };

const orderData = (order: OrderFacts, extra: Record<string, unknown> = {}) => ({
  orderId: order.id,
  orderNumber: order.number,
  ...extra,
});

/** "payment failed: insufficient_funds" → "insufficient funds" */
function humanReason(reason: string, prefix: string): string {
  const stripped = reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
  return stripped.replace(/_/g, ' ').trim();
}

/** What the order's shopper is told about order.created and each order.<status>; null when nothing is worth saying. */
export function shopperOrderNotice(event: StatusEvent | { type: 'order.created' }, order: OrderFacts): ShopperNotice | null {
  const n = `#${order.number}`;
  const total = formatMoney(order.totalCents, order.currency);
  const href = `/orders/${order.id}`;
  const base = (type: string, subject: string, message: string, lines: string[], extra: Record<string, unknown> = {}): ShopperNotice => ({
    type,
    subject,
    message,
    lines,
    href,
    data: orderData(order, { href, ...extra }),
  });

  switch (event.type) {
    case 'order.created':
      return base('order.created', `We received order ${n}`, `Order ${n} received (${total}). It is waiting for payment.`, [
        `Thank you for your order ${n} of ${total}.`,
        'We are holding your items while you pay; unpaid orders are released after a short while.',
      ], { status: 'pending_payment' });
    case 'order.confirmed':
      return base('order.confirmed', `Order ${n} is paid and confirmed`, `Order ${n} is paid and confirmed (${total}). We will tell you when it ships.`, [
        `We received your payment of ${total} for order ${n}.`,
        'Your order is confirmed and we will start packing it soon.',
      ], { status: 'confirmed' });
    case 'order.processing':
      return base('order.processing', `Order ${n} is being packed`, `Order ${n} is being packed.`, [
        `We are packing order ${n}. You will hear from us again when it ships.`,
      ], { status: 'processing' });
    case 'order.shipped': {
      const shipment = order.shipment;
      const message = shipment
        ? `Order ${n} has shipped with ${shipment.carrier}, tracking number ${shipment.trackingNumber}.`
        : `Order ${n} has shipped.`;
      return base('order.shipped', `Order ${n} has shipped`, message, [message], {
        status: 'shipped',
        carrier: shipment?.carrier ?? null,
        trackingNumber: shipment?.trackingNumber ?? null,
      });
    }
    case 'order.delivered':
      return base('order.delivered', `Order ${n} was delivered`, `Order ${n} was delivered. Enjoy!`, [
        `Order ${n} was delivered. We hope you enjoy it.`,
      ], { status: 'delivered' });
    case 'order.payment_failed': {
      const why = humanReason(event.reason, 'payment failed:');
      return base('order.payment_failed', `Payment for order ${n} did not go through`, `Payment for order ${n} did not go through (${why}). Nothing was charged.`, [
        `Your payment of ${total} for order ${n} did not go through: ${why}.`,
        'Nothing was charged and the items were released.',
      ], { status: 'payment_failed', reason: why });
    }
    case 'order.cancelled': {
      // No order status "expired": the expiry job cancels with this reason (lib/orders/expiry.ts).
      if (event.reason.startsWith('expired')) {
        return base('order.cancelled', `Order ${n} expired`, `Order ${n} expired: it was not paid in time, so its items were released.`, [
          `Order ${n} was not paid in time, so we released its items. Nothing was charged.`,
        ], { status: 'cancelled', expired: true });
      }
      const wasPaid = event.from === 'confirmed' || event.from === 'processing';
      const message = wasPaid
        ? `Order ${n} was cancelled. Your payment of ${total} will be refunded.`
        : `Order ${n} was cancelled.`;
      return base('order.cancelled', `Order ${n} was cancelled`, message, [message], { status: 'cancelled', refund: wasPaid });
    }
    case 'order.refunded':
      return base('order.refunded', `Order ${n} was refunded`, `Order ${n} was refunded: ${total} is on its way back to you.`, [
        `We refunded ${total} for order ${n}. It may take a few days to show on your statement.`,
      ], { status: 'refunded' });
    case 'order.pending_payment':
      return null;
  }
}

/** Staff hear about every new paid order. */
export function staffPaidOrderNotice(order: OrderFacts): Notice {
  const href = `/admin/orders/${order.id}`;
  return {
    type: 'order.confirmed',
    message: `New paid order #${order.number}: ${formatMoney(order.totalCents, order.currency)} from ${order.email || 'a guest'}.`,
    href,
    data: orderData(order, { href, status: 'confirmed', totalCents: order.totalCents, currency: order.currency }),
  };
}

export function staffPaymentFlaggedNotice(event: EventOf<'payment.flagged'>, orderNumber: number | null): Notice {
  const href = `/admin/orders/${event.orderId}`;
  const which = orderNumber === null ? 'an order' : `order #${orderNumber}`;
  return {
    type: 'payment.flagged',
    message: `A payment for ${which} needs a look: ${event.reason}.`,
    href,
    data: { orderId: event.orderId, orderNumber, paymentId: event.paymentId, reason: event.reason, href },
  };
}

export function staffInventoryNotice(event: EventOf<'inventory.low'> | EventOf<'inventory.sold_out'>): Notice {
  const href = `/admin/inventory?q=${encodeURIComponent(event.sku)}`;
  if (event.type === 'inventory.sold_out') {
    return {
      type: 'inventory.sold_out',
      message: `Sold out: ${event.sku} has nothing left to sell.`,
      href,
      data: { variantId: event.variantId, sku: event.sku, available: 0, href },
    };
  }
  return {
    type: 'inventory.low',
    message: `Low stock: ${event.sku} has ${event.available} left (threshold ${event.threshold}).`,
    href,
    data: { variantId: event.variantId, sku: event.sku, available: event.available, threshold: event.threshold, href },
  };
}

/** A note a merchant sends by hand (REST). */
export function manualNotice(type: string, message: string): ShopperNotice {
  return { type, message, href: '/account/notifications', data: { manual: true }, subject: 'A message from the shop', lines: [message] };
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The e-mail for a shopper's notice, as plain text and HTML, linking back to the shop. */
export function renderMail(notice: ShopperNotice, recipient: { name: string | null }, baseUrl: string): { subject: string; text: string; html: string } {
  const greeting = `Hello${recipient.name ? ` ${recipient.name}` : ''},`;
  const link = `${baseUrl}${notice.href}`;
  const text = [greeting, '', ...notice.lines, '', `See it in the shop: ${link}`, '', '— Stockwise'].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...notice.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(link)}" style="color:#1d4ed8">See it in the shop</a></p>`,
    '<p style="color:#64748b">— Stockwise</p>',
    '</body></html>',
  ].join('\n');
  return { subject: notice.subject, text, html };
}
