import type { ReactNode } from 'react';
import Link from 'next/link';

/** A plain page frame for tools outside the shop (API docs, dev mailbox): a title bar, a way back to the shop, no shop chrome. */
export function ToolPageShell({ href, label, children }: { href: string; label: string; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-5xl items-center gap-4 px-4 sm:px-6">
          <Link href={href} className="font-bold tracking-tight">
            Stockwise <span className="font-normal text-slate-500">{label}</span>
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
