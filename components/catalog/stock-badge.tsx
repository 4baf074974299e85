import type { StockLabel } from '@/lib/catalog/types';

const STYLES: Record<StockLabel['state'], string> = {
  in_stock: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  low_stock: 'bg-amber-50 text-amber-800 ring-amber-600/30',
  sold_out: 'bg-slate-100 text-slate-700 ring-slate-500/20',
};

export function StockBadge({ label, className = '' }: { label: StockLabel; className?: string }) {
  return (
    <span
      data-testid="stock-badge"
      data-state={label.state}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[label.state]} ${className}`}
    >
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {label.text}
    </span>
  );
}
