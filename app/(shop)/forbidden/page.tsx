import Link from 'next/link';
import { buttonStyles } from '@/components/ui/button-styles';

export const metadata = { title: 'No access' };
// The shop's layout reads the catalog: render at request time, never at build.
export const dynamic = 'force-dynamic';

export default function ForbiddenPage() {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-4 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">You don’t have access to the dashboard</h1>
      <p className="mt-3 text-slate-600">The dashboard is for the shop’s merchants. If you run this shop, sign in with your merchant account.</p>
      <Link href="/" className={`${buttonStyles.primary} mt-8`}>
        Back to the shop
      </Link>
    </div>
  );
}
