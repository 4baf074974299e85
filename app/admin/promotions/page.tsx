import Link from 'next/link';
import { Card, EmptyState, Notice, PageHeader, Pill, cell } from '@/components/admin/orders/dashboard-ui';
import { firstParam, formatDay, formatDayTime } from '@/components/admin/orders/format';
import { PromotionForm, type PromotionFormValues } from '@/components/admin/promotions/promotion-form';
import { TogglePromotionButton } from '@/components/admin/promotions/toggle-promotion-button';
import { getDb } from '@/db/client';
import { formatMoney } from '@/lib/money';
import { listAdminPromotions, type AdminPromotion, type PromotionState } from '@/lib/promotions/admin-promotions';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Promotions' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATES: Record<PromotionState, { text: string; tone: 'green' | 'blue' | 'slate' | 'amber' }> = {
  active: { text: 'Active', tone: 'green' },
  scheduled: { text: 'Scheduled', tone: 'blue' },
  expired: { text: 'Expired', tone: 'slate' },
  used_up: { text: 'Used up', tone: 'amber' },
  inactive: { text: 'Switched off', tone: 'slate' },
};

const dollars = (cents: number) => (cents / 100).toFixed(2);
const inputDate = (date: Date | null) => (date ? date.toISOString().slice(0, 16) : '');

function discountText(p: AdminPromotion): string {
  return p.kind === 'percent' ? `${p.value}% off` : `${formatMoney(p.value, p.currency)} off`;
}

function windowText(p: AdminPromotion): string {
  if (p.startsAt && p.endsAt) return `${formatDay(p.startsAt)} – ${formatDay(p.endsAt)}`;
  if (p.startsAt) return `From ${formatDay(p.startsAt)}`;
  if (p.endsAt) return `Until ${formatDay(p.endsAt)}`;
  return 'No end date';
}

function formValues(p: AdminPromotion): PromotionFormValues {
  return {
    id: p.id,
    code: p.code,
    description: p.description,
    kind: p.kind,
    value: p.kind === 'percent' ? String(p.value) : dollars(p.value),
    minSubtotal: p.minSubtotalCents ? dollars(p.minSubtotalCents) : '',
    startsAt: inputDate(p.startsAt),
    endsAt: inputDate(p.endsAt),
    usageLimit: p.usageLimit === null ? '' : String(p.usageLimit),
    active: p.active,
    usedCount: p.usedCount,
  };
}

function Usage({ p }: { p: AdminPromotion }) {
  if (p.usageLimit === null) return <span className="tabular-nums">{p.usedCount.toLocaleString('en-US')} used</span>;
  const share = Math.min(100, Math.round((p.usedCount / p.usageLimit) * 100));
  return (
    <span className="block min-w-24">
      <span className="tabular-nums">
        {p.usedCount.toLocaleString('en-US')} / {p.usageLimit.toLocaleString('en-US')}
      </span>
      <span aria-hidden className="mt-1 block h-1.5 overflow-hidden rounded-full bg-slate-100">
        <span className={`block h-full rounded-full ${share >= 100 ? 'bg-amber-500' : 'bg-slate-700'}`} style={{ width: `${share}%` }} />
      </span>
    </span>
  );
}

export default async function PromotionsPage({ searchParams }: Props) {
  const params = await searchParams;
  await requireStaff('/admin/promotions');
  const promotions = await listAdminPromotions(getDb());
  const editId = firstParam(params.edit);
  const editing = editId ? promotions.find((p) => p.id === editId) : undefined;
  const saved = firstParam(params.saved);
  const activeCount = promotions.filter((p) => p.state === 'active').length;

  return (
    <>
      <PageHeader
        title="Promotions"
        description={`Discount codes shoppers enter in the cart. ${activeCount} of ${promotions.length} ${promotions.length === 1 ? 'code is' : 'codes are'} accepted right now. Usage counts every order that took the code; “paid” counts only the orders that were paid.`}
      />

      {saved && !editing && (
        <Notice tone="success" className="mb-6">
          {saved} is saved.
        </Notice>
      )}
      {editId && !editing && (
        <Notice tone="error" className="mb-6">
          That promotion doesn’t exist any more. <Link href="/admin/promotions" className="font-semibold underline">Back to the list</Link>
        </Notice>
      )}

      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <Card title={`All codes (${promotions.length})`} id="codes" flush className="xl:order-1">
          {promotions.length === 0 ? (
            <EmptyState title="No promotion codes yet">Create your first code with the form: a percentage or an amount off, with optional dates and limits.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className={cell.table} data-testid="promotions-table">
                <thead className={cell.head}>
                  <tr>
                    <th scope="col" className={cell.th}>
                      Code
                    </th>
                    <th scope="col" className={`${cell.th} hidden md:table-cell`}>
                      Discount
                    </th>
                    <th scope="col" className={`${cell.th} hidden lg:table-cell`}>
                      Valid
                    </th>
                    <th scope="col" className={`${cell.th} hidden sm:table-cell`}>
                      Usage
                    </th>
                    <th scope="col" className={`${cell.th} hidden lg:table-cell text-right`}>
                      Paid orders
                    </th>
                    <th scope="col" className={`${cell.th} text-right`}>
                      <span className="sr-only">State and actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {promotions.map((p) => {
                    const state = STATES[p.state];
                    return (
                      <tr key={p.id} className={`${cell.row} ${editing?.id === p.id ? 'bg-brand-50/60' : ''}`} data-testid="promotion-row" data-code={p.code} data-state={p.state}>
                        <td className={cell.td}>
                          <p className="font-mono font-semibold text-slate-900">{p.code}</p>
                          {p.description && <p className="mt-0.5 text-slate-600">{p.description}</p>}
                          <p className="mt-0.5 text-slate-700 md:hidden">
                            {discountText(p)}
                            {p.minSubtotalCents > 0 && ` over ${formatMoney(p.minSubtotalCents, p.currency)}`}
                          </p>
                          <p className="mt-0.5 text-xs text-slate-500 lg:hidden">
                            {windowText(p)}
                            <span className="sm:hidden"> · {p.usedCount} used{p.usageLimit !== null ? ` of ${p.usageLimit}` : ''}</span>
                          </p>
                        </td>
                        <td className={`${cell.td} hidden md:table-cell`}>
                          <p className="font-medium text-slate-900">{discountText(p)}</p>
                          <p className="text-xs text-slate-500">{p.minSubtotalCents > 0 ? `Orders over ${formatMoney(p.minSubtotalCents, p.currency)}` : 'Any order'}</p>
                        </td>
                        <td className={`${cell.td} hidden text-slate-700 lg:table-cell`} title={p.startsAt || p.endsAt ? [p.startsAt && `From ${formatDayTime(p.startsAt)}`, p.endsAt && `until ${formatDayTime(p.endsAt)}`].filter(Boolean).join(' ') : undefined}>
                          {windowText(p)}
                        </td>
                        <td className={`${cell.td} hidden text-slate-700 sm:table-cell`}>
                          <Usage p={p} />
                        </td>
                        <td className={`${cell.num} hidden text-slate-700 lg:table-cell`}>
                          {p.paidOrders.toLocaleString('en-US')}
                          {p.discountGivenCents > 0 && <span className="block text-xs text-slate-500">{formatMoney(p.discountGivenCents, p.currency)} given</span>}
                        </td>
                        <td className={`${cell.td} text-right`}>
                          <Pill tone={state.tone} testId="promotion-state">
                            {state.text}
                          </Pill>
                          <span className="mt-1 flex items-center justify-end gap-1">
                            <Link href={`/admin/promotions?edit=${p.id}`} aria-label={`Edit ${p.code}`} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50">
                              Edit
                            </Link>
                            <TogglePromotionButton id={p.id} code={p.code} active={p.active} />
                          </span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Card>

        <Card title={editing ? `Edit ${editing.code}` : 'New promotion'} id="promotion-form" className={`${editing ? 'order-first' : ''} xl:order-2`}>
          <PromotionForm key={editing?.id ?? 'new'} initial={editing ? formValues(editing) : undefined} />
        </Card>
      </div>
    </>
  );
}
