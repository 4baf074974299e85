'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const AUTH_PAGES = ['/sign-in', '/sign-up'];

/** "Sign in", bringing the shopper back to the page they were on. */
export function SignInLink() {
  const pathname = usePathname();
  const back = pathname && pathname !== '/' && !AUTH_PAGES.includes(pathname) ? `?callbackUrl=${encodeURIComponent(pathname)}` : '';
  return (
    <Link
      href={`/sign-in${back}`}
      className="inline-flex h-10 items-center whitespace-nowrap rounded-lg px-2 sm:px-2.5 text-sm font-semibold text-slate-900 hover:bg-slate-100"
    >
      Sign in
    </Link>
  );
}
