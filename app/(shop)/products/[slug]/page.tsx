import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumb } from '@/components/catalog/breadcrumb';
import { ProductView } from '@/components/catalog/product-view';
import { FlashSaleBanner } from '@/components/flash/flash-sale-banner';
import { BoughtTogether } from '@/components/recommendations/bought-together';
import { Container } from '@/components/ui/container';
import { getProductBySlug } from '@/lib/catalog/cached';
import { maxLineQuantity } from '@/lib/cart/limits';
import { lowStockThreshold } from '@/lib/catalog/stock-label';

type Props = { params: Promise<{ slug: string }> };

/**
 * Product pages are cached whole (ISR): built on first visit, kept until the
 * product's cache tag is revalidated — when it is edited, or a variant's stock
 * label changes (in stock → only N left → sold out) — or for an hour at most.
 * The chosen variant (?variant=) is read in the browser, so one page serves all.
 */
export const revalidate = 3600;
export const dynamicParams = true;
export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  return product ? { title: product.name, description: product.description } : { title: 'Not found' };
}

export default async function ProductPage({ params }: Props) {
  const product = await getProductBySlug((await params).slug);
  if (!product) notFound();

  return (
    <Container className="py-8">
      <Breadcrumb
        trail={product.breadcrumb.map((crumb) => ({ href: `/categories/${crumb.slug}`, label: crumb.name }))}
        current={product.name}
      />
      <div className="mt-6">
        <FlashSaleBanner productId={product.id} />
        <ProductView
          product={product}
          lowStockThreshold={lowStockThreshold()}
          maxQuantity={maxLineQuantity()}
        />
      </div>
      <div className="mt-16">
        <BoughtTogether productId={product.id} />
      </div>
    </Container>
  );
}
