import type { CartLine } from '@/lib/cart/view';

/** Why a line cannot be bought as it is; nothing for a line that can. */
export function LineStatus({ line }: { line: Pick<CartLine, 'status' | 'available'> }) {
  switch (line.status) {
    case 'short':
      return <p className="text-sm font-medium text-amber-800" data-testid="line-status">Only {line.available} left — reduce the quantity</p>;
    case 'sold_out':
      return <p className="text-sm font-medium text-red-700" data-testid="line-status">Sold out</p>;
    case 'unavailable':
      return <p className="text-sm font-medium text-slate-600" data-testid="line-status">No longer sold</p>;
    default:
      return null;
  }
}
