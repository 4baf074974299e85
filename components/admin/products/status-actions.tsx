'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { setProductStatusAction } from '@/app/actions/admin-products';
import { buttonStyles } from '@/components/ui/button-styles';
import type { ProductStatus } from '@/lib/catalog/admin-products';
import { Notice } from './notice';
import { useAction } from './use-action';

const ACTIONS: Record<ProductStatus, { to: ProductStatus; label: string; pending: string; primary?: boolean }[]> = {
  draft: [
    { to: 'active', label: 'Publish', pending: 'Publishing…', primary: true },
    { to: 'archived', label: 'Archive', pending: 'Archiving…' },
  ],
  active: [
    { to: 'draft', label: 'Unpublish', pending: 'Unpublishing…' },
    { to: 'archived', label: 'Archive', pending: 'Archiving…' },
  ],
  archived: [
    { to: 'active', label: 'Publish', pending: 'Publishing…', primary: true },
    { to: 'draft', label: 'Restore as draft', pending: 'Restoring…' },
  ],
};

/** Publish, unpublish or archive, with what happened said underneath. */
export function StatusActions({ productId, status }: { productId: string; status: ProductStatus }) {
  const { state, pending, run } = useAction();
  const [clicked, setClicked] = useState<ProductStatus | null>(null);
  const router = useRouter();
  const pathname = usePathname();
  const created = useSearchParams().has('created');
  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <div className="flex flex-wrap gap-2">
        {ACTIONS[status].map((action) => (
          <button
            key={action.to}
            type="button"
            disabled={pending}
            onClick={() => {
              setClicked(action.to);
              // The "product created" note has done its job once the product moves on.
              run(() => setProductStatusAction(productId, action.to), () => created && router.replace(pathname, { scroll: false }));
            }}
            className={`${action.primary ? `${buttonStyles.primary} py-2` : buttonStyles.secondary} flex-1 sm:flex-none`}
          >
            {pending && clicked === action.to ? action.pending : action.label}
          </button>
        ))}
      </div>
      {state && <Notice ok={state.ok}>{state.message}</Notice>}
    </div>
  );
}
