/**
 * The one price rule, for REST, the dashboard and CSV import: a whole number of
 * minor units from 0 to 1,000,000.00. The dashboard types decimals ("24.99"),
 * which parsePriceText turns into cents and checks with the same schema; a
 * price of 0 there must be confirmed ("This item is free").
 */
import { z } from 'zod';

export const MAX_PRICE_CENTS = 100_000_000;

export const priceCentsSchema = z
  .number({ error: 'must be a whole number of cents' })
  .int({ error: 'must be a whole number of cents' })
  .min(0, { error: 'cannot be negative' })
  .max(MAX_PRICE_CENTS, { error: 'cannot be more than 1,000,000.00 (100000000 cents)' });

export const FREE_UNCONFIRMED = 'is 0: tick “This item is free” to sell it for nothing';

/** Decimal places the currency's prices have (JPY 0, most 2). */
function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2; // An unknown currency is refused by its own field.
  }
}

/** "19.99", "$1,299.00" or "20" → cents, exactly (no floating point); otherwise the price field's error. */
export function parsePriceText(raw: string | undefined, currency: string): { cents: number } | { error: string } {
  const cleaned = (raw ?? '').replace(/[\s,]/g, '');
  const digits = fractionDigits(currency);
  const shape = digits === 0 ? 'must be a whole amount, like 1200' : 'must be a price like 24.99';
  if (/^[^\d.]*-/.test(cleaned)) return { error: 'cannot be negative' };
  const match = new RegExp(`^(\\d{1,12})(?:\\.(\\d{0,${digits}}))?$`).exec(cleaned.replace(/^[^\d.]+/, ''));
  if (!match) return { error: shape };
  const cents = Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || 0);
  const checked = priceCentsSchema.safeParse(cents);
  return checked.success ? { cents } : { error: checked.error.issues[0]!.message };
}

/** The dashboard's price, with 0 allowed only when "This item is free" is ticked (`free`). */
export function dashboardPrice(raw: string | undefined, currency: string, free: boolean): { cents: number } | { error: string } {
  const parsed = parsePriceText(raw, currency);
  if ('cents' in parsed && parsed.cents === 0 && !free) return { error: FREE_UNCONFIRMED };
  return parsed;
}
