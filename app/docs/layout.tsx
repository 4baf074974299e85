import type { ReactNode } from 'react';
import Link from 'next/link';

export const metadata = { title: { default: 'API docs', template: '%s · Stockwise' } };

/** Developer documentation: no shop chrome, no per-visitor data. */
export default function DocsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-5xl items-center gap-4 px-4 sm:px-6">
          <Link href="/docs/api" className="font-bold tracking-tight">
            Stockwise <span className="font-normal text-slate-500">API docs</span>
          </Link>
          <Link href="/" className="ml-auto text-sm font-medium text-brand-600 hover:underline">
            View shop
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
