'use client';

import type { FormEvent } from 'react';
import { updateProductAction } from '@/app/actions/admin-products';
import { TextField } from '@/components/account/form-field';
import { SubmitButton } from '@/components/account/submit-button';
import type { CategoryOption } from '@/lib/catalog/admin-products';
import { CategorySelect } from './category-select';
import { attributesToText, TextAreaField } from './fields';
import { Notice } from './notice';
import { useAction } from './use-action';

type Props = {
  productId: string;
  categories: CategoryOption[];
  product: { name: string; brand: string; description: string; categoryId: string; attributes: Record<string, string> };
};

/** Name, brand, category, description and attributes of an existing product. */
export function ProductDetailsForm({ productId, categories, product }: Props) {
  const { state, pending, run, errors } = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run(() => updateProductAction(productId, form));
  };
  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2" aria-busy={pending}>
      <TextField idPrefix="edit" name="name" label="Product name" required maxLength={200} defaultValue={product.name} error={errors.name} className="sm:col-span-2" />
      <TextField idPrefix="edit" name="brand" label="Brand" maxLength={100} defaultValue={product.brand} error={errors.brand} />
      <CategorySelect idPrefix="edit" categories={categories} defaultValue={product.categoryId} error={errors.category} />
      <TextAreaField idPrefix="edit" name="description" label="Description" rows={5} maxLength={5000} defaultValue={product.description} error={errors.description} className="sm:col-span-2" />
      <TextAreaField
        idPrefix="edit"
        name="attributes"
        label="Attributes"
        rows={3}
        hint="One per line, like “material: linen”."
        defaultValue={attributesToText(product.attributes)}
        error={errors.attributes}
        className="sm:col-span-2"
      />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton pending={pending} pendingLabel="Saving…" className="py-2">
          Save details
        </SubmitButton>
        {state && <Notice ok={state.ok}>{state.ok ? state.message : Object.keys(errors).length ? 'Please check the highlighted fields.' : state.message}</Notice>}
      </div>
    </form>
  );
}
