'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';

type Props = {
  /** What the toggle shows (text, icon). */
  summary: ReactNode;
  summaryClassName?: string;
  /** Classes for the <details>; make it `relative` to anchor the panel to the toggle. */
  className?: string;
  /** Where the panel sits (e.g. `right-0 w-64`) and how wide it is. */
  panelClassName?: string;
  children: ReactNode;
};

/**
 * A dropdown built on <details>, so it works before JavaScript loads. Once
 * hydrated it also closes on a click outside, on Escape, when a link inside is
 * followed, and when the page changes (the header outlives navigations).
 */
export function HeaderMenu({ summary, summaryClassName = '', className = '', panelClassName = '', children }: Props) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    ref.current?.removeAttribute('open');
  }, [pathname]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const details = ref.current;
      if (event.key === 'Escape' && details?.open) {
        details.open = false;
        details.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  const closeOnLink = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('a')) ref.current?.removeAttribute('open');
  };

  return (
    <details ref={ref} className={`group ${className}`}>
      <summary className={`cursor-pointer list-none [&::-webkit-details-marker]:hidden ${summaryClassName}`}>{summary}</summary>
      {/* The click handler only notices links being followed; keyboard users follow them the same way. */}
      <div
        onClick={closeOnLink}
        className={`absolute z-30 mt-2 rounded-xl border border-slate-200 bg-white p-2 shadow-lg ${panelClassName}`}
      >
        {children}
      </div>
    </details>
  );
}
