import type { ReactNode } from 'react';

/** The frame of the sign-in and sign-up pages. */
export function AuthCard({ title, intro, children, footer }: { title: string; intro: string; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{title}</h1>
      <p className="mt-2 text-slate-600">{intro}</p>
      <div className="mt-8 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">{children}</div>
      <div className="mt-6 text-center text-sm text-slate-600">{footer}</div>
    </div>
  );
}
