/**
 * Builds the demo shop as plain data. Pure and deterministic: the same seed
 * gives the same shop, ids included, on every machine.
 */
import { ADJECTIVES, CATALOG, COLORS, type LeafCategory, type TopCategory } from './catalog-data';
import { DEMO_USERS, type DemoUser } from '../../lib/config/demo';
import { createRandom, slugify, stableUuid, type Random } from './random';

export const DEFAULT_SEED = 20261122;

export type SeedCategory = { id: string; parentId: string | null; slug: string; name: string; description: string; position: number };
export type SeedProduct = {
  id: string; slug: string; name: string; brand: string; description: string; categoryId: string;
  featured: boolean; attributes: Record<string, string>; createdAt: Date;
};
export type SeedVariant = {
  id: string; productId: string; sku: string; title: string; options: Record<string, string>;
  priceCents: number; currency: string; position: number;
};
export type SeedImage = { id: string; productId: string; variantColor: string | null; url: string; alt: string; position: number };
export type SeedStock = { variantId: string; warehouseId: string; onHand: number };
export type SeedUser = DemoUser & { id: string };

export type DemoShop = {
  categories: SeedCategory[];
  suppliers: { id: string; name: string; email: string; phone: string }[];
  warehouses: { id: string; code: string; name: string; supplierId: string; isDefault: boolean; priority: number }[];
  products: SeedProduct[];
  variants: SeedVariant[];
  images: SeedImage[];
  stock: SeedStock[];
  promotions: { id: string; code: string; description: string; kind: 'percent' | 'fixed'; value: number; minSubtotalCents: number; startsAt: Date | null; endsAt: Date | null; usageLimit: number | null }[];
  users: SeedUser[];
};

/** Demo accounts and keys documented in API.md and the README (lib/config/demo.ts). */
export { DEMO_USERS };

const CATALOG_EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);

export function generateDemoShop(seed = DEFAULT_SEED): DemoShop {
  const random = createRandom(seed);
  const shop: DemoShop = {
    categories: [], suppliers: [], warehouses: [], products: [], variants: [], images: [], stock: [], promotions: [],
    users: DEMO_USERS.map((user) => ({ ...user, id: stableUuid(`user:${user.email}`) })),
  };

  shop.suppliers.push(
    { id: stableUuid('supplier:northwind'), name: 'Northwind Supply Co.', email: 'orders@northwind.example', phone: '+31 20 555 0101' },
    { id: stableUuid('supplier:atlas'), name: 'Atlas Wholesale', email: 'sales@atlas.example', phone: '+1 973 555 0199' },
  );
  shop.warehouses.push(
    { id: stableUuid('warehouse:EU-AMS'), code: 'EU-AMS', name: 'Amsterdam', supplierId: shop.suppliers[0]!.id, isDefault: true, priority: 0 },
    { id: stableUuid('warehouse:US-EWR'), code: 'US-EWR', name: 'Newark', supplierId: shop.suppliers[1]!.id, isDefault: false, priority: 1 },
  );

  const usedSlugs = new Set<string>();
  let productIndex = 0;
  CATALOG.forEach((top, topPosition) => {
    const topId = stableUuid(`category:${top.slug}`);
    shop.categories.push({ id: topId, parentId: null, slug: top.slug, name: top.name, description: top.description, position: topPosition });
    top.children.forEach((leaf, leafPosition) => {
      const leafId = stableUuid(`category:${leaf.slug}`);
      shop.categories.push({ id: leafId, parentId: topId, slug: leaf.slug, name: leaf.name, description: leaf.description, position: leafPosition });
      for (const noun of leaf.nouns) {
        addProduct(shop, random, { top, leaf, leafId, noun, usedSlugs, index: productIndex++ });
      }
    });
  });

  const now = new Date(CATALOG_EPOCH);
  shop.promotions.push(
    { id: stableUuid('promotion:WELCOME10'), code: 'WELCOME10', description: '10% off your order', kind: 'percent', value: 10, minSubtotalCents: 0, startsAt: null, endsAt: null, usageLimit: null },
    { id: stableUuid('promotion:SAVE15'), code: 'SAVE15', description: '$15 off orders over $100', kind: 'fixed', value: 1500, minSubtotalCents: 10000, startsAt: null, endsAt: null, usageLimit: null },
    { id: stableUuid('promotion:FLASH50'), code: 'FLASH50', description: '50% off, first 5 orders only', kind: 'percent', value: 50, minSubtotalCents: 0, startsAt: null, endsAt: null, usageLimit: 5 },
    { id: stableUuid('promotion:SUMMER25'), code: 'SUMMER25', description: 'Last summer’s sale (expired)', kind: 'percent', value: 25, minSubtotalCents: 0, startsAt: new Date(now.getTime() - 200 * 86400_000), endsAt: new Date(now.getTime() - 100 * 86400_000), usageLimit: null },
  );
  return shop;
}

type ProductContext = { top: TopCategory; leaf: LeafCategory; leafId: string; noun: string; usedSlugs: Set<string>; index: number };

function addProduct(shop: DemoShop, random: Random, ctx: ProductContext): void {
  const { top, leaf, noun } = ctx;
  const brand = random.pick(top.brands);
  const name = `${random.pick(ADJECTIVES)} ${noun}`;
  let slug = slugify(`${brand} ${name}`);
  for (let n = 2; ctx.usedSlugs.has(slug); n++) slug = slugify(`${brand} ${name} ${n}`);
  ctx.usedSlugs.add(slug);

  const productId = stableUuid(`product:${slug}`);
  const material = random.pick(leaf.materials);
  const [feature1, feature2] = random.sample(leaf.features, 2);
  const description =
    `The ${brand} ${name} is made from ${material}, with ${feature1} and ${feature2}. ` +
    `${leaf.description} Designed to be used daily and repaired rather than replaced.`;
  shop.products.push({
    id: productId, slug, name, brand, description, categoryId: ctx.leafId,
    featured: ctx.index % 9 === 0,
    attributes: { brand, material },
    // Spread over the year so "newest" has a meaningful order.
    createdAt: new Date(CATALOG_EPOCH + ctx.index * 25 * 3600_000), // one a day or so, Jan–Aug 2026
  });

  const basePrice = roundPrice(random.int(leaf.price[0], leaf.price[1]));
  const colors = leaf.variants.kind === 'single' ? [random.pick(COLORS)] : random.sample(COLORS, random.int(2, 4));
  const sizes = 'sizes' in leaf.variants ? leaf.variants.sizes : [undefined];
  const artStyle = random.int(0, 7);
  const skuBase = `${leaf.slug.replace(/-/g, '').slice(0, 3).toUpperCase()}-${String(ctx.index + 1).padStart(4, '0')}`;

  colors.forEach((color, colorIndex) => {
    shop.images.push({
      id: stableUuid(`image:${slug}:${color.name}`), productId,
      variantColor: leaf.variants.kind === 'single' ? null : color.name,
      url: `/media/art/${leaf.shape}-${color.hex}-${(artStyle + colorIndex) % 8}.svg`,
      alt: `${brand} ${name} in ${color.name.toLowerCase()}`,
      position: colorIndex,
    });
    sizes.forEach((size, sizeIndex) => {
      const options: Record<string, string> = {};
      if (leaf.variants.kind !== 'single') options.color = color.name;
      if (size !== undefined) options.size = size;
      const sku = [skuBase, color.name.slice(0, 3).toUpperCase(), size?.replace(/\s+/g, '').toUpperCase()].filter(Boolean).join('-');
      const variantId = stableUuid(`variant:${sku}`);
      // Bigger sizes and capacities cost a little more, as they do in real shops.
      const premium = leaf.variants.kind === 'capacity' ? sizeIndex * roundPrice(basePrice * 0.2) : size === 'XXL' ? 300 : 0;
      shop.variants.push({
        id: variantId, productId, sku,
        title: Object.values(options).join(' / ') || 'Standard',
        options, priceCents: basePrice + premium, currency: 'USD',
        position: colorIndex * sizes.length + sizeIndex,
      });
      addStock(shop, random, variantId);
    });
  });
  // A second angle of the first colour, so product pages have a gallery.
  const first = colors[0]!;
  shop.images.push({
    id: stableUuid(`image:${slug}:alt`), productId,
    variantColor: leaf.variants.kind === 'single' ? null : first.name,
    url: `/media/art/${leaf.shape}-${first.hex}-${(artStyle + 4) % 8}.svg`,
    alt: `${brand} ${name}, another view`,
    position: colors.length,
  });
}

/** Most variants are well stocked; some are low and some sold out, so every badge shows up. */
function addStock(shop: DemoShop, random: Random, variantId: string): void {
  const [amsterdam, newark] = shop.warehouses;
  const roll = random.next();
  if (roll < 0.08) return; // sold out: no stock rows at all for some …
  if (roll < 0.12) {
    shop.stock.push({ variantId, warehouseId: amsterdam!.id, onHand: 0 }); // … and zero rows for others
    return;
  }
  if (roll < 0.24) {
    shop.stock.push({ variantId, warehouseId: amsterdam!.id, onHand: random.int(1, 4) });
    return;
  }
  shop.stock.push({ variantId, warehouseId: amsterdam!.id, onHand: random.int(5, 80) });
  if (random.chance(0.6)) shop.stock.push({ variantId, warehouseId: newark!.id, onHand: random.int(0, 60) });
}

/** Shop prices end in .99 or .00. */
function roundPrice(cents: number): number {
  const dollars = Math.max(1, Math.round(cents / 100));
  return dollars % 5 === 0 ? dollars * 100 : dollars * 100 - 1;
}
