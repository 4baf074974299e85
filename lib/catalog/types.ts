export type StockState = 'in_stock' | 'low_stock' | 'sold_out';
export type StockLabel = { state: StockState; text: string };

export type CategoryNode = {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  description: string;
  children: CategoryNode[];
};

export type ImageView = { url: string; alt: string; color: string | null };

export type ProductCard = {
  id: string;
  slug: string;
  name: string;
  brand: string;
  categorySlug: string;
  priceMinCents: number;
  priceMaxCents: number;
  currency: string;
  available: number;
  image: ImageView | null;
};

export type VariantView = {
  id: string;
  sku: string;
  title: string;
  options: Record<string, string>;
  priceCents: number;
  currency: string;
  available: number;
};

export type ProductDetail = {
  id: string;
  slug: string;
  name: string;
  brand: string;
  description: string;
  attributes: Record<string, string>;
  /** From the top-level category down to the product's own. */
  breadcrumb: { slug: string; name: string }[];
  images: ImageView[];
  variants: VariantView[];
};

export const LISTING_SORTS = ['featured', 'price_asc', 'price_desc', 'newest'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

export type ListingQuery = {
  /** Products in these categories; null for the whole catalog. */
  categoryIds: string[] | null;
  featuredOnly?: boolean;
  sort: ListingSort;
  page: number;
  limit: number;
};

export type Listing = { items: ProductCard[]; total: number; page: number; limit: number };

/** One purchasable variant as the REST API shows it (API.md `GET /items/{item_id}`). */
export type ItemView = {
  item_id: string;
  product_id: string;
  sku: string;
  name: string;
  category: string;
  attributes: Record<string, string>;
  price_cents: number;
  currency: string;
  stock: number;
};
