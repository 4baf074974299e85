import Link from 'next/link';
import { deleteSupplierAction, deleteWarehouseAction, makeDefaultWarehouseAction } from '@/app/actions/admin-suppliers';
import { Card, EmptyState, Notice, PageHeader, Pill, cell } from '@/components/admin/orders/dashboard-ui';
import { firstParam } from '@/components/admin/orders/format';
import { RowActionButton } from '@/components/admin/suppliers/row-action-button';
import { SupplierForm } from '@/components/admin/suppliers/supplier-form';
import { WarehouseForm } from '@/components/admin/suppliers/warehouse-form';
import { getDb } from '@/db/client';
import { listSuppliers, listWarehousesWithStock } from '@/lib/inventory/suppliers';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Suppliers & warehouses' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const n = (value: number) => value.toLocaleString('en-US');

export default async function SuppliersPage({ searchParams }: Props) {
  const params = await searchParams;
  await requireStaff('/admin/suppliers');
  const db = getDb();
  const [suppliers, warehouses] = await Promise.all([listSuppliers(db), listWarehousesWithStock(db)]);
  const editSupplier = suppliers.find((s) => s.id === firstParam(params.supplier));
  const editWarehouse = warehouses.find((w) => w.id === firstParam(params.warehouse));
  const saved = firstParam(params.saved);

  return (
    <>
      <PageHeader
        title="Suppliers & warehouses"
        description="Where your stock lives and who fills it. Orders take units from warehouses in priority order; stock added without a warehouse goes to the default one."
      />
      {saved && !editSupplier && !editWarehouse && (
        <Notice tone="success" className="mb-6">
          {saved} is saved.
        </Notice>
      )}

      <h2 className="sr-only">Warehouses</h2>
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <Card title={`Warehouses (${warehouses.length})`} id="warehouses" flush className="xl:order-1">
          {warehouses.length === 0 ? (
            <EmptyState title="No warehouses yet">Add the place your stock is kept. The first warehouse becomes the default.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className={cell.table} data-testid="warehouses-table">
                <thead className={cell.head}>
                  <tr>
                    <th scope="col" className={cell.th}>
                      Warehouse
                    </th>
                    <th scope="col" className={`${cell.th} hidden md:table-cell`}>
                      Run by
                    </th>
                    <th scope="col" className={`${cell.th} hidden text-right lg:table-cell`}>
                      Priority
                    </th>
                    <th scope="col" className={`${cell.th} hidden text-right sm:table-cell`}>
                      On hand
                    </th>
                    <th scope="col" className={`${cell.th} hidden text-right sm:table-cell`}>
                      Reserved
                    </th>
                    <th scope="col" className={`${cell.th} hidden text-right lg:table-cell`}>
                      SKUs
                    </th>
                    <th scope="col" className={`${cell.th} text-right`}>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {warehouses.map((w) => (
                    <tr key={w.id} className={`${cell.row} ${editWarehouse?.id === w.id ? 'bg-brand-50/60' : ''}`} data-testid="warehouse-row" data-code={w.code}>
                      <td className={cell.td}>
                        <p className="flex flex-wrap items-center gap-2">
                          <span className="font-mono font-semibold text-slate-900">{w.code}</span>
                          {w.isDefault && <Pill tone="indigo">Default</Pill>}
                        </p>
                        <p className="mt-0.5 text-slate-600">{w.name}</p>
                        <p className="mt-0.5 text-xs text-slate-500 md:hidden">{w.supplierName ?? 'No supplier'}</p>
                        <p className="mt-0.5 text-xs text-slate-500 sm:hidden">
                          {n(w.units.onHand)} on hand · {n(w.units.reserved)} reserved
                        </p>
                      </td>
                      <td className={`${cell.td} hidden text-slate-700 md:table-cell`}>{w.supplierName ?? <span className="text-slate-400">No supplier</span>}</td>
                      <td className={`${cell.num} hidden text-slate-700 lg:table-cell`}>{w.priority}</td>
                      <td className={`${cell.num} hidden text-slate-900 sm:table-cell`}>{n(w.units.onHand)}</td>
                      <td className={`${cell.num} hidden text-slate-700 sm:table-cell`}>{n(w.units.reserved)}</td>
                      <td className={`${cell.num} hidden text-slate-700 lg:table-cell`}>{n(w.units.skus)}</td>
                      <td className={`${cell.td} text-right`}>
                        <span className="flex flex-wrap items-start justify-end gap-1">
                          <Link href={`/admin/suppliers?warehouse=${w.id}`} aria-label={`Edit ${w.code}`} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50">
                            Edit
                          </Link>
                          {!w.isDefault && (
                            <RowActionButton action={makeDefaultWarehouseAction} id={w.id} label="Make default" pendingLabel="Saving…" accessibleLabel={`Make ${w.code} the default`} />
                          )}
                          {!w.isDefault && w.units.onHand === 0 && (
                            <RowActionButton action={deleteWarehouseAction} id={w.id} label="Delete" pendingLabel="Deleting…" accessibleLabel={`Delete ${w.code}`} confirm={`Delete ${w.code}?`} danger />
                          )}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={editWarehouse ? `Edit ${editWarehouse.code}` : 'Add a warehouse'} id="warehouse-form" className={`${editWarehouse ? 'order-first' : ''} xl:order-2`}>
          <WarehouseForm
            key={editWarehouse?.id ?? 'new'}
            suppliers={suppliers.map((s) => ({ id: s.id, name: s.name }))}
            initial={
              editWarehouse
                ? { id: editWarehouse.id, code: editWarehouse.code, name: editWarehouse.name, supplierId: editWarehouse.supplierId ?? '', priority: String(editWarehouse.priority), isDefault: editWarehouse.isDefault }
                : undefined
            }
          />
        </Card>
      </div>

      <h2 className="sr-only">Suppliers</h2>
      <div className="mt-8 grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <Card title={`Suppliers (${suppliers.length})`} id="suppliers" flush className="xl:order-1" description="Their systems can read the stock of the warehouses they run through the REST API.">
          {suppliers.length === 0 ? (
            <EmptyState title="No suppliers yet">Add the companies that stock your warehouses, then pick them on each warehouse.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className={cell.table} data-testid="suppliers-table">
                <thead className={cell.head}>
                  <tr>
                    <th scope="col" className={cell.th}>
                      Supplier
                    </th>
                    <th scope="col" className={`${cell.th} hidden md:table-cell`}>
                      Warehouses
                    </th>
                    <th scope="col" className={`${cell.th} hidden text-right sm:table-cell`}>
                      On hand
                    </th>
                    <th scope="col" className={`${cell.th} hidden text-right lg:table-cell`}>
                      SKUs
                    </th>
                    <th scope="col" className={`${cell.th} text-right`}>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {suppliers.map((s) => (
                    <tr key={s.id} className={`${cell.row} ${editSupplier?.id === s.id ? 'bg-brand-50/60' : ''}`} data-testid="supplier-row">
                      <td className={cell.td}>
                        <p className="font-medium text-slate-900">{s.name}</p>
                        {(s.email || s.phone) && (
                          <p className="mt-0.5 break-all text-slate-600">
                            {s.email && (
                              <a href={`mailto:${s.email}`} className="hover:underline">
                                {s.email}
                              </a>
                            )}
                            {s.email && s.phone && ' · '}
                            {s.phone}
                          </p>
                        )}
                        <p className="mt-0.5 text-xs text-slate-500 md:hidden">
                          {s.warehouseCodes.length ? s.warehouseCodes.join(', ') : 'No warehouse'}
                          <span className="sm:hidden"> · {n(s.units.onHand)} on hand</span>
                        </p>
                      </td>
                      <td className={`${cell.td} hidden md:table-cell`}>
                        {s.warehouseCodes.length ? (
                          <span className="font-mono text-slate-700">{s.warehouseCodes.join(', ')}</span>
                        ) : (
                          <span className="text-slate-400">None</span>
                        )}
                      </td>
                      <td className={`${cell.num} hidden text-slate-900 sm:table-cell`}>
                        {n(s.units.onHand)}
                        {s.units.reserved > 0 && <span className="block text-xs text-slate-500">{n(s.units.reserved)} reserved</span>}
                      </td>
                      <td className={`${cell.num} hidden text-slate-700 lg:table-cell`}>{n(s.units.skus)}</td>
                      <td className={`${cell.td} text-right`}>
                        <span className="flex flex-wrap items-start justify-end gap-1">
                          <Link href={`/admin/suppliers?supplier=${s.id}`} aria-label={`Edit ${s.name}`} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50">
                            Edit
                          </Link>
                          {s.warehouseCount === 0 && (
                            <RowActionButton action={deleteSupplierAction} id={s.id} label="Delete" pendingLabel="Deleting…" accessibleLabel={`Delete ${s.name}`} confirm={`Delete ${s.name}?`} danger />
                          )}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={editSupplier ? `Edit ${editSupplier.name}` : 'Add a supplier'} id="supplier-form" className={`${editSupplier ? 'order-first' : ''} xl:order-2`}>
          <SupplierForm key={editSupplier?.id ?? 'new'} initial={editSupplier ? { id: editSupplier.id, name: editSupplier.name, email: editSupplier.email, phone: editSupplier.phone } : undefined} />
          {editSupplier && (
            <div className="mt-5 border-t border-slate-100 pt-4 text-sm">
              <p className="font-medium text-slate-900">Stock API for this supplier</p>
              <p className="mt-1 text-slate-600">With a merchant API key, their system can read the stock of the warehouses they run:</p>
              <code className="mt-2 block break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800">GET /api/v1/suppliers/{editSupplier.id}/inventory</code>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
