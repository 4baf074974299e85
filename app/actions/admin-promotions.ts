'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { createPromotion, parseMoneyInput, setPromotionActive, updatePromotion } from '@/lib/promotions/admin-promotions';
import { failure, type ActionResult } from '@/lib/session/action-result';
import { staffOrForbidden } from '@/lib/session/staff-action';

const FIELDS = ['id', 'code', 'description', 'kind', 'value', 'minSubtotal', 'startsAt', 'endsAt', 'usageLimit', 'active'] as const;

/** What the promotion form shows again after a failed save (so nothing typed is lost). */
export type PromotionFormState = (ActionResult & { values?: Record<string, string> }) | null;

/** "2030-01-31T09:00" from a datetime-local input, read as UTC (the dashboard shows UTC everywhere). */
function utcDateTime(text: string): Date | null | 'invalid' {
  if (!text.trim()) return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2})?)?$/.exec(text.trim());
  if (!match) return 'invalid';
  const date = new Date(`${match[1]}T${match[2] ?? '00:00'}:00Z`);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

/** Creates a promotion, or saves the one named by the hidden `id`. Money is typed in dollars and stored in cents. */
export async function savePromotionAction(_previous: PromotionFormState, form: FormData): Promise<PromotionFormState> {
  const values = Object.fromEntries(FIELDS.map((key) => [key, String(form.get(key) ?? '')])) as Record<(typeof FIELDS)[number], string>;
  let savedCode: string;
  try {
    const actor = await staffOrForbidden();
    const errors: Record<string, string> = {};
    let value: number | undefined;
    if (values.kind === 'percent') {
      if (/^\s*\d{1,3}\s*%?\s*$/.test(values.value)) value = Number(values.value.replace('%', ''));
      else errors.value = 'Enter a whole percentage from 1 to 100';
    } else if (values.kind === 'fixed') {
      const cents = parseMoneyInput(values.value);
      if (cents === null) errors.value = 'Enter an amount like 5.00';
      else value = cents;
    }
    let minSubtotalCents = 0;
    if (values.minSubtotal.trim()) {
      const cents = parseMoneyInput(values.minSubtotal);
      if (cents === null) errors.minSubtotal = 'Enter an amount like 100.00, or leave it empty';
      else minSubtotalCents = cents;
    }
    let usageLimit: number | null = null;
    if (values.usageLimit.trim()) {
      if (/^\s*\d{1,8}\s*$/.test(values.usageLimit)) usageLimit = Number(values.usageLimit);
      else errors.usageLimit = 'Enter a whole number, or leave it empty for no limit';
    }
    const startsAt = utcDateTime(values.startsAt);
    const endsAt = utcDateTime(values.endsAt);
    if (startsAt === 'invalid') errors.startsAt = 'Enter a date and time';
    if (endsAt === 'invalid') errors.endsAt = 'Enter a date and time';
    if (Object.keys(errors).length > 0) return { ok: false, message: 'Please check the highlighted fields.', fieldErrors: errors, values };

    const input = {
      code: values.code,
      description: values.description,
      kind: values.kind || undefined,
      value,
      minSubtotalCents,
      startsAt: startsAt as Date | null,
      endsAt: endsAt as Date | null,
      usageLimit,
      active: values.active === 'on',
    };
    const saved = values.id ? await updatePromotion(getDb(), actor, values.id, input) : await createPromotion(getDb(), actor, input);
    savedCode = saved.code;
  } catch (error) {
    const result = failure(error);
    const fieldErrors = result.fieldErrors
      ? Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k === 'minSubtotalCents' ? 'minSubtotal' : k, v]))
      : undefined;
    return { ...result, fieldErrors, values };
  }
  revalidatePath('/admin/promotions');
  if (values.id) redirect(`/admin/promotions?saved=${encodeURIComponent(savedCode)}`);
  return { ok: true, message: `${savedCode} is ready: shoppers can use it at checkout${values.active === 'on' ? '' : ' once you activate it'}.` };
}

/** Switches a code off (checkout stops taking it at once) or back on. */
export async function setPromotionActiveAction(input: { id: string; active: boolean }): Promise<ActionResult> {
  try {
    const actor = await staffOrForbidden();
    const saved = await setPromotionActive(getDb(), actor, String(input?.id ?? ''), input?.active);
    revalidatePath('/admin/promotions');
    return { ok: true, message: saved.active ? `${saved.code} is active again.` : `${saved.code} is switched off: checkout no longer accepts it.` };
  } catch (error) {
    return failure(error);
  }
}
