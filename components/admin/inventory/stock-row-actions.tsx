'use client';

import { useActionState, useState } from 'react';
import { inventoryAction } from '@/app/actions/admin-inventory';
import { inputStyles } from '@/components/account/form-field';
import { buttonStyles } from '@/components/ui/button-styles';

type Props = { variantId: string; warehouseId: string; sku: string; warehouseCode: string; onHand: number; buckets: number };

/** Set on hand (with a reason), receive from the supplier, or split into buckets — for one variant in one warehouse. */
export function StockRowActions(props: Props) {
  const [open, setOpen] = useState<'adjust' | 'receive' | 'buckets' | null>(null);
  const [state, action, pending] = useActionState(inventoryAction, null);
  const label = `${props.sku} in ${props.warehouseCode}`;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-1">
        {(['adjust', 'receive', 'buckets'] as const).map((kind) => (
          <button key={kind} type="button" onClick={() => setOpen(open === kind ? null : kind)} aria-expanded={open === kind} className="rounded-md px-2 py-1 text-xs font-medium text-brand-600 hover:bg-brand-50">
            {kind === 'adjust' ? 'Set' : kind === 'receive' ? 'Receive' : 'Buckets'}
          </button>
        ))}
      </div>
      {open && (
        <form action={action} className="flex flex-wrap items-end justify-end gap-2" aria-label={`${open} ${label}`}>
          <input type="hidden" name="kind" value={open} />
          <input type="hidden" name="variantId" value={props.variantId} />
          <input type="hidden" name="warehouseId" value={props.warehouseId} />
          {open === 'adjust' && (
            <>
              <label className="text-xs">
                On hand
                <input name="quantity" type="number" min={0} defaultValue={props.onHand} className={`${inputStyles} w-24`} />
              </label>
              <label className="text-xs">
                Reason
                <input name="reason" required placeholder="stock count" className={`${inputStyles} w-40`} />
              </label>
            </>
          )}
          {open === 'receive' && (
            <>
              <label className="text-xs">
                Units
                <input name="quantity" type="number" min={1} defaultValue={10} className={`${inputStyles} w-24`} />
              </label>
              <label className="text-xs">
                Reference
                <input name="reference" placeholder="delivery note" className={`${inputStyles} w-36`} />
              </label>
            </>
          )}
          {open === 'buckets' && (
            <label className="text-xs">
              Buckets (1 merges)
              <input name="buckets" type="number" min={1} max={64} defaultValue={props.buckets || 1} className={`${inputStyles} w-24`} />
            </label>
          )}
          <button type="submit" disabled={pending} className={buttonStyles.secondary}>
            {pending ? 'Saving…' : 'Save'}
          </button>
        </form>
      )}
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={`text-xs ${state.ok ? 'text-emerald-700' : 'text-red-700'}`}>
          {state.message}
        </p>
      )}
    </div>
  );
}
