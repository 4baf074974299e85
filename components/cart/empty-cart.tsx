import Link from 'next/link';
import { CartIcon } from '@/components/layout/icons';
import { buttonStyles } from '@/components/ui/button-styles';

export function EmptyCart({ signedIn }: { signedIn: boolean }) {
  return (
    <div className="mt-8 flex flex-col items-center rounded-2xl border border-dashed border-slate-300 px-6 py-16 text-center" data-testid="empty-cart">
      <span className="grid size-14 place-items-center rounded-full bg-slate-100 text-slate-500">
        <CartIcon className="size-7" />
      </span>
      <h2 className="mt-4 text-lg font-semibold text-slate-900">Your cart is empty</h2>
      <p className="mt-1 max-w-sm text-sm text-slate-600">Everything marked “In stock” in the shop is really on the shelf. Find something you like.</p>
      <Link href="/" className={`${buttonStyles.primary} mt-6`}>
        Continue shopping
      </Link>
      {!signedIn && (
        <p className="mt-4 text-sm text-slate-600">
          Saved a cart on your account?{' '}
          <Link href="/sign-in?callbackUrl=%2Fcart" className="font-semibold text-brand-700 underline underline-offset-2">
            Sign in
          </Link>
        </p>
      )}
    </div>
  );
}
