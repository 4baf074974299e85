import type { OrderStatus } from '@/lib/orders/status';

const LABELS: Record<OrderStatus, { text: string; style: string }> = {
  pending_payment: { text: 'Awaiting payment', style: 'bg-amber-50 text-amber-800 ring-amber-600/30' },
  confirmed: { text: 'Confirmed', style: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20' },
  processing: { text: 'Being packed', style: 'bg-sky-50 text-sky-800 ring-sky-600/20' },
  shipped: { text: 'Shipped', style: 'bg-indigo-50 text-indigo-800 ring-indigo-600/20' },
  delivered: { text: 'Delivered', style: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20' },
  payment_failed: { text: 'Payment failed', style: 'bg-red-50 text-red-800 ring-red-600/20' },
  cancelled: { text: 'Cancelled', style: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
  refunded: { text: 'Refunded', style: 'bg-slate-100 text-slate-700 ring-slate-500/20' },
};

export function orderStatusText(status: OrderStatus): string {
  return LABELS[status].text;
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { text, style } = LABELS[status];
  return (
    <span data-testid="order-status" data-status={status} className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>
      {text}
    </span>
  );
}
