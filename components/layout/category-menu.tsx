import Link from 'next/link';
import type { CategoryNode } from '@/lib/catalog/types';
import { HeaderMenu } from './header-menu';
import { MenuIcon } from './icons';

/** The category list folded into a dropdown on screens too narrow for the category bar. */
export function CategoryMenu({ categories }: { categories: CategoryNode[] }) {
  return (
    <HeaderMenu
      // On a phone the list drops down across the whole header; from sm up, under the button.
      className="sm:relative lg:hidden"
      summaryClassName="inline-flex h-10 items-center gap-2 whitespace-nowrap rounded-lg border border-slate-300 px-2.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
      panelClassName="inset-x-4 top-full sm:inset-x-auto sm:right-0 sm:top-auto sm:w-64"
      summary={
        <>
          <MenuIcon className="size-4" />
          <span className="max-[399px]:sr-only sm:hidden">Shop</span>
          <span className="hidden sm:inline">Shop by category</span>
        </>
      }
    >
      <ul>
        {categories.map((category) => (
          <li key={category.id}>
            <Link href={`/categories/${category.slug}`} className="block rounded-lg px-3 py-2 text-sm hover:bg-slate-100">
              {category.name}
            </Link>
          </li>
        ))}
      </ul>
    </HeaderMenu>
  );
}
