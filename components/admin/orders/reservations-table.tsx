import type { AdminOrderDetail } from '@/lib/orders/admin-orders';
import { cell, Pill } from './dashboard-ui';

const STATES: Record<string, { text: string; tone: 'amber' | 'green' | 'slate'; hint: string }> = {
  active: { text: 'Held', tone: 'amber', hint: 'held for this order until it is paid or released' },
  committed: { text: 'Sold', tone: 'green', hint: 'taken off the shelf when the order was paid' },
  released: { text: 'Released', tone: 'slate', hint: 'given back to stock' },
};

/** Which stock rows (warehouse, bucket) the order took its units from, and what became of them. */
export function ReservationsTable({ reservations }: { reservations: AdminOrderDetail['reservations'] }) {
  if (reservations.length === 0) return <p className="px-4 py-4 text-sm text-slate-600 sm:px-5">No stock was reserved for this order.</p>;
  return (
    <div className="overflow-x-auto">
      <table className={cell.table} data-testid="reservations">
        <thead className={cell.head}>
          <tr>
            <th scope="col" className={cell.th}>
              SKU
            </th>
            <th scope="col" className={cell.th}>
              Warehouse
            </th>
            <th scope="col" className={`${cell.th} text-right`}>
              Bucket
            </th>
            <th scope="col" className={`${cell.th} text-right`}>
              Units
            </th>
            <th scope="col" className={cell.th}>
              State
            </th>
          </tr>
        </thead>
        <tbody>
          {reservations.map((r) => {
            const state = STATES[r.status] ?? { text: r.status, tone: 'slate' as const, hint: '' };
            return (
              <tr key={r.id} className={cell.row} data-testid="reservation">
                <td className={`${cell.td} break-all font-mono text-xs`}>{r.sku}</td>
                <td className={cell.td}>
                  <span className="font-medium text-slate-900">{r.warehouseCode}</span>
                  <span className="hidden text-slate-500 sm:inline"> · {r.warehouseName}</span>
                </td>
                <td className={cell.num}>{r.bucket}</td>
                <td className={cell.num}>{r.quantity}</td>
                <td className={cell.td} title={state.hint}>
                  <Pill tone={state.tone}>{state.text}</Pill>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
