import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ImageManager } from '@/components/admin/products/image-manager';
import { Notice } from '@/components/admin/products/notice';
import { ProductDetailsForm } from '@/components/admin/products/product-details-form';
import { Section } from '@/components/admin/products/section';
import { StatusActions } from '@/components/admin/products/status-actions';
import { ProductStatusBadge } from '@/components/admin/products/status-badge';
import { VariantsEditor } from '@/components/admin/products/variants-editor';
import { getDb } from '@/db/client';
import { categoryOptions, getAdminProduct, type AdminProduct } from '@/lib/catalog/admin-products';
import { lowStockThreshold } from '@/lib/catalog/stock-label';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ product_id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const { product_id } = await params;
  const actor = await requireStaff(`/admin/products/${product_id}`);
  const product = await getAdminProduct(getDb(), actor, product_id);
  return { title: product ? `Edit ${product.name}` : 'Product not found' };
}

const time = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function EditProductPage({ params, searchParams }: Props) {
  const { product_id } = await params;
  const actor = await requireStaff(`/admin/products/${product_id}`);
  const [product, categories, query] = await Promise.all([getAdminProduct(getDb(), actor, product_id), categoryOptions(getDb()), searchParams]);
  if (!product) notFound();
  const threshold = lowStockThreshold();
  const onSale = product.variants.filter((v) => v.status === 'active');
  const currency = onSale[0]?.currency ?? product.variants[0]?.currency ?? 'USD';
  const colors = [...new Set(product.variants.map((v) => v.options.color).filter((c): c is string => Boolean(c)))];

  return (
    <>
      <Link href="/admin/products" className="text-sm font-medium text-slate-600 hover:text-slate-900">
        ← Products
      </Link>
      <div className="mt-2 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold tracking-tight text-slate-900">{product.name}</h1>
            <ProductStatusBadge status={product.status} size="md" />
          </div>
          <p className="mt-1 text-sm text-slate-600">
            {[product.brand, product.category.name].filter(Boolean).join(' · ')} ·{' '}
            {product.status === 'active' ? (
              <Link href={`/products/${product.slug}`} className="font-medium text-brand-600 hover:underline" target="_blank">
                View in shop ↗
              </Link>
            ) : (
              <span className="font-mono text-xs">/products/{product.slug}</span>
            )}
          </p>
        </div>
        <StatusActions productId={product.id} status={product.status} />
      </div>

      {query.created === '1' && (
        <Notice ok className="mt-4">
          Product created.{product.status === 'draft' ? ' It is a draft, hidden from the shop until you publish it.' : ''}
        </Notice>
      )}

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Section title="Variants" id="variants" description={`${onSale.length} for sale${product.variants.length > onSale.length ? `, ${product.variants.length - onSale.length} archived` : ''}. Each is one SKU with its own price and stock.`}>
            <VariantsEditor productId={product.id} variants={product.variants} warehouses={product.warehouses} currency={currency} lowStockThreshold={threshold} />
          </Section>
          <Section title="Details" id="details" description="What shoppers read on the product page.">
            <ProductDetailsForm
              productId={product.id}
              categories={categories}
              product={{ name: product.name, brand: product.brand, description: product.description, categoryId: product.category.id, attributes: product.attributes }}
            />
          </Section>
          <Section title="Images" id="images" description="The first image is shown in listings and search.">
            <ImageManager productId={product.id} images={product.images} colors={colors} />
          </Section>
        </div>
        <aside className="space-y-6">
          <StockSummary product={product} threshold={threshold} />
          <Section title="Activity" id="activity" description="Who changed what, newest first.">
            {product.activity.length === 0 ? (
              <p className="text-sm text-slate-600">No changes recorded yet.</p>
            ) : (
              <ol className="space-y-3 text-sm" data-testid="product-activity">
                {product.activity.map((entry) => (
                  <li key={entry.id} className="border-l-2 border-slate-200 pl-3">
                    <p className="text-slate-900">{describe(entry.action, entry.data)}</p>
                    <p className="text-xs text-slate-500">
                      {time.format(entry.at)} UTC{entry.actorEmail ? ` · ${entry.actorEmail}` : ''}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </aside>
      </div>
    </>
  );
}

function StockSummary({ product, threshold }: { product: AdminProduct; threshold: number }) {
  const active = product.variants.filter((v) => v.status === 'active');
  const rows = product.warehouses.map((w) => {
    const levels = active.map((v) => v.stock.find((s) => s.warehouseId === w.id)!);
    return {
      ...w,
      onHand: levels.reduce((s, l) => s + (l?.onHand ?? 0), 0),
      reserved: levels.reduce((s, l) => s + (l?.reserved ?? 0), 0),
      available: levels.reduce((s, l) => s + (l?.available ?? 0), 0),
    };
  });
  const low = active.filter((v) => v.available > 0 && v.available <= threshold).length;
  const soldOut = active.filter((v) => v.available <= 0).length;
  return (
    <Section title="Stock" id="stock" description="Variants for sale, per warehouse. Read-only here.">
      <table className="w-full text-sm" data-testid="stock-summary">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="pb-2 text-left font-medium">Warehouse</th>
            <th scope="col" className="pb-2 text-right font-medium">On hand</th>
            <th scope="col" className="pb-2 text-right font-medium">Reserved</th>
            <th scope="col" className="pb-2 text-right font-medium">Available</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="py-2 text-left font-normal">
                <span className="font-medium text-slate-900">{r.code}</span>
                <span className="block text-xs text-slate-500">{r.name}{r.isDefault ? ' · default' : ''}</span>
              </th>
              <td className="py-2 text-right tabular-nums">{r.onHand.toLocaleString('en-US')}</td>
              <td className="py-2 text-right tabular-nums">{r.reserved.toLocaleString('en-US')}</td>
              <td className="py-2 text-right font-medium tabular-nums">{r.available.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(low > 0 || soldOut > 0) && (
        <p className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {[soldOut ? `${soldOut} sold out` : '', low ? `${low} running low (≤ ${threshold})` : ''].filter(Boolean).join(', ')}.
        </p>
      )}
      <a href="/admin/inventory" className="mt-4 inline-flex text-sm font-medium text-brand-600 hover:underline">
        Adjust stock in Inventory →
      </a>
    </Section>
  );
}

function describe(action: string, data: Record<string, unknown>): string {
  const sku = typeof data.sku === 'string' ? data.sku : '';
  switch (action) {
    case 'product.created':
      return data.via === 'api' ? 'Created through the API' : 'Created';
    case 'product.updated':
      return `Details changed: ${Object.keys((data.after as Record<string, unknown>) ?? {}).map((k) => (k === 'categoryId' ? 'category' : k)).join(', ')}`;
    case 'product.published':
      return 'Published';
    case 'product.unpublished':
      return 'Unpublished (back to draft)';
    case 'product.archived':
      return 'Archived';
    case 'variant.created':
      return `Variant ${sku} added`;
    case 'variant.updated':
      return `Variant ${sku} changed: ${Object.keys((data.after as Record<string, unknown>) ?? {}).map((k) => (k === 'priceCents' ? 'price' : k)).join(', ')}`;
    case 'variant.archived':
      return `Variant ${sku} archived`;
    case 'variant.restored':
      return `Variant ${sku} restored`;
    case 'product.image_added':
      return 'Image added';
    case 'product.image_removed':
      return 'Image removed';
    case 'item.updated':
      return `Item ${sku} changed through the API`;
    default:
      return action;
  }
}
