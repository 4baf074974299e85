'use server';

/**
 * The dashboard's product actions. Each gets the merchant (403 result for
 * anyone else), turns the form into the lib function's input, and after a
 * change revalidates the shop's cached catalog pages and the dashboard.
 */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import {
  addVariant,
  archiveVariant,
  createProduct,
  restoreVariant,
  setProductStatus,
  updateProduct,
  updateVariant,
} from '@/lib/catalog/admin-products';
import { revalidateCatalog, revalidateProductCaches } from '@/lib/catalog/cache-tags';
import { importProductsCsv, MAX_IMPORT_BYTES, type ImportReport } from '@/lib/catalog/csv';
import { dashboardPrice } from '@/lib/catalog/price';
import { deleteProductImage, MAX_IMAGE_BYTES, uploadProductImage } from '@/lib/catalog/product-images';
import { failure, type ActionResult } from '@/lib/session/action-result';
import { staffOrForbidden } from '@/lib/session/staff-action';

type Fail = { ok: false; message: string; fieldErrors?: Record<string, string> };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : undefined;
};

function refreshDashboard(productId?: string): void {
  revalidatePath('/admin/products', 'layout');
  if (productId) revalidatePath(`/admin/products/${productId}`);
}

/** "material: linen" per line → { material: 'linen' }. */
function parseAttributes(raw: string | undefined): { value: Record<string, string> } | { error: string } {
  const value: Record<string, string> = {};
  const lines = (raw ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  for (const [index, line] of lines.entries()) {
    const at = line.indexOf(':');
    const name = at > 0 ? line.slice(0, at).trim() : '';
    if (!name) return { error: `line ${index + 1} needs a name and a value, like “material: linen”` };
    value[name] = line.slice(at + 1).trim();
  }
  return { value };
}

/** The stock cells of a variant (`<prefix>stock.<warehouseId>`), blank ones left out; errors are keyed by the input. */
function stockOf(form: FormData, prefix: string, fieldErrors: Record<string, string>) {
  const stock: { warehouseId: string; quantity: number }[] = [];
  for (const [key, raw] of form.entries()) {
    if (!key.startsWith(`${prefix}stock.`) || typeof raw !== 'string' || raw.trim() === '') continue;
    const warehouseId = key.slice(`${prefix}stock.`.length);
    const quantity = Number(raw.trim());
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(quantity)) {
      fieldErrors[key] = 'must be a whole number of units, 0 or more';
      continue;
    }
    stock.push({ warehouseId, quantity });
  }
  return stock;
}

function invalid(fieldErrors: Record<string, string>): Fail {
  return { ok: false, message: 'Please check the highlighted fields.', fieldErrors };
}

/**
 * lib names fields by position (`variants.1.sku`, `variants.0.stock.2.quantity`);
 * the form's inputs are `<row prefix>sku` and `<row prefix>stock.<warehouse id>`.
 */
function errorsForInputs(result: Fail, stocks: { warehouseId: string }[][], rowPrefix: (position: number) => string): Fail {
  if (!result.fieldErrors) return result;
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(result.fieldErrors)) {
    const stock = /^(?:variants\.(\d+)\.)?stock\.(\d+)\.(?:quantity|warehouseId)$/.exec(key);
    const position = Number(stock?.[1] ?? 0);
    const warehouseId = stock ? stocks[position]?.[Number(stock[2])]?.warehouseId : undefined;
    if (warehouseId) {
      fields[`${rowPrefix(position)}stock.${warehouseId}`] = message;
      continue;
    }
    const variant = /^variants\.(\d+)\.(.+)$/.exec(key);
    fields[variant ? `${rowPrefix(Number(variant[1]))}${variant[2]}` : key] = message;
  }
  return { ...result, message: 'Please check the highlighted fields.', fieldErrors: fields };
}

export async function createProductAction(form: FormData): Promise<ActionResult<{ productId: string; slug: string }>> {
  try {
    const actor = await staffOrForbidden();
    const fieldErrors: Record<string, string> = {};
    const currency = (text(form, 'currency') ?? 'USD').trim().toUpperCase() || 'USD';
    const attributes = parseAttributes(text(form, 'attributes'));
    if ('error' in attributes) fieldErrors.attributes = attributes.error;
    // Rows are numbered as the form made them (removed rows leave gaps).
    const indices = [...new Set([...form.keys()].map((k) => /^variants\.(\d+)\./.exec(k)?.[1]).filter((i): i is string => i !== undefined))]
      .map(Number)
      .sort((a, b) => a - b);
    const rowPrefix = (position: number) => `variants.${indices[position] ?? position}.`;
    const stocks: { warehouseId: string }[][] = [];
    const variants = indices.map((i) => {
      const prefix = `variants.${i}.`;
      const price = dashboardPrice(text(form, `${prefix}price`), currency, text(form, `${prefix}free`) === 'on');
      if ('error' in price) fieldErrors[`${prefix}priceCents`] = price.error;
      const stock = stockOf(form, prefix, fieldErrors);
      stocks.push(stock);
      return {
        sku: (text(form, `${prefix}sku`) ?? '').trim(),
        options: { color: text(form, `${prefix}color`), size: text(form, `${prefix}size`) },
        priceCents: 'cents' in price ? price.cents : 0,
        currency,
        stock,
      };
    });
    if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
    try {
      const created = await createProduct(getDb(), actor, {
        name: text(form, 'name'),
        brand: text(form, 'brand') ?? '',
        description: text(form, 'description') ?? '',
        category: text(form, 'category') ?? '',
        status: text(form, 'status') || 'draft',
        attributes: 'value' in attributes ? attributes.value : {},
        variants,
      });
      revalidateCatalog();
      refreshDashboard(created.productId);
      return { ok: true, message: 'Product created.', data: { productId: created.productId, slug: created.slug } };
    } catch (error) {
      return errorsForInputs(failure(error), stocks, rowPrefix);
    }
  } catch (error) {
    return failure(error);
  }
}

export async function updateProductAction(productId: string, form: FormData): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const attributes = parseAttributes(text(form, 'attributes'));
    if ('error' in attributes) return invalid({ attributes: attributes.error });
    const result = await updateProduct(getDb(), actor, productId, {
      name: text(form, 'name'),
      brand: text(form, 'brand') ?? '',
      description: text(form, 'description') ?? '',
      category: text(form, 'category'),
      attributes: attributes.value,
    });
    if (result.changed.length > 0) {
      revalidateProductCaches(productId);
      if (result.changed.includes('categoryId')) revalidateCatalog();
      refreshDashboard(productId);
    }
    return { ok: true, message: result.changed.length ? 'Changes saved.' : 'Nothing to save: no field changed.' };
  } catch (error) {
    return failure(error);
  }
}

export async function setProductStatusAction(productId: string, status: 'draft' | 'active' | 'archived'): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const result = await setProductStatus(getDb(), actor, productId, status);
    if (result.changed) {
      // Slugs, listings and category pages all change with what is on sale.
      revalidateCatalog();
      revalidateProductCaches(productId);
      refreshDashboard(productId);
    }
    const messages = { active: 'Published: the product is in the shop.', draft: 'Unpublished: the product is hidden from the shop.', archived: 'Archived: the product is hidden and out of the way.' };
    return { ok: true, message: messages[result.status] };
  } catch (error) {
    return failure(error);
  }
}

function variantFromForm(form: FormData, fieldErrors: Record<string, string>) {
  const currency = (text(form, 'currency') ?? 'USD').trim().toUpperCase() || 'USD';
  const price = dashboardPrice(text(form, 'price'), currency, text(form, 'free') === 'on');
  if ('error' in price) fieldErrors.priceCents = price.error;
  return {
    sku: (text(form, 'sku') ?? '').trim(),
    options: { color: text(form, 'color'), size: text(form, 'size') },
    priceCents: 'cents' in price ? price.cents : 0,
    currency,
  };
}

export async function addVariantAction(productId: string, form: FormData): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const fieldErrors: Record<string, string> = {};
    const variant = variantFromForm(form, fieldErrors);
    const stock = stockOf(form, '', fieldErrors);
    if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
    try {
      await addVariant(getDb(), actor, productId, { ...variant, stock });
    } catch (error) {
      return errorsForInputs(failure(error), [stock], () => '');
    }
    revalidateProductCaches(productId);
    refreshDashboard(productId);
    return { ok: true, message: `Variant ${variant.sku} added.` };
  } catch (error) {
    return failure(error);
  }
}

export async function updateVariantAction(variantId: string, form: FormData): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const fieldErrors: Record<string, string> = {};
    const variant = variantFromForm(form, fieldErrors);
    if (Object.keys(fieldErrors).length > 0) return invalid(fieldErrors);
    const result = await updateVariant(getDb(), actor, variantId, variant);
    if (result.changed.length > 0) {
      revalidateProductCaches(result.productId);
      refreshDashboard(result.productId);
    }
    return { ok: true, message: result.changed.length ? `Variant ${variant.sku} saved.` : 'Nothing to save: no field changed.' };
  } catch (error) {
    return failure(error);
  }
}

export async function setVariantArchivedAction(variantId: string, archived: boolean): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const result = archived ? await archiveVariant(getDb(), actor, variantId) : await restoreVariant(getDb(), actor, variantId);
    revalidateProductCaches(result.productId);
    refreshDashboard(result.productId);
    return { ok: true, message: archived ? 'Variant archived: it is no longer for sale.' : 'Variant restored: it is for sale again.' };
  } catch (error) {
    return failure(error);
  }
}

export async function uploadProductImageAction(productId: string, form: FormData): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0) return invalid({ file: 'choose an image to upload' });
    if (file.size > MAX_IMAGE_BYTES) return invalid({ file: `is ${(file.size / 1024 / 1024).toFixed(1)} MB: images can be at most 5 MB` });
    await uploadProductImage(getDb(), actor, {
      productId,
      bytes: new Uint8Array(await file.arrayBuffer()),
      alt: text(form, 'alt'),
      variantColor: text(form, 'variantColor'),
    });
    revalidateProductCaches(productId);
    refreshDashboard(productId);
    return { ok: true, message: 'Image uploaded.' };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteProductImageAction(imageId: string): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const { productId } = await deleteProductImage(getDb(), actor, imageId);
    revalidateProductCaches(productId);
    refreshDashboard(productId);
    return { ok: true, message: 'Image removed.' };
  } catch (error) {
    return failure(error);
  }
}

/** `mode` = dry_run (check only) or apply (all-or-nothing). */
export async function importProductsCsvAction(form: FormData): Promise<ActionResult<ImportReport>> {
  try {
    const actor = await staffOrForbidden();
    const file = form.get('file');
    const mode = text(form, 'mode') === 'apply' ? 'apply' : 'dry_run';
    if (!(file instanceof File) || file.size === 0) return invalid({ file: 'choose a CSV file' });
    if (file.size > MAX_IMPORT_BYTES) return invalid({ file: `is ${(file.size / 1024 / 1024).toFixed(1)} MB: at most 2 MB per import (split it into several files)` });
    const report = await importProductsCsv(getDb(), actor, { csv: new Uint8Array(await file.arrayBuffer()), mode });
    if (report.applied) {
      revalidateCatalog();
      refreshDashboard();
    }
    return { ok: true, data: report };
  } catch (error) {
    return failure(error);
  }
}
