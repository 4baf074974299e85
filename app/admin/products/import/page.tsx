import Link from 'next/link';
import { CsvImport } from '@/components/admin/products/csv-import';
import { getDb } from '@/db/client';
import { warehouseOptions } from '@/lib/catalog/admin-products';
import { BASE_COLUMNS, toCsv } from '@/lib/catalog/csv';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Import products' };

const COLUMNS: { name: string; required?: boolean; text: string }[] = [
  { name: 'product_slug', required: true, text: 'The product’s address, e.g. linen-shirt. Rows with the same slug are variants of one product; a new slug creates a product.' },
  { name: 'name', required: true, text: 'Product name (the same on every row of a product).' },
  { name: 'brand', text: 'Blank keeps the current brand.' },
  { name: 'category_slug', required: true, text: 'A category slug, e.g. t-shirts.' },
  { name: 'status', text: 'draft, active or archived. Blank: draft for a new product, unchanged otherwise.' },
  { name: 'description', text: 'Blank keeps the current description.' },
  { name: 'sku', required: true, text: 'One row per SKU. A known SKU is updated; a new one is added.' },
  { name: 'color, size', text: 'The variant’s options. Blank means none.' },
  { name: 'price_cents', required: true, text: 'Whole cents: 1999 for 19.99.' },
  { name: 'currency', text: 'USD when blank.' },
  { name: 'stock_<code>', text: 'Units on hand in that warehouse. Blank leaves the stock as it is; never below what open orders reserved.' },
];

export default async function ImportProductsPage() {
  await requireStaff('/admin/products/import');
  const warehouses = await warehouseOptions(getDb());
  const template = toCsv([
    [...BASE_COLUMNS, ...warehouses.map((w) => `stock_${w.code}`)],
    ['linen-shirt', 'Linen Shirt', 'Northwind', 't-shirts', 'draft', 'A breathable summer shirt.', 'LIN-SAND-M', 'Sand', 'M', '4900', 'USD', ...warehouses.map((_, i) => (i === 0 ? '10' : '0'))],
  ]);
  return (
    <div className="mx-auto max-w-4xl">
      <Link href="/admin/products" className="text-sm font-medium text-slate-600 hover:text-slate-900">
        ← Products
      </Link>
      <h1 className="mt-2 text-2xl font-bold tracking-tight text-slate-900">Import products</h1>
      <p className="mt-1 text-sm text-slate-600">
        Add and update products, variants, prices and stock from a spreadsheet. <strong className="font-semibold text-slate-900">All-or-nothing:</strong> if any row has a
        problem, nothing is imported, and you get the list of problems by row.
      </p>
      <div className="mt-4 flex flex-wrap gap-2 text-sm">
        <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(template)}`} download="stockwise-template.csv" className="font-medium text-brand-600 hover:underline">
          Download a template
        </a>
        <span aria-hidden className="text-slate-400">·</span>
        <a href="/admin/products/export" download className="font-medium text-brand-600 hover:underline">
          Export the current catalog
        </a>
        <span className="text-slate-500">(edit it and import it back)</span>
      </div>

      <div className="mt-6">
        <CsvImport />
      </div>

      <details className="mt-6 rounded-xl border border-slate-200 bg-white">
        <summary className="cursor-pointer px-4 py-3 font-semibold text-slate-900 sm:px-5">Columns</summary>
        <div className="overflow-x-auto border-t border-slate-100">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <tbody className="divide-y divide-slate-100">
              {COLUMNS.map((c) => (
                <tr key={c.name}>
                  <th scope="row" className="whitespace-nowrap px-4 py-2 align-top font-mono text-xs font-medium text-slate-900 sm:px-5">
                    {c.name}
                    {c.required && <span className="ml-1 font-sans text-red-700">*</span>}
                  </th>
                  <td className="px-4 py-2 text-slate-700">{c.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="px-4 py-3 text-xs text-slate-500 sm:px-5">
            * required. Warehouses: {warehouses.map((w) => `${w.code} (${w.name})`).join(', ')}. Cells starting with =, +, - or @ are exported with a leading ' so spreadsheets never run them; the ' is removed on import.
          </p>
        </div>
      </details>
    </div>
  );
}
