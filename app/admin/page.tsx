import { getDb } from '@/db/client';
import { storeOverview } from '@/lib/analytics/overview';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { lowStockThreshold } from '@/lib/catalog/stock-label';

export default async function DashboardPage() {
  const threshold = lowStockThreshold();
  const [overview, violations] = await Promise.all([storeOverview(getDb(), threshold), checkInventoryInvariants(getDb())]);
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

      <section aria-labelledby="health-heading" className="mt-8 rounded-xl border border-slate-200 bg-white p-4" data-testid="inventory-health">
        <h2 id="health-heading" className="font-semibold text-slate-900">
          Inventory health
        </h2>
        {violations.length === 0 ? (
          <p className="mt-1 text-sm text-emerald-800">
            Every unit is accounted for: on each stock row 0 ≤ reserved ≤ on hand, and reserved equals the open orders’ reservations.
          </p>
        ) : (
          <>
            <p className="mt-1 text-sm text-red-800" role="alert">
              {violations.length} stock {violations.length === 1 ? 'row does' : 'rows do'} not add up. Investigate before adjusting stock.
            </p>
            <ul className="mt-3 space-y-1 font-mono text-xs text-slate-700">
              {violations.slice(0, 50).map((v) => (
                <li key={`${v.variantId}-${v.warehouseId}-${v.bucket}`}>
                  {v.variantId} @ {v.warehouseId} bucket {v.bucket}: on hand {v.onHand}, reserved {v.reserved}, active reservations {v.activeReservations} — {v.problem}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
