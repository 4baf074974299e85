'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { AccountMenu } from './account-menu';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { CartLink } from './cart-link';
import { SESSION_CHANGED } from './session-events';
import { SignInLink } from './sign-in-link';
import { WishlistLink } from './wishlist-link';

type Session = { user: { name: string | null; email: string; role: string } | null; cartCount: number; unreadNotifications?: number };

/** The header's wishlist, account and cart links, for whoever is looking: fetched, so the page itself can be cached. */
export function SessionNav() {
  const pathname = usePathname();
  const [session, setSession] = useState<Session | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    // Notifications arrive on their own (jobs): look again when the tab comes back and now and then while it is shown.
    const bumpIfVisible = () => document.visibilityState === 'visible' && bump();
    const timer = window.setInterval(bumpIfVisible, 60_000);
    window.addEventListener(SESSION_CHANGED, bump);
    window.addEventListener('pageshow', bump);
    document.addEventListener('visibilitychange', bumpIfVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(SESSION_CHANGED, bump);
      window.removeEventListener('pageshow', bump);
      document.removeEventListener('visibilitychange', bumpIfVisible);
    };
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/session', { signal: controller.signal, cache: 'no-store' })
      .then((response) => (response.ok ? (response.json() as Promise<Session>) : null))
      .then((next) => next && setSession(next))
      .catch(() => {});
    return () => controller.abort();
  }, [pathname, version]);

  return (
    <nav aria-label="Your shopping" className="flex items-center gap-0.5 sm:gap-1" aria-busy={session === null}>
      <WishlistLink />
      {session?.user && <NotificationBell href="/account/notifications" count={session.unreadNotifications ?? 0} />}
      {session?.user ? <AccountMenu user={session.user} /> : session ? <SignInLink /> : <span className="inline-block h-10 w-10 sm:w-24" aria-hidden />}
      <CartLink count={session?.cartCount ?? null} />
    </nav>
  );
}
