import Link from 'next/link';
import { ProductForm } from '@/components/admin/products/product-form';
import { getDb } from '@/db/client';
import { categoryOptions, warehouseOptions } from '@/lib/catalog/admin-products';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New product' };

export default async function NewProductPage() {
  await requireStaff('/admin/products/new');
  const [categories, warehouses] = await Promise.all([categoryOptions(getDb()), warehouseOptions(getDb())]);
  return (
    <div className="mx-auto max-w-4xl">
      <Link href="/admin/products" className="text-sm font-medium text-slate-600 hover:text-slate-900">
        ← Products
      </Link>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">New product</h1>
      <p className="mt-1 text-sm text-slate-600">Start as a draft to prepare it quietly, or make it active to sell it right away.</p>
      <div className="mt-6">
        <ProductForm categories={categories} warehouses={warehouses} />
      </div>
    </div>
  );
}
