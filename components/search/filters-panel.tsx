'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';
import { CloseIcon, FilterIcon } from './icons';
import { useSearchUi } from './search-ui';

const PANEL_ID = 'search-filters';
const WIDE = '(min-width: 64rem)'; // Tailwind's lg

/** The phone's "Filters" button; from lg up the filters are always beside the results. */
export function FiltersToggle({ selectedCount }: { selectedCount: number }) {
  const { filtersOpen, setFiltersOpen } = useSearchUi();
  return (
    <button
      type="button"
      onClick={() => setFiltersOpen(true)}
      aria-expanded={filtersOpen}
      aria-controls={PANEL_ID}
      data-testid="filters-toggle"
      className={`${buttonStyles.secondary} h-10 lg:hidden`}
    >
      <FilterIcon className="size-4" />
      Filters
      {selectedCount > 0 && (
        <span className="grid h-5 min-w-5 place-items-center rounded-full bg-slate-900 px-1.5 text-xs font-semibold text-white">
          {selectedCount}
          <span className="sr-only"> selected</span>
        </span>
      )}
    </button>
  );
}

/**
 * The facets: a column beside the results from lg up; on a phone, a
 * full-screen drawer (a modal dialog) opened by FiltersToggle, which stays
 * open while filters are ticked and closes with "Show N results".
 */
export function FiltersPanel({ total, children }: { total: number; children: ReactNode }) {
  const { filtersOpen: open, setFiltersOpen, pending } = useSearchUi();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!open) return;
    const panel = ref.current;
    const wide = window.matchMedia(WIDE);
    const close = () => setFiltersOpen(false);
    const onWide = () => wide.matches && close();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        close();
        return;
      }
      // Keep Tab inside the drawer.
      if (event.key !== 'Tab' || !panel) return;
      const focusable = [...panel.querySelectorAll<HTMLElement>('a[href], button, input, select')].filter((el) => el.offsetParent !== null);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    const overflow = document.documentElement.style.overflow;
    document.documentElement.style.overflow = 'hidden';
    panel?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    wide.addEventListener('change', onWide);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.documentElement.style.overflow = overflow;
      wide.removeEventListener('change', onWide);
      document.removeEventListener('keydown', onKeyDown);
      document.querySelector<HTMLElement>(`[aria-controls="${PANEL_ID}"]`)?.focus();
    };
  }, [open, setFiltersOpen]);

  return (
    <aside
      ref={ref}
      id={PANEL_ID}
      aria-label="Filters"
      role={open ? 'dialog' : undefined}
      aria-modal={open ? true : undefined}
      className={open ? 'fixed inset-0 z-50 flex flex-col bg-white lg:static lg:z-auto lg:block lg:bg-transparent' : 'hidden lg:block'}
    >
      <div className="flex h-14 shrink-0 items-center justify-between border-b border-slate-200 px-4 lg:hidden">
        <h2 className="text-base font-semibold text-slate-900">Filters</h2>
        <button
          type="button"
          data-autofocus
          onClick={() => setFiltersOpen(false)}
          className="grid size-10 place-items-center rounded-lg text-slate-600 hover:bg-slate-100"
          aria-label="Close filters"
        >
          <CloseIcon />
        </button>
      </div>
      <h2 className="sr-only hidden lg:block">Filters</h2>
      <div className="flex-1 overflow-y-auto px-4 lg:overflow-visible lg:px-0">{children}</div>
      <div className="shrink-0 border-t border-slate-200 p-4 lg:hidden">
        <button type="button" onClick={() => setFiltersOpen(false)} className={`${buttonStyles.primary} w-full`} data-testid="filters-done">
          {pending ? 'Updating…' : total === 1 ? 'Show 1 result' : `Show ${total.toLocaleString('en-US')} results`}
        </button>
      </div>
    </aside>
  );
}
