import { getDb } from '@/db/client';
import { json, route } from '@/lib/api/http';
import { parseId } from '@/lib/api/ids';
import { liveSales } from '@/lib/flash/sales';
import { productVariants } from '@/db/schema';
import { eq } from 'drizzle-orm';

/** Flash sales on (or about to start) for a product's variants: `?product=<id>`. For the product page's banner. */
export const GET = route(async (request) => {
  const productId = parseId(new URL(request.url).searchParams.get('product'), 'product');
  const variants = await getDb().select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, productId));
  const sales = await liveSales(getDb());
  const live = variants.flatMap((v) => {
    const sale = sales.get(v.id);
    return sale ? [{ saleId: sale.id, variantId: v.id, name: sale.name, startsAt: sale.startsAt.toISOString(), endsAt: sale.endsAt.toISOString() }] : [];
  });
  return json({ sales: live }, 200, { 'cache-control': 'public, max-age=5' });
});
