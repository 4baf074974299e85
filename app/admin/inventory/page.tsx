import Link from 'next/link';
import { StockRowActions } from '@/components/admin/inventory/stock-row-actions';
import { Pagination } from '@/components/catalog/pagination';
import { inputStyles } from '@/components/account/form-field';
import { buttonStyles } from '@/components/ui/button-styles';
import { getDb } from '@/db/client';
import { lowStockThreshold } from '@/lib/catalog/stock-label';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { stockTable, type StockRow } from '@/lib/inventory/admin-inventory';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Inventory' };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InventoryPage({ searchParams }: Props) {
  const actor = await requireStaff('/admin/inventory');
  const params = await searchParams;
  const search = typeof params.q === 'string' ? params.q.slice(0, 100) : '';
  const lowOnly = params.low === '1';
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const [table, violations] = await Promise.all([
    stockTable(getDb(), actor, { search, low: lowOnly ? lowStockThreshold() : null, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    checkInventoryInvariants(getDb()),
  ]);

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Inventory</h1>
          <p className="mt-1 text-sm text-slate-600">On hand, reserved by open orders, and available — per variant and warehouse. Every change is recorded.</p>
        </div>
        <form method="get" className="flex flex-wrap items-center gap-2" role="search">
          <label htmlFor="inventory-search" className="sr-only">
            Search by SKU or product
          </label>
          <input id="inventory-search" name="q" defaultValue={search} placeholder="SKU or product" className={`${inputStyles} w-56`} />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="low" value="1" defaultChecked={lowOnly} /> Low and sold out only
          </label>
          <button type="submit" className={buttonStyles.secondary}>
            Filter
          </button>
        </form>
      </div>

      <section aria-labelledby="health" className={`mt-6 rounded-xl border p-4 ${violations.length ? 'border-red-200 bg-red-50' : 'border-emerald-200 bg-emerald-50'}`} data-testid="inventory-health">
        <h2 id="health" className="text-sm font-semibold">
          Inventory health
        </h2>
        <p className="text-sm">
          {violations.length === 0
            ? 'Every unit is accounted for: 0 ≤ reserved ≤ on hand on every row, and reserved equals the open orders’ reservations.'
            : `${violations.length} stock rows do not add up — see the overview for details.`}
        </p>
      </section>

      {table.rows.length === 0 && (
        <p className="mt-6 rounded-xl border border-slate-200 bg-white p-6 text-center text-slate-600">
          Nothing matches.{' '}
          <Link href="/admin/inventory" className="text-brand-600 hover:underline">
            Show all stock
          </Link>
        </p>
      )}

      {/* Phones: one card per stock row. */}
      <ul className="mt-6 space-y-3 sm:hidden" aria-label="Stock">
        {table.rows.map((row) => (
          <li key={`${row.variantId}-${row.warehouseId}`} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="stock-row">
            <div className="flex items-start justify-between gap-3">
              <div>
                <p className="font-medium">
                  {row.productName} <span className="font-normal text-slate-500">{row.variantTitle !== 'Standard' ? row.variantTitle : ''}</span>
                </p>
                <p className="font-mono text-xs text-slate-600">
                  {row.sku} · {row.warehouseCode}
                </p>
              </div>
              <Available row={row} />
            </div>
            <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">On hand</dt>
                <dd className="tabular-nums" data-testid="on-hand">{row.onHand}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Reserved</dt>
                <dd className="tabular-nums">{row.reserved}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Buckets</dt>
                <dd className="tabular-nums">{row.buckets || '—'}</dd>
              </div>
            </dl>
            <div className="mt-2">
              <StockRowActions variantId={row.variantId} warehouseId={row.warehouseId} sku={row.sku} warehouseCode={row.warehouseCode} onHand={row.onHand} buckets={row.buckets} />
            </div>
          </li>
        ))}
      </ul>

      {/* Wider screens: the table. */}
      {table.rows.length > 0 && (
        <div className="mt-6 hidden overflow-x-auto rounded-xl border border-slate-200 bg-white sm:block">
          <table className="w-full text-left text-sm" data-testid="stock-table">
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="p-3">SKU</th>
                <th className="p-3">Product</th>
                <th className="p-3">Warehouse</th>
                <th className="p-3 text-right">On hand</th>
                <th className="p-3 text-right">Reserved</th>
                <th className="p-3 text-right">Available</th>
                <th className="p-3 text-right">Buckets</th>
                <th className="p-3 text-right">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={`${row.variantId}-${row.warehouseId}`} className="border-t border-slate-100 align-top" data-testid="stock-row">
                  <td className="p-3 font-mono text-xs">{row.sku}</td>
                  <td className="p-3">
                    {row.productName} <span className="text-slate-500">{row.variantTitle !== 'Standard' ? row.variantTitle : ''}</span>
                  </td>
                  <td className="p-3">{row.warehouseCode}</td>
                  <td className="p-3 text-right tabular-nums" data-testid="on-hand">{row.onHand}</td>
                  <td className="p-3 text-right tabular-nums">{row.reserved}</td>
                  <td className="p-3 text-right">
                    <Available row={row} bare />
                  </td>
                  <td className="p-3 text-right tabular-nums">{row.buckets || '—'}</td>
                  <td className="p-3">
                    <StockRowActions variantId={row.variantId} warehouseId={row.warehouseId} sku={row.sku} warehouseCode={row.warehouseCode} onHand={row.onHand} buckets={row.buckets} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page}
        pageCount={Math.max(1, Math.ceil(table.total / PAGE_SIZE))}
        basePath="/admin/inventory"
        params={Object.fromEntries([...(search ? [['q', search]] : []), ...(lowOnly ? [['low', '1']] : [])])}
      />
    </>
  );
}

/** Available units, coloured when low or gone. */
function Available({ row, bare = false }: { row: StockRow; bare?: boolean }) {
  const tone = row.available <= 0 ? 'text-red-700' : row.available <= lowStockThreshold() ? 'text-amber-700' : 'text-slate-900';
  return <span className={`tabular-nums font-medium ${tone}`}>{row.available <= 0 ? 'sold out' : bare ? row.available : `${row.available} available`}</span>;
}
