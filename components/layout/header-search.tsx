'use client';

import { usePathname } from 'next/navigation';
import { SearchBox } from '@/components/search/search-box';
import { SEARCH_PATH } from '@/components/search/search-url';

/**
 * The header's search box, on every page but the search page (which has its
 * own, larger one): in the top row from lg up; below that, a row of its own
 * under the logo and links (the top row has no room left on a phone).
 */
export function HeaderSearch() {
  const pathname = usePathname();
  if (pathname === SEARCH_PATH) return null;
  return (
    <div className="w-full pb-3 lg:order-1 lg:mx-auto lg:w-auto lg:max-w-lg lg:flex-1 lg:pb-0">
      <SearchBox variant="header" inputId="header-search" />
    </div>
  );
}
