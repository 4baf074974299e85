'use client';

import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useMemo, useState, useTransition, type ReactNode } from 'react';

type Navigate = (href: string, options?: { scroll?: boolean }) => void;

type SearchUi = {
  /** A client-side navigation inside a transition, so the results can show they are being refreshed. */
  navigate: Navigate;
  pending: boolean;
  /** The phone's filter drawer. */
  filtersOpen: boolean;
  setFiltersOpen: (open: boolean) => void;
};

const SearchUiContext = createContext<SearchUi | null>(null);

/** Shared by the search page's client parts: one pending state for every way of changing the search, and the filter drawer. */
export function SearchUiProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const navigate = useCallback<Navigate>(
    (href, options) => startTransition(() => router.push(href, { scroll: options?.scroll ?? true })),
    [router],
  );
  const value = useMemo(() => ({ navigate, pending, filtersOpen, setFiltersOpen }), [navigate, pending, filtersOpen]);
  return <SearchUiContext.Provider value={value}>{children}</SearchUiContext.Provider>;
}

/** The page's navigation when inside SearchUiProvider, else one of its own (the header's search box). */
export function useSearchNavigation(): { navigate: Navigate; pending: boolean } {
  const shared = useContext(SearchUiContext);
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const own = useCallback<Navigate>(
    (href, options) => startTransition(() => router.push(href, { scroll: options?.scroll ?? true })),
    [router],
  );
  return shared ? { navigate: shared.navigate, pending: shared.pending } : { navigate: own, pending };
}

export function useSearchUi(): SearchUi {
  const ui = useContext(SearchUiContext);
  if (!ui) throw new Error('useSearchUi outside SearchUiProvider');
  return ui;
}

/** Dims what is being replaced while a new search loads, and tells assistive technology. */
export function PendingRegion({ children, className = '' }: { children: ReactNode; className?: string }) {
  const { pending } = useSearchUi();
  return (
    <div aria-busy={pending} className={`transition-opacity duration-150 ${pending ? 'pointer-events-none opacity-50 delay-100' : ''} ${className}`}>
      {children}
    </div>
  );
}
