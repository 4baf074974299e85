'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { bulkOrderAction } from '@/app/actions/admin-orders';
import { sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';
import { OrderStatusBadge } from '@/components/orders/status-badge';
import { buttonStyles } from '@/components/ui/button-styles';
import type { BulkOrderResult } from '@/lib/orders/admin-orders';
import type { OrderStatus } from '@/lib/orders/status';
import type { ActionResult } from '@/lib/session/action-result';
import { cell } from './dashboard-ui';

export type OrderRowView = {
  id: string;
  number: number;
  status: OrderStatus;
  total: string;
  placed: string;
  placedIso: string;
  email: string;
  customerName: string | null;
  itemCount: number;
  flaggedReason: string | null;
  archived?: boolean;
};

type BulkAction = 'process' | 'deliver' | 'cancel';
const ACTIONS: { value: BulkAction; label: string }[] = [
  { value: 'process', label: 'Mark as processing' },
  { value: 'deliver', label: 'Mark as delivered' },
  { value: 'cancel', label: 'Cancel (paid orders are refunded)' },
];
const OFFLINE = 'We couldn’t reach the shop. Check your connection and try again.';

/**
 * The order list with a checkbox per order and actions for the selected ones.
 * Each selected order is handled on its own; the result names the ones that
 * could not be changed and why.
 */
export function OrdersTable({ rows }: { rows: OrderRowView[] }) {
  const hydrated = useHydrated();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<BulkAction>('process');
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<ActionResult<BulkOrderResult> | { ok: false; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const allRef = useRef<HTMLInputElement>(null);

  // Only orders still on this page stay selected (after a filter, a page change or a refresh).
  const ids = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const chosen = [...selected].filter((id) => ids.has(id));
  const count = chosen.length;
  const allChosen = rows.length > 0 && count === rows.length;

  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = count > 0 && !allChosen;
  }, [count, allChosen]);

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected(allChosen ? new Set() : new Set(rows.map((r) => r.id)));

  const run = () => {
    setConfirming(false);
    setResult(null);
    startTransition(async () => {
      try {
        const answer = await bulkOrderAction({ orderIds: chosen, action });
        setResult(answer);
        if (answer.ok) setSelected(new Set(answer.data.results.filter((r) => !r.ok).map((r) => r.orderId)));
      } catch {
        setResult({ ok: false, message: OFFLINE });
      }
    });
  };

  const apply = () => (action === 'cancel' ? setConfirming(true) : run());

  return (
    <div>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-3 py-3 sm:px-4" data-testid="bulk-bar">
        <p className="mr-auto text-sm text-slate-700" aria-live="polite">
          {count === 0 ? 'Select orders to update several at once.' : `${count} selected`}
        </p>
        <label htmlFor="bulk-action" className="sr-only">
          Action for the selected orders
        </label>
        <select
          id="bulk-action"
          value={action}
          onChange={(e) => {
            setAction(e.target.value as BulkAction);
            setConfirming(false);
          }}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 sm:flex-none"
        >
          {ACTIONS.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={apply} disabled={!hydrated || count === 0 || pending} className={`${buttonStyles.primary} px-4 py-2`} data-testid="bulk-apply">
          {pending ? 'Working…' : count > 0 ? `Apply to ${count}` : 'Apply'}
        </button>
      </div>

      {confirming && (
        <div role="group" aria-labelledby="bulk-cancel-question" className="border-b border-red-200 bg-red-50 px-4 py-3 text-sm text-red-950">
          <p id="bulk-cancel-question" className="font-semibold">
            Cancel {count} {count === 1 ? 'order' : 'orders'}?
          </p>
          <p className="mt-0.5 text-red-900">Paid orders are refunded in full and every item goes back on sale. This can’t be undone.</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="button" onClick={run} className="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800" data-testid="bulk-confirm-cancel">
              Yes, cancel {count === 1 ? 'it' : `${count} orders`}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className={buttonStyles.secondary}>
              Keep them
            </button>
          </div>
        </div>
      )}

      {result && (
        <div
          role={result.ok && !('data' in result && result.data?.failed) ? 'status' : 'alert'}
          className={`border-b px-4 py-3 text-sm ${result.ok ? (result.data?.failed ? 'border-amber-200 bg-amber-50 text-amber-950' : 'border-emerald-200 bg-emerald-50 text-emerald-900') : 'border-red-200 bg-red-50 text-red-900'}`}
          data-testid="bulk-result"
        >
          <p className="font-medium">{sentence(result.message ?? '')}</p>
          {result.ok && result.data.failed > 0 && (
            <ul className="mt-2 space-y-1">
              {result.data.results
                .filter((r) => !r.ok)
                .map((r) => (
                  <li key={r.orderId} data-testid="bulk-failure" data-code={r.ok ? undefined : r.code}>
                    {r.number ? (
                      <Link href={`/admin/orders/${r.orderId}`} className="font-semibold underline-offset-2 hover:underline">
                        #{r.number}
                      </Link>
                    ) : (
                      <span className="font-mono text-xs">{r.orderId}</span>
                    )}
                    : {r.ok ? '' : sentence(r.message)}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}

      <div className="overflow-x-auto">
        <table className={cell.table} data-testid="orders-table">
          <thead className={cell.head}>
            <tr>
              <th scope="col" className="w-10 py-2.5 pl-3 pr-1 sm:pl-4">
                <input
                  ref={allRef}
                  type="checkbox"
                  checked={allChosen}
                  onChange={toggleAll}
                  disabled={!hydrated || rows.length === 0}
                  aria-label="Select every order on this page"
                  className="size-4 rounded border-slate-300"
                />
              </th>
              <th scope="col" className={cell.th}>
                Order
              </th>
              <th scope="col" className={`${cell.th} hidden md:table-cell`}>
                Customer
              </th>
              <th scope="col" className={`${cell.th} hidden lg:table-cell`}>
                Placed
              </th>
              <th scope="col" className={`${cell.th} hidden text-right lg:table-cell`}>
                Items
              </th>
              <th scope="col" className={`${cell.th} hidden sm:table-cell`}>
                Status
              </th>
              <th scope="col" className={`${cell.th} hidden text-right sm:table-cell`}>
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const checked = selected.has(row.id);
              return (
                <tr key={row.id} className={`${cell.row} ${checked ? 'bg-brand-50/60' : 'hover:bg-slate-50'}`} data-testid="order-row" data-order-id={row.id} data-status={row.status}>
                  <td className="py-3 pl-3 pr-1 sm:pl-4">
                    <input
                      type="checkbox"
                      checked={checked}
                      onChange={() => toggle(row.id)}
                      disabled={!hydrated}
                      aria-label={`Select order #${row.number}`}
                      className="size-4 rounded border-slate-300"
                    />
                  </td>
                  <td className={cell.td}>
                    <Link href={`/admin/orders/${row.id}`} className="font-semibold text-brand-700 underline-offset-2 hover:underline">
                      #{row.number}
                    </Link>
                    {row.flaggedReason && (
                      <span className="ml-2 inline-flex items-center rounded-full bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800 ring-1 ring-inset ring-red-600/20" title={row.flaggedReason}>
                        Check payment
                      </span>
                    )}
                    {row.archived && (
                      <span className="ml-2 inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300" data-testid="order-archived">
                        Archived
                      </span>
                    )}
                    <p className="mt-0.5 max-w-[15rem] truncate text-slate-700 md:hidden">{row.customerName || row.email}</p>
                    <p className="mt-0.5 text-xs text-slate-500 lg:hidden">
                      <time dateTime={row.placedIso}>{row.placed}</time> · {row.itemCount} {row.itemCount === 1 ? 'item' : 'items'}
                    </p>
                    {/* On a phone, status and total sit under the order instead of in columns of their own. */}
                    <div className="mt-2 flex items-center justify-between gap-3 sm:hidden">
                      <OrderStatusBadge status={row.status} />
                      <span className="font-medium tabular-nums text-slate-900">{row.total}</span>
                    </div>
                  </td>
                  <td className={`${cell.td} hidden md:table-cell`}>
                    {row.customerName && <p className="font-medium text-slate-900">{row.customerName}</p>}
                    <p className="max-w-[18rem] truncate text-slate-600">{row.email}</p>
                  </td>
                  <td className={`${cell.td} hidden whitespace-nowrap text-slate-700 lg:table-cell`}>
                    <time dateTime={row.placedIso}>{row.placed}</time>
                  </td>
                  <td className={`${cell.num} hidden lg:table-cell`}>{row.itemCount}</td>
                  <td className={`${cell.td} hidden sm:table-cell`}>
                    <OrderStatusBadge status={row.status} />
                  </td>
                  <td className={`${cell.num} hidden font-medium text-slate-900 sm:table-cell`}>{row.total}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
