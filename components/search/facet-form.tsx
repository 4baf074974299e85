'use client';

import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useSearchUi } from './search-ui';
import { SEARCH_PATH, hrefFromFormData } from './search-url';

/**
 * The facets as one GET form of checkboxes named `filter`: without JavaScript
 * it has an Apply button; with it, every change searches at once (page 1,
 * query and sort kept by hidden fields) without scrolling away.
 */
export function FacetForm({ hidden, children }: { hidden: [name: string, value: string][]; children: ReactNode }) {
  const { navigate } = useSearchUi();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(hrefFromFormData(new FormData(event.currentTarget)), { scroll: false });
  };
  return (
    <form action={SEARCH_PATH} method="get" onSubmit={onSubmit} onChange={(event) => event.currentTarget.requestSubmit()}>
      {hidden.map(([name, value], index) => (
        <input key={`${name}-${value}-${index}`} type="hidden" name={name} value={value} />
      ))}
      {children}
      <noscript>
        <button type="submit" className="mt-4 w-full rounded-lg bg-slate-900 px-4 py-2.5 text-sm font-semibold text-white">
          Apply filters
        </button>
      </noscript>
    </form>
  );
}

/**
 * A facet checkbox that follows the URL: ticked as the server rendered it, and
 * set again when a navigation (the back button, a removed chip) changes it,
 * without remounting, so keyboard focus stays where it was.
 */
export function FacetCheckbox({ checked, ...input }: { checked: boolean; name: string; value: string; className?: string; role?: 'switch' }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.checked = checked;
  }, [checked]);
  return <input ref={ref} type="checkbox" defaultChecked={checked} {...input} />;
}
