import Link from 'next/link';
import { HeartIcon } from './icons';

export function WishlistLink() {
  return (
    <Link
      href="/wishlist"
      className="inline-flex h-10 items-center gap-2 rounded-lg px-2.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
    >
      <HeartIcon />
      <span className="sr-only sm:not-sr-only">Wishlist</span>
    </Link>
  );
}
