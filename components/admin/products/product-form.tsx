'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { createProductAction } from '@/app/actions/admin-products';
import { TextField } from '@/components/account/form-field';
import { SubmitButton } from '@/components/account/submit-button';
import { buttonStyles } from '@/components/ui/button-styles';
import type { CategoryOption } from '@/lib/catalog/admin-products';
import { CategorySelect } from './category-select';
import { CURRENCIES, FreeCheckbox, InputField, SelectField, TextAreaField } from './fields';
import { Notice } from './notice';
import { Section } from './section';
import { useAction } from './use-action';

type Warehouse = { id: string; code: string; name: string; isDefault: boolean };

/** A new product: its details, then one row per variant (SKU, colour, size, price, first stock per warehouse). */
export function ProductForm({ categories, warehouses }: { categories: CategoryOption[]; warehouses: Warehouse[] }) {
  const router = useRouter();
  const { state, pending, run, errors } = useAction<{ productId: string; slug: string }>();
  const nextKey = useRef(1);
  const [rows, setRows] = useState<number[]>([0]);
  const [currency, setCurrency] = useState('USD');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run(
      () => createProductAction(form),
      (result) => {
        if (result.data) router.push(`/admin/products/${result.data.productId}?created=1`);
      },
    );
  };
  const addRow = () => setRows((current) => [...current, nextKey.current++]);
  const removeRow = (key: number) => setRows((current) => current.filter((k) => k !== key));
  const problems = Object.keys(errors).length;

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-busy={pending}>
      {state && !state.ok && (
        <Notice ok={false}>
          {problems > 0 ? `Please fix ${problems === 1 ? 'the highlighted field' : `the ${problems} highlighted fields`} below.` : state.message}
          {errors.variants && <span className="block">Variants: {errors.variants}</span>}
        </Notice>
      )}

      <Section title="Details" description="What shoppers see on the product page." id="details">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="name" label="Product name" required maxLength={200} error={errors.name} className="sm:col-span-2" placeholder="e.g. Linen Shirt" />
          <TextField name="brand" label="Brand" maxLength={100} error={errors.brand} />
          <CategorySelect categories={categories} error={errors.category} />
          <TextAreaField name="description" label="Description" rows={4} maxLength={5000} error={errors.description} className="sm:col-span-2" />
          <TextAreaField
            name="attributes"
            label="Attributes"
            rows={3}
            hint="One per line, like “material: linen”. Shown on the product page and in the API."
            error={errors.attributes}
            className="sm:col-span-2"
            placeholder={'material: linen\nfit: relaxed'}
          />
          <fieldset className="sm:col-span-2">
            <legend className="text-sm font-medium text-slate-900">Visibility</legend>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              <label className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-slate-900 has-[:checked]:bg-slate-50">
                <input type="radio" name="status" value="draft" defaultChecked className="mt-0.5" />
                <span>
                  <span className="block text-sm font-medium">Draft</span>
                  <span className="block text-xs text-slate-600">Hidden from the shop until you publish it.</span>
                </span>
              </label>
              <label className="flex cursor-pointer gap-3 rounded-lg border border-slate-200 p-3 has-[:checked]:border-slate-900 has-[:checked]:bg-slate-50">
                <input type="radio" name="status" value="active" className="mt-0.5" />
                <span>
                  <span className="block text-sm font-medium">Active</span>
                  <span className="block text-xs text-slate-600">On sale as soon as it is created.</span>
                </span>
              </label>
            </div>
            {errors.status && <p className="mt-1.5 text-sm text-red-700">{errors.status}</p>}
          </fieldset>
        </div>
      </Section>

      <Section
        title="Variants"
        id="variants"
        description="One row per SKU: a colour and/or size with its own price and starting stock."
        actions={
          <SelectField name="currency" label="Currency" value={currency} onChange={(e) => setCurrency(e.target.value)} className="w-32">
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </SelectField>
        }
      >
        <ol className="space-y-4">
          {rows.map((key, position) => (
            <VariantRow
              key={key}
              index={key}
              position={position}
              warehouses={warehouses}
              currency={currency}
              errors={errors}
              onRemove={rows.length > 1 ? () => removeRow(key) : undefined}
            />
          ))}
        </ol>
        <button type="button" onClick={addRow} className={`${buttonStyles.secondary} mt-4`} disabled={rows.length >= 100}>
          <span aria-hidden>+</span> Add another variant
        </button>
      </Section>

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
        <Link href="/admin/products" className={buttonStyles.secondary}>
          Cancel
        </Link>
        <SubmitButton pending={pending} pendingLabel="Creating…">
          Create product
        </SubmitButton>
      </div>
    </form>
  );
}

function VariantRow({
  index,
  position,
  warehouses,
  currency,
  errors,
  onRemove,
}: {
  index: number;
  position: number;
  warehouses: Warehouse[];
  currency: string;
  errors: Record<string, string>;
  onRemove?: () => void;
}) {
  const prefix = `variants.${index}.`;
  const label = (text: string) => (
    <>
      <span className="sr-only">Variant {position + 1} </span>
      {text}
    </>
  );
  const err = (name: string) => errors[`${prefix}${name}`];
  return (
    <li className="rounded-lg border border-slate-200 bg-slate-50/60 p-3 sm:p-4" data-testid="variant-row">
      <div className="mb-3 flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-700">Variant {position + 1}</h3>
        {onRemove && (
          <button type="button" onClick={onRemove} className="rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-200 hover:text-slate-900">
            Remove<span className="sr-only"> variant {position + 1}</span>
          </button>
        )}
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <InputField idPrefix="new" name={`${prefix}sku`} label={label('SKU')} required maxLength={64} autoCapitalize="characters" spellCheck={false} error={err('sku')} className="col-span-2 lg:col-span-1" />
        <InputField idPrefix="new" name={`${prefix}color`} label={label('Colour')} maxLength={40} error={err('options') ?? err('options.color')} />
        <InputField idPrefix="new" name={`${prefix}size`} label={label('Size')} maxLength={40} error={err('options.size')} />
        <InputField
          idPrefix="new"
          name={`${prefix}price`}
          label={label(`Price (${currency})`)}
          required
          inputMode="decimal"
          placeholder={currency === 'JPY' ? '1200' : '24.99'}
          error={err('priceCents') ?? err('currency')}
          className="col-span-2 lg:col-span-1"
        />
        <FreeCheckbox idPrefix="new" name={`${prefix}free`} label={label('This item is free')} />
      </div>
      {warehouses.length > 0 && (
        <fieldset className="mt-3">
          <legend className="text-xs font-medium uppercase tracking-wide text-slate-500">Starting stock (units on hand)</legend>
          <div className="mt-1.5 grid grid-cols-2 gap-3 lg:grid-cols-4">
            {warehouses.map((w) => (
              <InputField
                key={w.id}
                idPrefix="new"
                name={`${prefix}stock.${w.id}`}
                label={label(`${w.code} stock`)}
                hint={w.name}
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                placeholder="0"
                error={err(`stock.${w.id}`)}
              />
            ))}
          </div>
        </fieldset>
      )}
    </li>
  );
}
