'use client';

import { notifySessionChanged } from '@/components/layout/session-events';
import { useState, useTransition } from 'react';
import { moveWishlistItemToCartAction, removeFromWishlistAction } from '@/app/actions/wishlist';
import { sentence } from '@/components/account/messages';
import { useHydrated } from '@/components/layout/use-hydrated';
import { buttonStyles } from '@/components/ui/button-styles';

type Props = { itemId: string; name: string; canBuy: boolean };

/** "Move to cart" (one unit; off when the item cannot be bought) and "Remove". */
export function WishlistItemActions({ itemId, name, canBuy }: Props) {
  const [operation, setOperation] = useState<'move' | 'remove'>('move');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();

  const run = (kind: 'move' | 'remove') => {
    setError(null);
    setOperation(kind);
    startTransition(async () => {
      try {
        const result = kind === 'move' ? await moveWishlistItemToCartAction({ itemId }) : await removeFromWishlistAction({ itemId });
        if (!result.ok) setError(sentence(result.message));
        else notifySessionChanged();
      } catch {
        setError('We couldn’t reach the shop. Check your connection and try again.');
      }
    });
  };

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={() => run('move')}
        disabled={!canBuy || pending || !hydrated}
        aria-label={`Move ${name} to your cart`}
        className={`${buttonStyles.primary} px-4 py-2`}
      >
        {pending && operation === 'move' ? 'Moving…' : 'Move to cart'}
      </button>
      <button
        type="button"
        onClick={() => run('remove')}
        disabled={pending || !hydrated}
        aria-label={`Remove ${name} from your wishlist`}
        className="text-sm font-medium text-slate-600 underline underline-offset-2 hover:text-red-700 disabled:text-slate-400"
      >
        {pending && operation === 'remove' ? 'Removing…' : 'Remove'}
      </button>
      {error && (
        <p role="alert" className="basis-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
