import type { ProductStatus } from '@/lib/catalog/admin-products';

const LABELS: Record<ProductStatus, { text: string; style: string; dot: string }> = {
  active: { text: 'Active', style: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20', dot: 'bg-emerald-500' },
  draft: { text: 'Draft', style: 'bg-amber-50 text-amber-900 ring-amber-600/30', dot: 'bg-amber-500' },
  archived: { text: 'Archived', style: 'bg-slate-100 text-slate-700 ring-slate-500/20', dot: 'bg-slate-400' },
};

export function productStatusText(status: ProductStatus): string {
  return LABELS[status].text;
}

export function ProductStatusBadge({ status, size = 'sm' }: { status: ProductStatus; size?: 'sm' | 'md' }) {
  const { text, style, dot } = LABELS[status];
  return (
    <span
      data-testid="product-status"
      data-status={status}
      className={`inline-flex shrink-0 items-center gap-1.5 whitespace-nowrap rounded-full font-medium ring-1 ring-inset ${style} ${size === 'md' ? 'px-3 py-1 text-sm' : 'px-2.5 py-0.5 text-xs'}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${dot}`} />
      {text}
    </span>
  );
}
