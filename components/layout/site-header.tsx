import Link from 'next/link';
import type { CategoryNode } from '@/lib/catalog/types';
import { Container } from '@/components/ui/container';
import { CategoryMenu } from './category-menu';
import { HeaderSearch } from './header-search';
import { SessionNav } from './session-nav';

export function SiteHeader({ categories }: { categories: CategoryNode[] }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      {/* Below lg the search box takes a row of its own under the logo and links; from lg it sits between them. */}
      <Container className="flex flex-wrap items-center lg:flex-nowrap lg:gap-4">
        <div className="flex h-16 w-full items-center gap-1 sm:gap-4 lg:contents">
          <Link href="/" className="mr-auto flex h-16 shrink-0 items-center gap-2 text-lg font-bold tracking-tight text-slate-900">
            <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-slate-900 text-sm text-white">
              S
            </span>
            {/* On narrow phones the mark alone, so the header's links fit. */}
            <span className="max-[419px]:sr-only">Stockwise</span>
          </Link>
          <div className="flex items-center gap-1 sm:gap-4 lg:order-2">
            <CategoryMenu categories={categories} />
            <SessionNav />
          </div>
        </div>
        <HeaderSearch />
      </Container>
      <nav aria-label="Categories" className="hidden border-t border-slate-100 lg:block">
        <Container>
          <ul className="flex h-11 items-center gap-6 text-sm font-medium text-slate-700">
            {categories.map((category) => (
              <li key={category.id}>
                <Link href={`/categories/${category.slug}`} className="hover:text-slate-950">
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </Container>
      </nav>
    </header>
  );
}
