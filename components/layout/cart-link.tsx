import Link from 'next/link';
import { CartIcon } from './icons';

/** The header's cart link with the number of units in the cart. */
export function CartLink({ count }: { count: number | null }) {
  return (
    <Link
      href="/cart"
      className="relative inline-flex h-10 items-center gap-2 rounded-lg px-2.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
    >
      <CartIcon />
      <span className="sr-only sm:not-sr-only">Cart</span>
      {count !== null && (
      <span
        data-testid="cart-count"
        // On a phone the count sits on the icon's corner; from sm up, beside the word "Cart".
        className={`absolute -right-0.5 top-0 grid h-[18px] min-w-[18px] place-items-center rounded-full px-1 text-[11px] font-semibold tabular-nums ring-2 ring-white sm:static sm:h-5 sm:min-w-5 sm:px-1.5 sm:text-xs sm:ring-0 ${
          count > 0 ? 'bg-slate-900 text-white' : 'bg-slate-100 text-slate-600'
        }`}
      >
        {count}
      </span>
      )}
      {count !== null && <span className="sr-only">{count === 1 ? 'item' : 'items'}</span>}
    </Link>
  );
}
