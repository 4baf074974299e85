import Link from 'next/link';
import type { AuthUser } from '@/lib/auth/users';
import { HeaderMenu } from './header-menu';
import { ChevronDownIcon, UserIcon } from './icons';
import { SignOutButton } from './sign-out-button';

const itemStyle = 'block w-full rounded-lg px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100';

/** The signed-in shopper's menu: who they are, their account, orders and wishlist, and signing out. */
export function AccountMenu({ user }: { user: Pick<AuthUser, 'name' | 'email'> }) {
  const shortName = user.name?.split(/\s+/)[0] || user.email.split('@')[0];
  return (
    <HeaderMenu
      className="relative"
      summaryClassName="inline-flex h-10 items-center gap-2 rounded-lg px-2.5 text-sm font-medium text-slate-800 hover:bg-slate-100"
      panelClassName="right-0 w-64"
      summary={
        <>
          <UserIcon />
          <span className="sr-only">Account menu for </span>
          <span className="hidden max-w-32 truncate sm:inline" data-testid="header-user">
            {shortName}
          </span>
          <span className="sr-only sm:hidden">{shortName}</span>
          <ChevronDownIcon className="hidden size-4 text-slate-500 transition group-open:rotate-180 sm:block" />
        </>
      }
    >
      <div className="border-b border-slate-100 px-3 pb-2 pt-1">
        <p className="text-xs text-slate-500">Signed in as</p>
        {user.name && <p className="truncate text-sm font-semibold text-slate-900">{user.name}</p>}
        <p className="truncate text-sm text-slate-600">{user.email}</p>
      </div>
      <ul className="py-1">
        <li>
          <Link href="/account" className={itemStyle}>
            Your account
          </Link>
        </li>
        <li>
          <Link href="/orders" className={itemStyle}>
            Your orders
          </Link>
        </li>
        <li>
          <Link href="/wishlist" className={itemStyle}>
            Wishlist
          </Link>
        </li>
      </ul>
      <div className="border-t border-slate-100 pt-1">
        <SignOutButton className={`${itemStyle} disabled:text-slate-500`} />
      </div>
    </HeaderMenu>
  );
}
