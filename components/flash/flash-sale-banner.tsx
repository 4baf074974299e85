'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';

type LiveSale = { saleId: string; variantId: string; name: string; startsAt: string; endsAt: string };

/** On a cached product page: asks whether any of its variants is in a flash sale, and points to the line. */
export function FlashSaleBanner({ productId }: { productId: string }) {
  const [sales, setSales] = useState<LiveSale[]>([]);
  useEffect(() => {
    fetch(`/api/flash/live?product=${productId}`)
      .then((r) => (r.ok ? r.json() : { sales: [] }))
      .then((body: { sales: LiveSale[] }) => setSales(body.sales))
      .catch(() => {});
  }, [productId]);
  if (sales.length === 0) return null;
  return (
    <div className="mb-6 rounded-xl border border-brand-600/30 bg-brand-50 p-4" data-testid="flash-banner">
      {sales.map((sale) => (
        <p key={sale.saleId} className="text-sm text-brand-900">
          <span className="font-semibold">Flash sale: {sale.name}.</span> To buy it, take a place in line —{' '}
          <Link href={`/queue/${sale.saleId}`} className="font-semibold underline">
            join the line
          </Link>
          .
        </p>
      ))}
    </div>
  );
}
