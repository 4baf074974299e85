import { inArray } from 'drizzle-orm';
import Link from 'next/link';
import { CreateFlashSaleForm } from '@/components/flash/create-flash-sale-form';
import { getDb } from '@/db/client';
import { productVariants } from '@/db/schema';
import { unitsLeft } from '@/lib/flash/line-api';
import { isOn, listFlashSales } from '@/lib/flash/sales';
import { admittedUpTo, lineLength } from '@/lib/flash/waiting-room';
import { requireStaff } from '@/lib/session/require-staff';

export const metadata = { title: 'Flash sales' };

const time = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function FlashSalesPage() {
  await requireStaff('/admin/flash-sales');
  const sales = await listFlashSales(getDb());
  const skus = sales.length
    ? new Map(
        (await getDb().select({ id: productVariants.id, sku: productVariants.sku }).from(productVariants).where(inArray(productVariants.id, sales.map((s) => s.variantId)))).map((v) => [v.id, v.sku]),
      )
    : new Map<string, string>();
  const rows = await Promise.all(
    sales.map(async (sale) => ({
      sale,
      line: await lineLength(sale).catch(() => null),
      left: await unitsLeft(sale),
    })),
  );
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Flash sales</h1>
      <p className="mt-1 text-sm text-slate-600">
        A flash sale puts one variant behind a waiting room and a stock gate, with its stock split over buckets. <Link href="/admin" className="text-brand-600 hover:underline">Back to the dashboard</Link>
      </p>
      <section className="mt-6 rounded-xl border border-slate-200 bg-white p-5">
        <h2 className="font-semibold">New flash sale</h2>
        <div className="mt-4">
          <CreateFlashSaleForm />
        </div>
      </section>
      <section className="mt-6 overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="flash-sales">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              <th className="p-3">Sale</th>
              <th className="p-3">SKU</th>
              <th className="p-3">Window (UTC)</th>
              <th className="p-3 text-right">In line</th>
              <th className="p-3 text-right">Let through</th>
              <th className="p-3 text-right">Rate /s</th>
              <th className="p-3 text-right">Units left</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="p-4 text-slate-600">
                  No flash sales yet.
                </td>
              </tr>
            )}
            {rows.map(({ sale, line, left }) => (
              <tr key={sale.id} className="border-t border-slate-100">
                <td className="p-3">
                  <Link href={`/queue/${sale.id}`} className="font-medium text-brand-600 hover:underline">
                    {sale.name}
                  </Link>
                  {isOn(sale) && <span className="ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs text-emerald-800">on now</span>}
                </td>
                <td className="p-3 font-mono text-xs">{skus.get(sale.variantId)}</td>
                <td className="p-3">{time.format(sale.startsAt)} – {time.format(sale.endsAt)}</td>
                <td className="p-3 text-right tabular-nums">{line ?? '—'}</td>
                <td className="p-3 text-right tabular-nums">{Math.min(line ?? 0, admittedUpTo(sale))}</td>
                <td className="p-3 text-right tabular-nums">{sale.admitPerSecond}</td>
                <td className="p-3 text-right tabular-nums">{left}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
