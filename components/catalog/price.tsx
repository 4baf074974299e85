import { formatMoney } from '@/lib/money';

export function Price({ minCents, maxCents, currency }: { minCents: number; maxCents?: number; currency: string }) {
  if (maxCents !== undefined && maxCents !== minCents) {
    return (
      <span>
        From         {formatMoney(minCents, currency)}
      </span>
    );
  }
  return <span>{formatMoney(minCents, currency)}</span>;
}
