import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumb } from '@/components/catalog/breadcrumb';
import { ProductView } from '@/components/catalog/product-view';
import { Container } from '@/components/ui/container';
import { getProductBySlug } from '@/lib/catalog/cached';
import { maxLineQuantity } from '@/lib/cart/limits';
import { lowStockThreshold } from '@/lib/catalog/stock-label';

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  return product ? { title: product.name, description: product.description } : { title: 'Not found' };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const product = await getProductBySlug((await params).slug);
  if (!product) notFound();
  const variant = (await searchParams).variant;

  return (
    <Container className="py-8">
      <Breadcrumb
        trail={product.breadcrumb.map((crumb) => ({ href: `/categories/${crumb.slug}`, label: crumb.name }))}
        current={product.name}
      />
      <div className="mt-6">
        <ProductView
          product={product}
          lowStockThreshold={lowStockThreshold()}
          maxQuantity={maxLineQuantity()}
          initialVariantId={typeof variant === 'string' ? variant : undefined}
        />
      </div>
    </Container>
  );
}
