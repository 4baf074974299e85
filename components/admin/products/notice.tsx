import type { ReactNode } from 'react';

/** A result line after an action: green when it worked (announced politely), red when not (announced at once). */
export function Notice({ ok, children, className = '' }: { ok: boolean; children: ReactNode; className?: string }) {
  return (
    <p
      role={ok ? 'status' : 'alert'}
      className={`rounded-lg px-3 py-2 text-sm ${ok ? 'bg-emerald-50 text-emerald-900 ring-1 ring-inset ring-emerald-600/20' : 'bg-red-50 text-red-900 ring-1 ring-inset ring-red-600/20'} ${className}`}
    >
      {children}
    </p>
  );
}
