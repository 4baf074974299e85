'use client';

import { useState, type ReactNode } from 'react';

/** A long list of options cut to its first `limit`, with a button for the rest (still in the form, only hidden). */
export function ShowMore({
  items,
  limit,
  initiallyOpen = false,
  noun,
  className = '',
}: {
  items: { key: string; node: ReactNode }[];
  limit: number;
  initiallyOpen?: boolean;
  /** What the items are, for the button: "Show all 27 brands". */
  noun: string;
  className?: string;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const cut = items.length > limit + 2; // never hide just one or two
  return (
    <>
      <ul className={className}>
        {items.map((item, index) => (
          <li key={item.key} hidden={cut && !open && index >= limit}>
            {item.node}
          </li>
        ))}
      </ul>
      {cut && (
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="mt-2 text-sm font-medium text-brand-600 hover:text-brand-700 hover:underline"
        >
          {open ? 'Show fewer' : `Show all ${items.length} ${noun}`}
        </button>
      )}
    </>
  );
}
