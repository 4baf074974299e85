import Link from 'next/link';
import { SalesChart } from '@/components/admin/sales-chart';
import { getDb } from '@/db/client';
import { awaitingFulfilment, flaggedPayments, funnel, salesByDay, stockAlerts, topProducts } from '@/lib/analytics/dashboard';
import { storeOverview } from '@/lib/analytics/overview';
import { topSearches, zeroResultSearches, type SearchTerm } from '@/lib/analytics/searches';
import { lowStockThreshold } from '@/lib/catalog/stock-label';
import { checkInventoryInvariants } from '@/lib/inventory/health';
import { formatMoney } from '@/lib/money';
import { boughtTogetherStatus } from '@/lib/recommendations/bought-together';
import { describeFreshness } from '@/lib/recommendations/freshness';
import { requireStaff } from '@/lib/session/require-staff';

export const dynamic = 'force-dynamic';

const DAYS = 30;

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4" data-testid={testId}>
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export default async function DashboardPage() {
  await requireStaff('/admin');
  const threshold = lowStockThreshold();
  const db = getDb();
  const [overview, violations, sales, steps, top, alerts, waiting, flagged, searches, fruitless, recommendations] = await Promise.all([
    storeOverview(db, threshold),
    checkInventoryInvariants(db),
    salesByDay(db, DAYS),
    funnel(db, DAYS),
    topProducts(db, DAYS),
    stockAlerts(db, threshold),
    awaitingFulfilment(db),
    flaggedPayments(db),
    topSearches(db, DAYS),
    zeroResultSearches(db, DAYS),
    boughtTogetherStatus(db),
  ]);
  const revenue = sales.reduce((s, d) => s + d.revenueCents, 0);
  const orders = sales.reduce((s, d) => s + d.orders, 0);
  const cards = [
    { label: `Revenue, ${DAYS} days`, value: formatMoney(revenue, 'USD') },
    { label: `Orders, ${DAYS} days`, value: orders.toLocaleString('en-US') },
    { label: 'Waiting to ship', value: String((overview.ordersByStatus.confirmed ?? 0) + (overview.ordersByStatus.processing ?? 0)) },
    { label: `Low stock (≤ ${threshold}) / sold out`, value: `${overview.lowStockVariants} / ${overview.soldOutVariants}` },
  ];
  const funnelSteps = [
    { label: 'Product views', value: steps.views },
    { label: 'Carts', value: steps.carts },
    { label: 'Checkouts', value: steps.checkouts },
    { label: 'Orders', value: steps.orders },
    { label: 'Paid', value: steps.paid },
  ];
  const widest = Math.max(1, ...funnelSteps.map((s) => s.value));

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Overview</h1>
      <dl className="mt-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        {cards.map((card) => (
          <div key={card.label} className="rounded-xl border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">{card.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{card.value}</dd>
          </div>
        ))}
      </dl>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title={`Revenue per day (paid orders, last ${DAYS} days)`} testId="overview-sales">
            <SalesChart days={sales} currency="USD" />
          </Card>
        </div>
        <Card title={`Conversion, last ${DAYS} days`} testId="overview-funnel">
          <ol className="space-y-2">
            {funnelSteps.map((step) => (
              <li key={step.label} className="text-sm">
                <div className="flex justify-between">
                  <span>{step.label}</span>
                  <span className="tabular-nums font-medium">{step.value.toLocaleString('en-US')}</span>
                </div>
                <div className="mt-1 h-2 rounded bg-slate-100">
                  <div className="h-2 rounded bg-brand-600" style={{ width: `${(step.value / widest) * 100}%` }} />
                </div>
              </li>
            ))}
          </ol>
        </Card>
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="Waiting for fulfilment" testId="overview-waiting">
          {waiting.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing to pack right now.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {waiting.map((o) => (
                <li key={o.id} className="flex justify-between py-2">
                  <Link href={`/admin/orders/${o.id}`} className="font-medium text-brand-600 hover:underline">
                    #{o.number}
                  </Link>
                  <span className="text-slate-600">{o.email}</span>
                  <span className="tabular-nums">{formatMoney(o.total_cents, o.currency)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Top products" testId="overview-top">
          {top.length === 0 ? (
            <p className="text-sm text-slate-600">No paid orders yet.</p>
          ) : (
            <ol className="divide-y divide-slate-100 text-sm">
              {top.map((p) => (
                <li key={p.product_id} className="flex justify-between py-2">
                  <span>{p.name}</span>
                  <span className="tabular-nums text-slate-600">
                    {p.units} sold · {formatMoney(p.revenue, 'USD')}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title="Low stock and sold out" testId="overview-stock">
          <ul className="divide-y divide-slate-100 text-sm">
            {alerts.map((a) => (
              <li key={a.variant_id} className="flex justify-between py-2">
                <span>
                  <span className="font-mono text-xs">{a.sku}</span> {a.name}
                </span>
                <span className={`tabular-nums ${a.available <= 0 ? 'text-red-700' : 'text-amber-700'}`}>{a.available <= 0 ? 'sold out' : `${a.available} left`}</span>
              </li>
            ))}
          </ul>
          <Link href="/admin/inventory?low=1" className="mt-2 inline-block text-sm text-brand-600 hover:underline">
            All low stock →
          </Link>
        </Card>
        <Card title="Flagged payments" testId="overview-flagged">
          {flagged.length === 0 ? (
            <p className="text-sm text-slate-600">No payment needs a look.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {flagged.map((f) => (
                <li key={f.order_id} className="py-2">
                  <Link href={`/admin/orders/${f.order_id}`} className="font-medium text-brand-600 hover:underline">
                    #{f.number}
                  </Link>{' '}
                  <span className="text-slate-700">{f.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card title={`Top searches, last ${DAYS} days`} testId="overview-searches">
          <SearchList terms={searches} empty="No searches yet." />
        </Card>
        <Card title={`Searches with no results, last ${DAYS} days`} testId="overview-zero-searches">
          <SearchList terms={fruitless} empty="Every search found something." />
        </Card>
        <Card title="Recommendations" testId="overview-recommendations">
          <p className="text-sm text-slate-700">“Bought together” on product pages and in the cart, and “Recommended for you” on the home page.</p>
          <p className="mt-2 text-sm text-slate-600" data-testid="recommendations-freshness">
            {describeFreshness(recommendations)}
          </p>
        </Card>
      </div>

      <section aria-labelledby="health-heading" className="mt-6 rounded-xl border border-slate-200 bg-white p-4" data-testid="inventory-health">
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

function SearchList({ terms, empty }: { terms: SearchTerm[]; empty: string }) {
  if (terms.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm">
      {terms.map((t) => (
        <li key={t.query} className="flex justify-between gap-3 py-2">
          <span className="truncate">“{t.query}”</span>
          <span className="shrink-0 tabular-nums text-slate-600">
            {t.searches.toLocaleString('en-US')}× · {t.lastResults.toLocaleString('en-US')} results
          </span>
        </li>
      ))}
    </ol>
  );
}
