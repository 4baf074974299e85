import type { OrderStatus } from '@/lib/orders/status';

const LABELS: Record<OrderStatus, { text: string; style: string; dot: string }> = {
  pending_payment: { text: 'Awaiting payment', style: 'bg-amber-50 text-amber-900 ring-amber-600/30', dot: 'bg-amber-500' },
  confirmed: { text: 'Confirmed', style: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20', dot: 'bg-emerald-500' },
  processing: { text: 'Being packed', style: 'bg-sky-50 text-sky-800 ring-sky-600/20', dot: 'bg-sky-500' },
  shipped: { text: 'Shipped', style: 'bg-indigo-50 text-indigo-800 ring-indigo-600/20', dot: 'bg-indigo-500' },
  delivered: { text: 'Delivered', style: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20', dot: 'bg-emerald-600' },
  payment_failed: { text: 'Payment failed', style: 'bg-red-50 text-red-800 ring-red-600/20', dot: 'bg-red-500' },
  cancelled: { text: 'Cancelled', style: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400' },
  refunded: { text: 'Refunded', style: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400' },
};

export function orderStatusText(status: OrderStatus): string {
  return LABELS[status].text;
}

export function OrderStatusBadge({ status, size = 'sm' }: { status: OrderStatus; size?: 'sm' | 'md' }) {
  const { text, style, dot } = LABELS[status];
  return (
    <span
      data-testid="order-status"
      data-status={status}
      className={`inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full font-medium ring-1 ring-inset ${style} ${
        size === 'md' ? 'px-3 py-1 text-sm' : 'px-2.5 py-0.5 text-xs'
      }`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${dot}`} />
      {text}
    </span>
  );
}
