'use client';

import { buttonStyles } from '@/components/ui/button-styles';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto flex max-w-xl flex-1 flex-col items-center px-4 py-24 text-center">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Something went wrong</h1>
      <p className="mt-3 text-slate-600">
        The shop hit a problem loading this page. Nothing in your order or cart was changed. Please try again.
      </p>
      <button type="button" onClick={reset} className={`${buttonStyles.primary} mt-8`}>
        Try again
      </button>
    </main>
  );
}
