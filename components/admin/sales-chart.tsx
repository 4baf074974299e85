import type { DaySales } from '@/lib/analytics/dashboard';
import { formatMoney } from '@/lib/money';

/** Revenue per day as bars (an SVG drawn on the server), with orders in the tooltip and a table for screen readers. */
export function SalesChart({ days, currency }: { days: DaySales[]; currency: string }) {
  const max = Math.max(1, ...days.map((d) => d.revenueCents));
  const width = 600;
  const height = 160;
  const bar = width / days.length;
  const empty = days.every((d) => d.revenueCents === 0);
  return (
    <figure className="relative">
      {empty && (
        <p className="absolute inset-x-0 top-12 text-center text-sm text-slate-600">No paid orders in this period yet — revenue appears here as orders are paid.</p>
      )}
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="h-44 w-full" role="img" aria-label="Revenue per day" data-testid="sales-chart">
        {days.map((d, i) => {
          const h = Math.round((d.revenueCents / max) * height);
          return (
            <g key={d.day}>
              <rect x={i * bar + 2} y={height - h} width={Math.max(1, bar - 4)} height={h} rx={2} className="fill-brand-600">
                <title>{`${d.day}: ${formatMoney(d.revenueCents, currency)}, ${d.orders} orders`}</title>
              </rect>
              {(i === 0 || i === days.length - 1 || i === Math.floor(days.length / 2)) && (
                <text x={i * bar + bar / 2} y={height + 15} textAnchor="middle" className="fill-slate-500 text-[10px]">
                  {d.day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
        <line x1={0} x2={width} y1={height} y2={height} className="stroke-slate-200" />
      </svg>
      <table className="sr-only">
        <caption>Revenue and orders per day</caption>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th>{d.day}</th>
              <td>{formatMoney(d.revenueCents, currency)}</td>
              <td>{d.orders} orders</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
