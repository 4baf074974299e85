'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import {
  createSupplier,
  createWarehouse,
  deleteSupplier,
  deleteWarehouse,
  makeDefaultWarehouse,
  updateSupplier,
  updateWarehouse,
} from '@/lib/inventory/suppliers';
import { failure, type ActionResult } from '@/lib/session/action-result';
import { staffOrForbidden } from '@/lib/session/staff-action';

/** A form's answer, with what was typed so a failed save loses nothing. */
export type SupplierFormState = (ActionResult & { values?: Record<string, string> }) | null;

const read = (form: FormData, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? '')]));
const PAGE = '/admin/suppliers';

export async function saveSupplierAction(_previous: SupplierFormState, form: FormData): Promise<SupplierFormState> {
  const values = read(form, ['id', 'name', 'email', 'phone']);
  let name: string;
  try {
    const actor = await staffOrForbidden();
    const input = { name: values.name, email: values.email!.trim(), phone: values.phone };
    const saved = values.id ? await updateSupplier(getDb(), actor, values.id, input) : await createSupplier(getDb(), actor, input);
    name = saved.name;
  } catch (error) {
    return { ...failure(error), values };
  }
  revalidatePath(PAGE);
  if (values.id) redirect(`${PAGE}?saved=${encodeURIComponent(name)}`);
  return { ok: true, message: `${name} is added. Assign it a warehouse below to see its stock.` };
}

export async function saveWarehouseAction(_previous: SupplierFormState, form: FormData): Promise<SupplierFormState> {
  const values = read(form, ['id', 'code', 'name', 'supplierId', 'priority', 'isDefault']);
  let code: string;
  try {
    const actor = await staffOrForbidden();
    const priority = values.priority!.trim() === '' ? 0 : /^\s*-?\d{1,6}\s*$/.test(values.priority!) ? Number(values.priority) : Number.NaN;
    const input = { code: values.code, name: values.name, supplierId: values.supplierId || null, priority, isDefault: values.isDefault === 'on' };
    const saved = values.id ? await updateWarehouse(getDb(), actor, values.id, input) : await createWarehouse(getDb(), actor, input);
    code = saved.code;
  } catch (error) {
    return { ...failure(error), values };
  }
  revalidatePath(PAGE);
  if (values.id) redirect(`${PAGE}?saved=${encodeURIComponent(code)}`);
  return { ok: true, message: `Warehouse ${code} is added.` };
}

async function run(work: (actor: Awaited<ReturnType<typeof staffOrForbidden>>) => Promise<string>): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const message = await work(actor);
    revalidatePath(PAGE);
    return { ok: true, message };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteSupplierAction(id: string): Promise<ActionResult> {
  return run(async (actor) => {
    await deleteSupplier(getDb(), actor, String(id));
    return 'Supplier deleted.';
  });
}

export async function deleteWarehouseAction(id: string): Promise<ActionResult> {
  return run(async (actor) => {
    await deleteWarehouse(getDb(), actor, String(id));
    return 'Warehouse deleted.';
  });
}

export async function makeDefaultWarehouseAction(id: string): Promise<ActionResult> {
  return run(async (actor) => {
    const warehouse = await makeDefaultWarehouse(getDb(), actor, String(id));
    return `${warehouse.code} is now the default warehouse.`;
  });
}
