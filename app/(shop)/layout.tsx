import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { getDb } from '@/db/client';
import { cartItemCount } from '@/lib/cart/store';
import { getCategoryTree } from '@/lib/catalog/cached';
import { currentCartId } from '@/lib/session/cart-cookie';
import { getCurrentUser } from '@/lib/session/current-user';

// Rendered per request from cached catalog data; nothing touches the database at build time.
export const dynamic = 'force-dynamic';

async function headerCartCount(): Promise<number> {
  const cartId = await currentCartId();
  return cartId ? cartItemCount(getDb(), cartId) : 0;
}

export default async function ShopLayout({ children }: { children: ReactNode }) {
  const [categories, user, cartCount] = await Promise.all([getCategoryTree(), getCurrentUser(), headerCartCount()]);
  return (
    <>
      <SiteHeader categories={categories} user={user} cartCount={cartCount} />
      <main id="main" className="flex-1">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
