import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { getCategoryTree } from '@/lib/catalog/cached';

/**
 * Nothing per-shopper is rendered here (the header fetches that), so catalog
 * pages can be cached whole. Pages decide for themselves: most render per
 * request from cached data; product pages are cached whole (ISR).
 */
export default async function ShopLayout({ children }: { children: ReactNode }) {
  const categories = await getCategoryTree();
  return (
    <>
      <SiteHeader categories={categories} />
      <main id="main" className="flex-1">
        {children}
      </main>
      <SiteFooter />
    </>
  );
}
