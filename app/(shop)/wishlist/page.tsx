import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Container } from '@/components/ui/container';
import { EmptyWishlist } from '@/components/wishlist/empty-wishlist';
import { WishlistItem } from '@/components/wishlist/wishlist-item';
import { getDb } from '@/db/client';
import { lowStockThreshold } from '@/lib/catalog/stock-label';
import { getCurrentUser } from '@/lib/session/current-user';
import { listWishlist } from '@/lib/wishlist/wishlist';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your wishlist' };

export default async function WishlistPage() {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent('/wishlist')}`);
  const entries = await listWishlist(getDb(), user.id);

  return (
    <Container className="max-w-3xl py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your wishlist</h1>
      {entries.length === 0 ? (
        <EmptyWishlist />
      ) : (
        <>
          <p className="mt-1 text-slate-600">
            {entries.length} saved {entries.length === 1 ? 'item' : 'items'}. Moving one to your cart adds a single unit.
          </p>
          <ul className="mt-6 divide-y divide-slate-200 border-y border-slate-200">
            {entries.map((entry) => (
              <WishlistItem key={entry.variantId} entry={entry} lowStockThreshold={lowStockThreshold()} />
            ))}
          </ul>
        </>
      )}
    </Container>
  );
}
