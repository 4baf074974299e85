'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { addVariantAction, setVariantArchivedAction, updateVariantAction } from '@/app/actions/admin-products';
import { SubmitButton } from '@/components/account/submit-button';
import { buttonStyles } from '@/components/ui/button-styles';
import type { AdminVariant } from '@/lib/catalog/admin-products';
import { formatMoney } from '@/lib/money';
import { centsToInput, FreeCheckbox, InputField } from './fields';
import { Notice } from './notice';
import { useAction } from './use-action';

type Warehouse = { id: string; code: string; name: string };

type Props = { productId: string; variants: AdminVariant[]; warehouses: Warehouse[]; currency: string; lowStockThreshold: number };

/**
 * The product's variants: price, stock per warehouse (read-only here: stock is
 * changed in Inventory, where every change is counted), edit in place, archive
 * or restore, and a form to add one.
 */
export function VariantsEditor({ productId, variants, warehouses, currency, lowStockThreshold }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(variants.length === 0);
  const actions = useAction();
  return (
    <div>
      {actions.state && <Notice ok={actions.state.ok} className="mb-3">{actions.state.message}</Notice>}
      {variants.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">No variants yet: add the first one below to be able to publish.</p>
      ) : (
        <div className="-mx-4 overflow-x-auto sm:mx-0">
          <div role="table" aria-label="Variants" className="min-w-full text-sm" data-testid="variants-table">
            <div role="rowgroup" className="hidden md:block">
              <div role="row" className="grid grid-cols-[minmax(11rem,1.8fr)_minmax(5.5rem,0.7fr)_minmax(10rem,1.6fr)_5.5rem_9.5rem] gap-3 border-b border-slate-200 px-4 pb-2 text-xs font-medium uppercase tracking-wide text-slate-500 sm:px-0">
                <span role="columnheader">Variant</span>
                <span role="columnheader" className="text-right">Price</span>
                <span role="columnheader">Stock by warehouse</span>
                <span role="columnheader">Status</span>
                <span role="columnheader" className="text-right">
                  <span className="sr-only">Actions</span>
                </span>
              </div>
            </div>
            <div role="rowgroup" className="divide-y divide-slate-100">
              {variants.map((variant) =>
                editing === variant.id ? (
                  <EditVariantRow key={variant.id} variant={variant} onDone={() => setEditing(null)} />
                ) : (
                  <VariantRow
                    key={variant.id}
                    variant={variant}
                    lowStockThreshold={lowStockThreshold}
                    busy={actions.pending}
                    onEdit={() => setEditing(variant.id)}
                    onArchive={(archived) => actions.run(() => setVariantArchivedAction(variant.id, archived))}
                  />
                ),
              )}
            </div>
          </div>
        </div>
      )}
      <p className="mt-3 text-xs text-slate-500">
        Stock is changed in{' '}
        <Link href="/admin/inventory" className="font-medium text-brand-600 hover:underline">
          Inventory
        </Link>
        , where receipts and adjustments are recorded. Archived variants keep their stock and past orders but are not for sale.
      </p>
      <div className="mt-5 border-t border-slate-100 pt-5">
        {adding ? (
          <AddVariantForm productId={productId} warehouses={warehouses} currency={currency} onCancel={variants.length > 0 ? () => setAdding(false) : undefined} />
        ) : (
          <button type="button" className={buttonStyles.secondary} onClick={() => setAdding(true)}>
            <span aria-hidden>+</span> Add variant
          </button>
        )}
      </div>
    </div>
  );
}

function StockCell({ variant, lowStockThreshold }: { variant: AdminVariant; lowStockThreshold: number }) {
  const tone = variant.available <= 0 ? 'text-red-700' : variant.available <= lowStockThreshold ? 'text-amber-800' : 'text-slate-900';
  return (
    <div>
      <p className={`font-medium tabular-nums ${tone}`}>
        {variant.available <= 0 ? 'Sold out' : `${variant.available.toLocaleString('en-US')} available`}
        {variant.available > 0 && variant.available <= lowStockThreshold && <span className="ml-1 text-xs font-normal">(low)</span>}
      </p>
      <ul className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
        {variant.stock.map((s) => (
          <li key={s.warehouseId} className="tabular-nums">
            <span className="font-medium text-slate-600">{s.code}</span> {s.onHand} on hand{s.reserved > 0 ? `, ${s.reserved} reserved` : ''}
          </li>
        ))}
      </ul>
      <Link href={`/admin/inventory?q=${encodeURIComponent(variant.sku)}`} className="mt-0.5 inline-block text-xs font-medium text-brand-600 hover:underline">
        Adjust stock<span className="sr-only"> of {variant.sku}</span> →
      </Link>
    </div>
  );
}

function VariantRow({ variant, lowStockThreshold, busy, onEdit, onArchive }: { variant: AdminVariant; lowStockThreshold: number; busy: boolean; onEdit: () => void; onArchive: (archived: boolean) => void }) {
  const archived = variant.status === 'archived';
  return (
    <div role="row" data-testid="variant" data-sku={variant.sku} className={`grid gap-x-3 gap-y-2 px-4 py-3 sm:px-0 md:grid-cols-[minmax(11rem,1.8fr)_minmax(5.5rem,0.7fr)_minmax(10rem,1.6fr)_5.5rem_9.5rem] md:items-start ${archived ? 'opacity-70' : ''}`}>
      <div role="cell" className="flex items-start justify-between gap-3 md:block">
        <div className="min-w-0">
          <p className="font-mono text-xs font-medium text-slate-900 [overflow-wrap:anywhere]">{variant.sku}</p>
          <p className="text-slate-600">{variant.title}</p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1 md:hidden">
          <p className="font-medium tabular-nums text-slate-900">{formatMoney(variant.priceCents, variant.currency)}</p>
          {archived && <VariantStatus archived />}
        </div>
      </div>
      <div role="cell" className="hidden text-right font-medium tabular-nums text-slate-900 md:block">
        {formatMoney(variant.priceCents, variant.currency)}
      </div>
      <div role="cell">
        <StockCell variant={variant} lowStockThreshold={lowStockThreshold} />
      </div>
      <div role="cell" className="hidden md:block">
        <VariantStatus archived={archived} />
      </div>
      <div role="cell" className="flex gap-2 md:justify-end">
        {!archived && (
          <button type="button" onClick={onEdit} className={`${buttonStyles.secondary} px-3 py-1.5`}>
            Edit<span className="sr-only"> {variant.sku}</span>
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => onArchive(!archived)} className={`${buttonStyles.secondary} px-3 py-1.5`}>
          {archived ? 'Restore' : 'Archive'}
          <span className="sr-only"> {variant.sku}</span>
        </button>
      </div>
    </div>
  );
}

function VariantStatus({ archived }: { archived: boolean }) {
  return (
    <span className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${archived ? 'bg-slate-100 text-slate-700 ring-slate-500/20' : 'bg-emerald-50 text-emerald-800 ring-emerald-600/20'}`}>
      {archived ? 'Archived' : 'For sale'}
    </span>
  );
}

function EditVariantRow({ variant, onDone }: { variant: AdminVariant; onDone: () => void }) {
  const { state, pending, run, errors } = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run(() => updateVariantAction(variant.id, form), onDone);
  };
  const prefix = `variant-${variant.id}`;
  return (
    <div role="row" className="bg-slate-50 px-4 py-4 sm:rounded-lg sm:px-4">
      <form role="cell" onSubmit={submit} noValidate aria-label={`Edit ${variant.sku}`}>
        <input type="hidden" name="currency" value={variant.currency} />
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <InputField idPrefix={prefix} name="sku" label="SKU" defaultValue={variant.sku} required maxLength={64} spellCheck={false} error={errors.sku} className="col-span-2 lg:col-span-1" />
          <InputField idPrefix={prefix} name="color" label="Colour" defaultValue={variant.options.color ?? ''} maxLength={40} error={errors.options ?? errors['options.color']} />
          <InputField idPrefix={prefix} name="size" label="Size" defaultValue={variant.options.size ?? ''} maxLength={40} error={errors['options.size']} />
          <InputField
            idPrefix={prefix}
            name="price"
            label={`Price (${variant.currency})`}
            defaultValue={centsToInput(variant.priceCents, variant.currency)}
            inputMode="decimal"
            required
            error={errors.priceCents ?? errors.currency}
            className="col-span-2 lg:col-span-1"
          />
          <FreeCheckbox idPrefix={prefix} name="free" defaultChecked={variant.priceCents === 0} />
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <SubmitButton pending={pending} pendingLabel="Saving…" className="py-2">
            Save variant
          </SubmitButton>
          <button type="button" onClick={onDone} className={buttonStyles.secondary}>
            Cancel
          </button>
          {state && !state.ok && <Notice ok={false}>{Object.keys(errors).length ? 'Please check the highlighted fields.' : state.message}</Notice>}
        </div>
      </form>
    </div>
  );
}

function AddVariantForm({ productId, warehouses, currency, onCancel }: { productId: string; warehouses: Warehouse[]; currency: string; onCancel?: () => void }) {
  const { state, pending, run, errors, reset } = useAction();
  const [formKey, setFormKey] = useState(0);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run(() => addVariantAction(productId, form), () => setFormKey((k) => k + 1));
  };
  return (
    <form key={formKey} onSubmit={submit} noValidate aria-labelledby="add-variant-heading">
      <h3 id="add-variant-heading" className="text-sm font-semibold text-slate-900">
        Add a variant
      </h3>
      {state && <Notice ok={state.ok} className="mt-2">{state.ok ? state.message : Object.keys(errors).length ? 'Please check the highlighted fields.' : state.message}</Notice>}
      <input type="hidden" name="currency" value={currency} />
      <div className="mt-3 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <InputField idPrefix="add-variant" name="sku" label="SKU" required maxLength={64} spellCheck={false} error={errors.sku} className="col-span-2 lg:col-span-1" />
        <InputField idPrefix="add-variant" name="color" label="Colour" maxLength={40} error={errors.options ?? errors['options.color']} />
        <InputField idPrefix="add-variant" name="size" label="Size" maxLength={40} error={errors['options.size']} />
        <InputField idPrefix="add-variant" name="price" label={`Price (${currency})`} inputMode="decimal" required placeholder="24.99" error={errors.priceCents ?? errors.currency} className="col-span-2 lg:col-span-1" />
        <FreeCheckbox idPrefix="add-variant" name="free" />
        {warehouses.map((w) => (
          <InputField
            key={w.id}
            idPrefix="add-variant"
            name={`stock.${w.id}`}
            label={`${w.code} starting stock`}
            hint={w.name}
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            placeholder="0"
            error={errors[`stock.${w.id}`]}
          />
        ))}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <SubmitButton pending={pending} pendingLabel="Adding…" className="py-2">
          Add variant
        </SubmitButton>
        {onCancel && (
          <button
            type="button"
            className={buttonStyles.secondary}
            onClick={() => {
              reset();
              onCancel();
            }}
          >
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
