import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button-styles';

export function NotFoundMessage({ what = 'page' }: { what?: string }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">We couldn’t find that {what}</h1>
      <p className="mt-3 text-slate-600">
        It may have been moved, sold out for good, or the link has a typo. Try the shop’s front page instead.
      </p>
      <Link href="/" className={`${buttonStyles.primary} mt-8`}>
        Back to the shop
      </Link>
    </div>
  );
}
