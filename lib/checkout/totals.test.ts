import { describe, expect, it } from 'vitest';
import type { PromotionRule } from '@/lib/promotions/rules';
import { ratesFromEnv } from './rates';
import { computeTotals } from './totals';

const now = new Date('2026-06-01T12:00:00Z');
const rates = ratesFromEnv({ STOCKWISE_TAX_RATES: 'US:0,NL:2100,CA:500', STOCKWISE_SHIPPING_FLAT_CENTS: '599', STOCKWISE_FREE_SHIPPING_OVER_CENTS: '7500' });
const promo = (over: Partial<PromotionRule>): PromotionRule => ({
  id: 'p', code: 'CODE', description: 'A code', kind: 'percent', value: 10, currency: 'USD', minSubtotalCents: 0,
  startsAt: null, endsAt: null, usageLimit: null, usedCount: 0, active: true, ...over,
});
const totals = (lines: { unitPriceCents: number; quantity: number }[], promotion: PromotionRule | null = null, country?: string) =>
  computeTotals({ lines, currency: 'USD', promotion, country, rates, now });

describe('computeTotals', () => {
  it('adds up lines, charges flat shipping below the threshold and none above it', () => {
    expect(totals([{ unitPriceCents: 1999, quantity: 2 }])).toMatchObject({
      subtotalCents: 3998, discountCents: 0, taxCents: 0, shippingCents: 599, totalCents: 4597,
    });
    expect(totals([{ unitPriceCents: 2500, quantity: 3 }])).toMatchObject({ subtotalCents: 7500, shippingCents: 0, totalCents: 7500 });
  });

  it('adds the express surcharge, even when standard shipping is free', () => {
    const express = (cents: number) =>
      computeTotals({ lines: [{ unitPriceCents: cents, quantity: 1 }], currency: 'USD', promotion: null, shippingMethod: 'express', rates, now });
    expect(express(2000).shippingCents).toBe(599 + 1500);
    expect(express(9000).shippingCents).toBe(1500);
  });

  it('charges nothing for an empty cart', () => {
    expect(totals([])).toMatchObject({ subtotalCents: 0, shippingCents: 0, totalCents: 0 });
  });

  it('takes a percentage off, rounding half up to the cent', () => {
    const t = totals([{ unitPriceCents: 1005, quantity: 1 }], promo({ kind: 'percent', value: 10 }));
    expect(t.discountCents).toBe(101); // 100.5 → 101
    expect(t.promotion).toMatchObject({ code: 'CODE', applied: true });
    expect(t.totalCents).toBe(1005 - 101 + 599);
  });

  it('takes a fixed amount off, never more than the subtotal', () => {
    expect(totals([{ unitPriceCents: 12000, quantity: 1 }], promo({ kind: 'fixed', value: 1500 })).discountCents).toBe(1500);
    expect(totals([{ unitPriceCents: 900, quantity: 1 }], promo({ kind: 'fixed', value: 1500 })).discountCents).toBe(900);
  });

  it('refuses expired, not-yet-valid, exhausted, inactive and below-minimum codes, with a reason', () => {
    const line = [{ unitPriceCents: 5000, quantity: 1 }];
    const cases: [Partial<PromotionRule>, RegExp][] = [
      [{ endsAt: new Date('2026-05-01') }, /expired/],
      [{ startsAt: new Date('2026-07-01') }, /not valid yet/],
      [{ usageLimit: 5, usedCount: 5 }, /fully redeemed/],
      [{ active: false }, /no longer available/],
      [{ minSubtotalCents: 10000 }, /at least \$100\.00/],
      [{ kind: 'fixed', value: 500, currency: 'EUR' }, /cannot be used in USD/],
    ];
    for (const [over, message] of cases) {
      const t = totals(line, promo(over));
      expect(t.discountCents).toBe(0);
      expect(t.promotion).toMatchObject({ applied: false, message: expect.stringMatching(message) });
    }
  });

  it('applies a code exactly at its minimum and until the instant it ends', () => {
    expect(totals([{ unitPriceCents: 10000, quantity: 1 }], promo({ minSubtotalCents: 10000 })).discountCents).toBe(1000);
    expect(totals([{ unitPriceCents: 10000, quantity: 1 }], promo({ endsAt: new Date(now.getTime() + 1) })).discountCents).toBe(1000);
    expect(totals([{ unitPriceCents: 10000, quantity: 1 }], promo({ endsAt: now })).discountCents).toBe(0);
  });

  it('taxes the discounted subtotal at the country rate, not the shipping', () => {
    const t = totals([{ unitPriceCents: 5000, quantity: 1 }], promo({ kind: 'percent', value: 10 }), 'NL');
    expect(t).toMatchObject({ subtotalCents: 5000, discountCents: 500, taxRateBasisPoints: 2100, taxCents: 945, shippingCents: 599 });
    expect(t.totalCents).toBe(5000 - 500 + 945 + 599);
    expect(totals([{ unitPriceCents: 5000, quantity: 1 }], null, 'ZZ').taxCents).toBe(0);
  });

  it('always satisfies total = subtotal - discount + tax + shipping with integer cents', () => {
    for (let i = 0; i < 500; i++) {
      const lines = Array.from({ length: 1 + (i % 4) }, (_, j) => ({ unitPriceCents: 1 + ((i * 7919 + j * 104729) % 50000), quantity: 1 + ((i + j) % 5) }));
      const t = totals(lines, i % 3 ? promo({ kind: i % 2 ? 'percent' : 'fixed', value: 1 + (i % 60) }) : null, i % 2 ? 'CA' : 'NL');
      expect(t.totalCents).toBe(t.subtotalCents - t.discountCents + t.taxCents + t.shippingCents);
      for (const value of [t.subtotalCents, t.discountCents, t.taxCents, t.shippingCents, t.totalCents]) {
        expect(Number.isInteger(value) && value >= 0).toBe(true);
      }
    }
  });
});
