import { trackSearch } from '@/lib/analytics/searches';
import { json, route } from '@/lib/api/http';
import { searchEngine } from '@/lib/search/engine';
import { filterStrings, parseSearchParams } from '@/lib/search/params';

/** API.md `GET /search?query=&sort=&filter=&page=&limit=`. */
export const GET = route(async (request) => {
  const search = parseSearchParams(new URL(request.url).searchParams);
  const result = await searchEngine().search(search);
  trackSearch({ query: search.query, total: result.total, page: search.page, filters: filterStrings(search.filters).length, source: 'api', correctedTo: result.didYouMean });
  return json({
    data: result.hits.map((hit) => ({
      product_id: hit.productId,
      item_id: hit.itemId,
      slug: hit.slug,
      name: hit.name,
      brand: hit.brand,
      price_cents: hit.priceCents,
      currency: hit.currency,
      category: hit.category,
      in_stock: hit.inStock,
      image_url: hit.imageUrl,
    })),
    facets: result.facets,
    page: result.page,
    limit: result.limit,
    total: result.total,
    did_you_mean: result.didYouMean,
  });
});
