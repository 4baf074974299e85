/** Whether a promotion applies to a subtotal, and how much it takes off. Pure: no database, no clock. */

export type PromotionRule = {
  id: string;
  code: string;
  description: string;
  kind: 'percent' | 'fixed';
  /** Percent: whole percent 1–100. Fixed: minor units. */
  value: number;
  currency: string;
  minSubtotalCents: number;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  usedCount: number;
  active: boolean;
};

export type PromotionRejection = 'inactive' | 'not_started' | 'expired' | 'below_minimum' | 'usage_limit_reached' | 'currency_mismatch';

export type PromotionOutcome =
  | { ok: true; discountCents: number }
  | { ok: false; reason: PromotionRejection; message: string };

export function evaluatePromotion(
  promotion: PromotionRule,
  cart: { subtotalCents: number; currency: string },
  now: Date,
  formatMoney: (cents: number, currency: string) => string = (c, cur) => `${(c / 100).toFixed(2)} ${cur}`,
): PromotionOutcome {
  const code = promotion.code;
  if (!promotion.active) return { ok: false, reason: 'inactive', message: `The code ${code} is no longer available.` };
  if (promotion.startsAt && now < promotion.startsAt) {
    return { ok: false, reason: 'not_started', message: `The code ${code} is not valid yet.` };
  }
  if (promotion.endsAt && now >= promotion.endsAt) {
    return { ok: false, reason: 'expired', message: `The code ${code} has expired.` };
  }
  if (promotion.usageLimit !== null && promotion.usedCount >= promotion.usageLimit) {
    return { ok: false, reason: 'usage_limit_reached', message: `The code ${code} has been fully redeemed.` };
  }
  if (promotion.kind === 'fixed' && promotion.currency !== cart.currency) {
    return { ok: false, reason: 'currency_mismatch', message: `The code ${code} cannot be used in ${cart.currency}.` };
  }
  if (cart.subtotalCents < promotion.minSubtotalCents) {
    return {
      ok: false,
      reason: 'below_minimum',
      message: `The code ${code} needs a subtotal of at least ${formatMoney(promotion.minSubtotalCents, cart.currency)}.`,
    };
  }
  return { ok: true, discountCents: discountFor(promotion, cart.subtotalCents) };
}

/** Never more than the subtotal; percentages round half up to the cent. */
export function discountFor(promotion: Pick<PromotionRule, 'kind' | 'value'>, subtotalCents: number): number {
  const raw = promotion.kind === 'percent' ? Math.round((subtotalCents * promotion.value) / 100) : promotion.value;
  return Math.max(0, Math.min(raw, subtotalCents));
}

/** Codes are matched without regard to case or surrounding spaces. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}
