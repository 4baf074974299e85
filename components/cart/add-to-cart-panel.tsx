'use client';

import { notifySessionChanged } from '@/components/layout/session-events';
import Link from 'next/link';
import { useState, useTransition } from 'react';
import { addToCartAction } from '@/app/actions/cart';
import { sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';
import { buttonStyles } from '@/components/ui/button-styles';
import { SaveToWishlistButton, WishlistOutcomeMessage, useSaveToWishlist } from '@/components/wishlist/save-to-wishlist';

type Props = {
  /** The chosen variant; undefined when the product has none. */
  itemId: string | undefined;
  available: number;
  /** Most units of one item a cart line may hold. */
  maxQuantity: number;
};

type CartOutcome = { ok: true; quantity: number; itemCount: number } | { ok: false; message: string } | null;

const OFFLINE = 'We couldn’t reach the shop. Check your connection and try again.';

/** Quantity, "Add to cart" and "Save to wishlist" for one variant. Keyed by variant, so it starts fresh for each. */
export function AddToCartPanel({ itemId, available, maxQuantity }: Props) {
  const soldOut = !itemId || available <= 0;
  // The page's stock figure is a hint, not a promise; still, never offer more than is on the shelf or a line may hold.
  const choices = Math.max(1, Math.min(maxQuantity, available));
  const [quantity, setQuantity] = useState(1);
  const [outcome, setOutcome] = useState<CartOutcome>(null);
  const [pending, startTransition] = useTransition();
  const wishlist = useSaveToWishlist(itemId);
  const hydrated = useHydrated();

  const add = () => {
    if (!itemId) return;
    setOutcome(null);
    startTransition(async () => {
      try {
        const result = await addToCartAction({ itemId, quantity });
        setOutcome(result.ok ? { ok: true, quantity, itemCount: result.data.itemCount } : { ok: false, message: sentence(result.message) });
        if (result.ok) notifySessionChanged();
      } catch {
        setOutcome({ ok: false, message: OFFLINE });
      }
    });
  };

  return (
    <div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="quantity" className="text-sm font-medium text-slate-900">
            Quantity
          </label>
          <select
            id="quantity"
            name="quantity"
            value={quantity}
            disabled={soldOut || pending}
            onChange={(event) => setQuantity(Number(event.target.value))}
            className="h-[46px] w-20 rounded-lg border border-slate-300 bg-white px-3 text-sm disabled:bg-slate-100 disabled:text-slate-500"
          >
            {Array.from({ length: choices }, (_, index) => index + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          onClick={add}
          disabled={soldOut || pending || !hydrated}
          className={`${buttonStyles.primary} min-w-40 flex-1 sm:flex-none`}
          data-testid="add-to-cart"
        >
          {soldOut ? 'Sold out' : pending ? 'Adding…' : 'Add to cart'}
        </button>
        {itemId && (
          <SaveToWishlistButton
            onClick={wishlist.save}
            pending={wishlist.pending}
            disabled={!hydrated}
            saved={wishlist.outcome?.kind === 'saved'}
            className="w-full sm:w-auto"
          />
        )}
      </div>

      <div role="status" className="text-sm">
        {outcome?.ok && (
          <p className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-emerald-900" data-testid="added-to-cart">
            Added {outcome.quantity > 1 ? `${outcome.quantity} ` : ''}to your cart.{' '}
            <Link href="/cart" className="font-semibold underline underline-offset-2">
              View cart ({outcome.itemCount})
            </Link>
          </p>
        )}
        <WishlistOutcomeMessage outcome={wishlist.outcome} />
      </div>
      {outcome && !outcome.ok && <ErrorMessage message={outcome.message} />}
      {wishlist.outcome?.kind === 'error' && <ErrorMessage message={wishlist.outcome.message} />}
    </div>
  );
}

function ErrorMessage({ message }: { message: string }) {
  return (
    <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
