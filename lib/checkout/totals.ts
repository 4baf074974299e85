/**
 * The one place order money is computed: the cart shows it, checkout charges it.
 * Pure and integer-only.
 */
import { evaluatePromotion, type PromotionRule } from '@/lib/promotions/rules';
import { formatMoney } from '@/lib/money';
import type { Rates } from './rates';

export type PricedLine = { unitPriceCents: number; quantity: number };

export type Totals = {
  currency: string;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  shippingCents: number;
  totalCents: number;
  /** The applied promotion, or why the entered code does not apply. */
  promotion: { code: string; description: string; applied: true } | { code: string; applied: false; message: string } | null;
  country: string;
  taxRateBasisPoints: number;
};

/** A promotion already decided and redeemed (checkout): applied as it is, not evaluated again. */
export type AppliedPromotion = { rule: PromotionRule; discountCents: number };

export function computeTotals(input: {
  lines: readonly PricedLine[];
  currency: string;
  promotion: PromotionRule | AppliedPromotion | null;
  country?: string | null;
  shippingMethod?: 'standard' | 'express' | null;
  rates: Rates;
  /** Needed only to evaluate a promotion rule (the cart's view); checkout passes the one it redeemed. */
  now?: Date;
}): Totals {
  const { rates } = input;
  const subtotalCents = input.lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);

  let discountCents = 0;
  let promotion: Totals['promotion'] = null;
  if (input.promotion) {
    const rule = 'rule' in input.promotion ? input.promotion.rule : input.promotion;
    const outcome =
      'rule' in input.promotion
        ? { ok: true as const, discountCents: input.promotion.discountCents }
        : evaluatePromotion(rule, { subtotalCents, currency: input.currency }, requireClock(input.now), formatMoney);
    if (outcome.ok) {
      discountCents = outcome.discountCents;
      promotion = { code: rule.code, description: rule.description, applied: true };
    } else {
      promotion = { code: rule.code, applied: false, message: outcome.message };
    }
  }

  const country = (input.country ?? rates.defaultCountry).toUpperCase();
  const taxRateBasisPoints = rates.taxBasisPoints[country] ?? 0;
  const taxable = subtotalCents - discountCents;
  const taxCents = Math.round((taxable * taxRateBasisPoints) / 10_000);
  const standardCents = taxable >= rates.freeShippingOverCents ? 0 : rates.shippingFlatCents;
  const shippingCents =
    subtotalCents === 0 ? 0 : standardCents + (input.shippingMethod === 'express' ? rates.expressSurchargeCents : 0);

  return {
    currency: input.currency,
    subtotalCents,
    discountCents,
    taxCents,
    shippingCents,
    totalCents: taxable + taxCents + shippingCents,
    promotion,
    country,
    taxRateBasisPoints,
  };
}

function requireClock(now: Date | undefined): Date {
  if (!now) throw new Error('computeTotals: a promotion rule is evaluated against a clock; pass `now`');
  return now;
}
