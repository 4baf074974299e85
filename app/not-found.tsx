import Link from 'next/link';
import { NotFoundMessage } from '@/components/layout/not-found-message';

export default function NotFound() {
  return (
    <>
      <header className="border-b border-slate-200">
        <div className="mx-auto flex h-16 max-w-7xl items-center px-4 sm:px-6 lg:px-8">
          <Link href="/" className="text-lg font-bold tracking-tight">
            Stockwise
          </Link>
        </div>
      </header>
      <main id="main" className="flex-1">
        <NotFoundMessage />
      </main>
    </>
  );
}
