import { getDb } from '@/db/client';
import { storeOverview } from '@/lib/analytics/overview';
import { lowStockThreshold } from '@/lib/catalog/stock-label';

export default async function DashboardPage() {
  const threshold = lowStockThreshold();
  const overview = await storeOverview(getDb(), threshold);
  const orders = Object.values(overview.ordersByStatus).reduce((sum, n) => sum + n, 0);
  const cards = [
    { label: 'Active products', value: overview.activeProducts },
    { label: 'Variants for sale', value: overview.variants },
    { label: `Low stock (≤ ${threshold})`, value: overview.lowStockVariants },
    { label: 'Sold out', value: overview.soldOutVariants },
    { label: 'Units available', value: overview.unitsAvailable },
    { label: 'Units reserved by open orders', value: overview.unitsReserved },
    { label: 'Orders', value: orders },
    { label: 'Customers', value: overview.customers },
  ];
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Dashboard</h1>
      <dl className="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        {cards.map((card) => (
          <div key={card.label} className="rounded-xl border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">{card.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{card.value.toLocaleString('en-US')}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
