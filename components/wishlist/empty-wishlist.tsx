import Link from 'next/link';
import { HeartIcon } from '@/components/layout/icons';
import { buttonStyles } from '@/components/ui/button-styles';

export function EmptyWishlist() {
  return (
    <div className="mt-8 flex flex-col items-center rounded-2xl border border-dashed border-slate-300 px-6 py-16 text-center" data-testid="empty-wishlist">
      <span className="grid size-14 place-items-center rounded-full bg-slate-100 text-slate-500">
        <HeartIcon className="size-7" />
      </span>
      <h2 className="mt-4 text-lg font-semibold text-slate-900">Nothing saved yet</h2>
      <p className="mt-1 max-w-sm text-sm text-slate-600">
        Use “Save to wishlist” on any product to keep it here for later — even when it is sold out, so you can come back when it’s in.
      </p>
      <Link href="/" className={`${buttonStyles.primary} mt-6`}>
        Browse the shop
      </Link>
    </div>
  );
}
