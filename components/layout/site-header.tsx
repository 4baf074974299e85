import Link from 'next/link';
import type { CategoryNode } from '@/lib/catalog/types';
import { Container } from '@/components/ui/container';

export function SiteHeader({ categories }: { categories: CategoryNode[] }) {
  return (
    <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <Container className="flex h-16 items-center gap-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight text-slate-900">
          <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-slate-900 text-sm text-white">
            S
          </span>
          Stockwise
        </Link>
        <nav aria-label="Categories" className="hidden flex-1 lg:block">
          <ul className="flex items-center gap-5 text-sm font-medium text-slate-700">
            {categories.map((category) => (
              <li key={category.id}>
                <Link href={`/categories/${category.slug}`} className="hover:text-slate-950">
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <details className="group relative ml-auto lg:hidden">
          <summary className="cursor-pointer list-none rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium [&::-webkit-details-marker]:hidden">
            Shop by category
          </summary>
          <ul className="absolute right-0 mt-2 w-64 rounded-xl border border-slate-200 bg-white p-2 shadow-lg">
            {categories.map((category) => (
              <li key={category.id}>
                <Link href={`/categories/${category.slug}`} className="block rounded-lg px-3 py-2 text-sm hover:bg-slate-100">
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      </Container>
    </header>
  );
}
