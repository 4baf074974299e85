import { eq } from 'drizzle-orm';
import { notFound } from 'next/navigation';
import { WaitingRoom } from '@/components/flash/waiting-room';
import { Container } from '@/components/ui/container';
import { getDb } from '@/db/client';
import { productVariants, products } from '@/db/schema';
import { idSchema } from '@/lib/api/ids';
import { findFlashSale } from '@/lib/flash/sales';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Waiting room' };

export default async function QueuePage({ params }: { params: Promise<{ sale_id: string }> }) {
  const id = idSchema.safeParse((await params).sale_id);
  const sale = id.success ? await findFlashSale(getDb(), id.data) : null;
  if (!sale) notFound();
  const [item] = await getDb()
    .select({ slug: products.slug, name: products.name, title: productVariants.title })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(productVariants.id, sale.variantId));
  if (!item) notFound();
  const productName = item.title && item.title !== 'Standard' ? `${item.name} (${item.title})` : item.name;

  return (
    <Container className="max-w-2xl py-12">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-600">Flash sale</p>
      <h1 className="mt-1 text-3xl font-bold tracking-tight">{sale.name}</h1>
      <p className="mt-2 text-slate-600">
        To keep it fair, everyone waits in one line and is let through a few at a time. At most {sale.maxPerOrder} per shopper, over all your orders in this sale.
      </p>
      <div className="mt-8">
        <WaitingRoom saleId={sale.id} productHref={`/products/${item.slug}?variant=${sale.variantId}`} productName={productName} />
      </div>
    </Container>
  );
}
