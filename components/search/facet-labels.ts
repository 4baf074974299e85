/** Human words for facets and their values. Safe on server and client. */
import { formatMoney } from '@/lib/money';
import { PRICE_RANGES, type Facet } from '@/lib/search/types';

export const FACET_TITLES: Record<Facet, string> = {
  category: 'Category',
  brand: 'Brand',
  color: 'Colour',
  size: 'Size',
  price: 'Price',
  in_stock: 'Availability',
};

const dollars = (cents: number) => formatMoney(cents, 'USD').replace(/\.00$/, '');

/** "Under $25", "$25–$50", …, "$200 and up". */
export function priceRangeLabel(key: string): string {
  const range = PRICE_RANGES.find((r) => r.key === key);
  if (!range) return key;
  if (range.from === 0) return `Under ${dollars(range.to)}`;
  if (range.to >= 2_147_483_647) return `${dollars(range.from)} and up`;
  return `${dollars(range.from)}–${dollars(range.to)}`;
}

/** A filter (`field`, `value`) as the shopper reads it, e.g. for a removable chip. */
export function filterLabel(field: string, value: string, categoryNames: ReadonlyMap<string, string>): { facet: string; value: string } {
  switch (field) {
    case 'category':
      return { facet: FACET_TITLES.category, value: categoryNames.get(value) ?? value };
    case 'brand':
    case 'color':
    case 'size':
      return { facet: FACET_TITLES[field], value };
    case 'price':
      return { facet: FACET_TITLES.price, value: priceRangeLabel(value) };
    case 'in_stock':
      return { facet: FACET_TITLES.in_stock, value: value === 'true' ? 'In stock only' : 'Any' };
    case 'price_min':
      return { facet: FACET_TITLES.price, value: `From ${formatMoney(Number(value), 'USD')}` };
    case 'price_max':
      return { facet: FACET_TITLES.price, value: `Up to ${formatMoney(Number(value), 'USD')}` };
    default:
      return { facet: field, value };
  }
}

/** Swatches for the colours shoppers pick by; an unknown colour gets none. */
const SWATCHES: Record<string, string> = {
  black: '#1f2937',
  white: '#f3f4f6',
  navy: '#1e3a8a',
  red: '#dc2626',
  forest: '#166534',
  green: '#16a34a',
  sand: '#d6c7a1',
  beige: '#d6c7a1',
  grey: '#6b7280',
  gray: '#6b7280',
  blue: '#2563eb',
  olive: '#4d5d2a',
  burgundy: '#7f1d1d',
  yellow: '#eab308',
  pink: '#ec4899',
  orange: '#ea580c',
  teal: '#0d9488',
  brown: '#78350f',
  purple: '#7e22ce',
};

export function swatchOf(color: string): string | null {
  return SWATCHES[color.trim().toLowerCase()] ?? null;
}

const APPAREL = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', 'XXXL'];

/** Sizes in the order a shopper expects: XS before XXL, 38 before 40, 500 ml before 750 ml, then the rest alphabetically. */
export function compareSizes(a: string, b: string): number {
  const rank = (size: string): [number, string, number, string] => {
    const apparel = APPAREL.indexOf(size.toUpperCase());
    if (apparel >= 0) return [0, '', apparel, size];
    const numeric = /^(\d+(?:[.,]\d+)?)\s*(.*)$/.exec(size);
    if (numeric) {
      const unit = numeric[2]!.toLowerCase();
      const amount = Number(numeric[1]!.replace(',', '.'));
      // Litres sort among millilitres: 750 ml before 1 L.
      return unit === 'l' ? [1, 'ml', amount * 1000, size] : [1, unit, amount, size];
    }
    return [2, '', 0, size.toLowerCase()];
  };
  const [ga, ua, na, sa] = rank(a);
  const [gb, ub, nb, sb] = rank(b);
  return ga - gb || ua.localeCompare(ub) || na - nb || sa.localeCompare(sb);
}
