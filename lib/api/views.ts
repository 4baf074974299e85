/** JSON shapes of the REST API (API.md field names), built from lib/ views. */
import type { CartView } from '@/lib/cart/view';
import type { RecommendedProduct } from '@/lib/recommendations/queries';
import type { WishlistEntry } from '@/lib/wishlist/wishlist';

export function cartJson(cart: CartView) {
  return {
    cart_id: cart.id,
    items: cart.lines.map((line) => ({
      item_id: line.variantId,
      product_id: line.productId,
      sku: line.sku,
      name: line.variantTitle && line.variantTitle !== 'Standard' ? `${line.name} (${line.variantTitle})` : line.name,
      quantity: line.quantity,
      price_cents: line.unitPriceCents,
      price_at_add_cents: line.priceAtAddCents,
      price_changed: line.priceChanged,
      available: line.available,
      status: line.status,
    })),
    promo_code: cart.promoCode,
    promotion: cart.totals.promotion,
    subtotal_cents: cart.totals.subtotalCents,
    discount_cents: cart.totals.discountCents,
    tax_cents: cart.totals.taxCents,
    shipping_cents: cart.totals.shippingCents,
    total_cents: cart.totals.totalCents,
    currency: cart.totals.currency,
  };
}

export function wishlistItemJson(entry: WishlistEntry) {
  return {
    item_id: entry.variantId,
    name: entry.variantTitle && entry.variantTitle !== 'Standard' ? `${entry.name} (${entry.variantTitle})` : entry.name,
    price_cents: entry.priceCents,
    currency: entry.currency,
    available: entry.available,
    added_at: entry.addedAt,
  };
}

export function recommendationJson(product: RecommendedProduct) {
  return {
    item_id: product.itemId,
    product_id: product.id,
    name: product.name,
    price_cents: product.itemPriceCents,
    currency: product.currency,
    slug: product.slug,
    image_url: product.image?.url ?? null,
    reason: product.source,
  };
}
