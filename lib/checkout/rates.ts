/**
 * Tax and shipping rules, configurable from the environment:
 *   STOCKWISE_TAX_RATES            "US:0,CA:500,GB:2000,NL:2100,DE:1900" (basis points per country; 2100 = 21%)
 *   STOCKWISE_DEFAULT_COUNTRY      "US" (used until the shopper gives an address)
 *   STOCKWISE_SHIPPING_FLAT_CENTS  599
 *   STOCKWISE_FREE_SHIPPING_OVER_CENTS 7500 (after discounts)
 *   STOCKWISE_EXPRESS_SURCHARGE_CENTS 1500 (express delivery, charged even when standard is free)
 * Tax is charged on the discounted subtotal; shipping is not taxed.
 */
export type Rates = {
  taxBasisPoints: Record<string, number>;
  defaultCountry: string;
  shippingFlatCents: number;
  freeShippingOverCents: number;
  expressSurchargeCents: number;
};

const DEFAULT_TAX = 'US:0,CA:500,GB:2000,NL:2100,DE:1900,FR:2000';

function parseTaxRates(text: string): Record<string, number> {
  const rates: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [country, value] = part.split(':').map((s) => s.trim());
    const basisPoints = Number(value);
    if (country && /^[A-Z]{2}$/.test(country) && Number.isInteger(basisPoints) && basisPoints >= 0 && basisPoints <= 10_000) {
      rates[country] = basisPoints;
    }
  }
  return rates;
}

function nonNegativeInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export function ratesFromEnv(env: Record<string, string | undefined> = process.env): Rates {
  return {
    taxBasisPoints: parseTaxRates(env.STOCKWISE_TAX_RATES ?? DEFAULT_TAX),
    defaultCountry: (env.STOCKWISE_DEFAULT_COUNTRY ?? 'US').toUpperCase(),
    shippingFlatCents: nonNegativeInt(env.STOCKWISE_SHIPPING_FLAT_CENTS, 599),
    freeShippingOverCents: nonNegativeInt(env.STOCKWISE_FREE_SHIPPING_OVER_CENTS, 7500),
    expressSurchargeCents: nonNegativeInt(env.STOCKWISE_EXPRESS_SURCHARGE_CENTS, 1500),
  };
}
