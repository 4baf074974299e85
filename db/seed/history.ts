/**
 * A past for the demo shop: a few hundred paid orders over the last 60 days
 * from demo customers, so the dashboard has sales and "bought together" has
 * something to show. Pure and deterministic like the catalog: times are given
 * as seconds before the moment of seeding, everything else is fixed by the seed.
 *
 * Some products are sold in bundles (a jacket with a beanie and gloves, …) so
 * clear pairs stand out. The shopper@example.com demo account gets no orders
 * (the e2e journeys read its order list).
 */
import { DEMO_CUSTOMER_DOMAIN } from '../../lib/config/demo';
import type { DemoShop, SeedProduct, SeedVariant } from './generate';
import { createRandom, stableUuid, type Random } from './random';

export type HistoryStatus = 'confirmed' | 'processing' | 'shipped' | 'delivered';
export type HistoryStep = { status: 'pending_payment' | HistoryStatus; secondsAgo: number };
export type HistoryLine = { variantId: string; productId: string; sku: string; name: string; quantity: number; unitPriceCents: number };
export type HistoryOrder = {
  id: string;
  customerId: string;
  email: string;
  lines: HistoryLine[];
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  status: HistoryStatus;
  /** The order's timeline, oldest first: placed, paid, then as far as it got. */
  steps: HistoryStep[];
  address: { name: string; line1: string; city: string; postalCode: string; country: string };
  carrier: string;
  trackingNumber: string;
};
export type HistoryCustomer = { id: string; email: string; name: string; secondsAgo: number };
export type OrderHistory = { customers: HistoryCustomer[]; bundles: string[][]; orders: HistoryOrder[] };

export const HISTORY_ORDERS = 360;
export const HISTORY_DAYS = 60;
const CUSTOMERS = 48;
const SHIPPING_CENTS = 599;
const FREE_SHIPPING_OVER_CENTS = 7500;
/** Nothing in the history is newer than this, so the recommendations batch (which waits a minute for stragglers) counts it all. */
const NEWEST_SECONDS_AGO = 2 * 3600;

const FIRST = ['Alex', 'Jamie', 'Robin', 'Charlie', 'Noor', 'Mika', 'Sasha', 'Lee', 'Kim', 'Toni', 'Ari', 'Jules', 'Remy', 'Dana', 'Eli', 'Quinn'];
const LAST = ['Berg', 'Okafor', 'Novak', 'Silva', 'Tanaka', 'Jansen', 'Moreau', 'Kowalski', 'Haddad', 'Larsen', 'Costa', 'Meyer'];
const STREETS = ['Maple Street', 'Harbor Road', 'Pine Avenue', 'Mill Lane', 'Cedar Court', 'River Drive'];
const CITIES: [string, string][] = [['Portland', '97205'], ['Denver', '80202'], ['Austin', '78701'], ['Madison', '53703'], ['Raleigh', '27601'], ['Boise', '83702']];
const CARRIERS = ['UPS', 'FedEx', 'USPS', 'DHL'];

/** Bundles: products from different categories that shoppers buy together, the first ones most often. */
function pickBundles(shop: DemoShop, random: Random): SeedProduct[][] {
  const byCategory = new Map<string, SeedProduct[]>();
  for (const product of shop.products) byCategory.set(product.categoryId, [...(byCategory.get(product.categoryId) ?? []), product]);
  const categories = [...byCategory.values()];
  const bundles: SeedProduct[][] = [];
  const used = new Set<string>();
  for (let b = 0; b < 10; b++) {
    const size = b % 3 === 0 ? 3 : 2;
    const bundle: SeedProduct[] = [];
    for (const products of random.sample(categories, size)) {
      const product = random.pick(products.filter((p) => !used.has(p.id)));
      used.add(product.id);
      bundle.push(product);
    }
    bundles.push(bundle);
  }
  return bundles;
}

function line(product: SeedProduct, variants: SeedVariant[], random: Random): HistoryLine {
  const variant = random.pick(variants);
  return {
    variantId: variant.id,
    productId: product.id,
    sku: variant.sku,
    name: variant.title && variant.title !== 'Standard' ? `${product.name} (${variant.title})` : product.name,
    quantity: random.chance(0.85) ? 1 : 2,
    unitPriceCents: variant.priceCents,
  };
}

export function generateOrderHistory(shop: DemoShop, seed: number): OrderHistory {
  const random = createRandom(seed ^ 0x5eed0de5);
  const variantsOf = new Map<string, SeedVariant[]>();
  for (const variant of shop.variants) variantsOf.set(variant.productId, [...(variantsOf.get(variant.productId) ?? []), variant]);

  const customers: HistoryCustomer[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const email = `${first}.${last}.${i + 1}@${DEMO_CUSTOMER_DOMAIN}`.toLowerCase();
    customers.push({ id: stableUuid(`user:${email}`), email, name: `${first} ${last}`, secondsAgo: (HISTORY_DAYS + 30) * 86400 - i * 3600 });
  }

  const bundles = pickBundles(shop, random);
  const bundleIds = new Set(bundles.flat().map((p) => p.id));
  const pool = random.sample(shop.products.filter((p) => !bundleIds.has(p.id)), 60);

  const ages = Array.from({ length: HISTORY_ORDERS }, () => random.int(NEWEST_SECONDS_AGO, HISTORY_DAYS * 86400)).sort((a, b) => b - a);
  const orders: HistoryOrder[] = ages.map((placedAgo, index) => {
    const customer = random.pick(customers);
    const products: SeedProduct[] = [];
    if (random.chance(0.65)) {
      // Earlier bundles sell more: index drawn from a skewed distribution.
      const bundle = bundles[Math.floor(random.next() ** 1.6 * bundles.length)]!;
      products.push(...(bundle.length === 3 && random.chance(0.4) ? random.sample(bundle, 2) : bundle));
      if (random.chance(0.25)) products.push(random.pick(pool));
    } else {
      products.push(...random.sample(pool, random.int(1, 3)));
    }
    const lines = products.map((product) => line(product, variantsOf.get(product.id)!, random));
    const subtotalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0);
    const shippingCents = subtotalCents >= FREE_SHIPPING_OVER_CENTS ? 0 : SHIPPING_CENTS;

    // Most pay within minutes; a few come back hours later to pay.
    const paidAgo = placedAgo - (random.chance(0.08) ? random.int(3600, 6 * 3600) : random.int(30, 600));
    const timeline: HistoryStep[] = [
      { status: 'pending_payment', secondsAgo: placedAgo },
      { status: 'confirmed', secondsAgo: Math.max(paidAgo, NEWEST_SECONDS_AGO - 60) },
    ];
    let at = timeline[1]!.secondsAgo;
    const later: [HistoryStatus, number, number][] = [['processing', 2 * 3600, 20 * 3600], ['shipped', 4 * 3600, 30 * 3600], ['delivered', 86400, 4 * 86400]];
    for (const [status, min, max] of later) {
      at -= random.int(min, max);
      if (at < NEWEST_SECONDS_AGO) break;
      timeline.push({ status, secondsAgo: at });
    }
    const [city, postalCode] = random.pick(CITIES);
    return {
      id: stableUuid(`order:history:${index}`),
      customerId: customer.id,
      email: customer.email,
      lines,
      subtotalCents,
      shippingCents,
      totalCents: subtotalCents + shippingCents,
      status: timeline.at(-1)!.status as HistoryStatus,
      steps: timeline,
      address: { name: customer.name, line1: `${random.int(1, 999)} ${random.pick(STREETS)}`, city, postalCode, country: 'US' },
      carrier: random.pick(CARRIERS),
      trackingNumber: `TRK${String(random.int(0, 99_999_999)).padStart(8, '0')}${index}`,
    };
  });

  return { customers, bundles: bundles.map((b) => b.map((p) => p.id)), orders };
}
