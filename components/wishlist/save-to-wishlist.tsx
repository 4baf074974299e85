'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import { addToWishlistAction } from '@/app/actions/wishlist';
import { sentence } from '@/components/account/messages';
import { HeartIcon } from '@/components/layout/icons';
import { buttonStyles } from '@/components/ui/button-styles';

export type WishlistOutcome = { kind: 'saved' } | { kind: 'sign_in_required'; signInHref: string } | { kind: 'error'; message: string } | null;

/** Saving a variant for later; a guest is offered a sign-in link that brings them back to this page. */
export function useSaveToWishlist(itemId: string | undefined) {
  const [outcome, setOutcome] = useState<WishlistOutcome>(null);
  const [pending, startTransition] = useTransition();

  const save = () => {
    if (!itemId) return;
    setOutcome(null);
    startTransition(async () => {
      try {
        const result = await addToWishlistAction({ itemId });
        if (result.ok) return setOutcome({ kind: 'saved' });
        if (result.fieldErrors?.auth === 'sign_in_required') {
          const here = window.location.pathname + window.location.search;
          return setOutcome({ kind: 'sign_in_required', signInHref: `/sign-in?callbackUrl=${encodeURIComponent(here)}` });
        }
        setOutcome({ kind: 'error', message: sentence(result.message) });
      } catch {
        setOutcome({ kind: 'error', message: 'We couldn’t reach the shop. Check your connection and try again.' });
      }
    });
  };

  return { save, pending, outcome };
}

type ButtonProps = { onClick: () => void; pending: boolean; saved: boolean; disabled?: boolean; className?: string };

export function SaveToWishlistButton({ onClick, pending, saved, disabled = false, className = '' }: ButtonProps) {
  return (
    <button type="button" onClick={onClick} disabled={pending || disabled} className={`${buttonStyles.secondary} py-3 ${className}`} data-testid="save-to-wishlist">
      <HeartIcon className={`size-4 ${saved ? 'fill-current text-rose-600' : ''}`} />
      {pending ? 'Saving…' : saved ? 'Saved to wishlist' : 'Save to wishlist'}
    </button>
  );
}

/** What happened when saving, for a role="status" region; errors are left to the caller's role="alert". */
export function WishlistOutcomeMessage({ outcome }: { outcome: WishlistOutcome }) {
  if (!outcome || outcome.kind === 'error') return null;
  if (outcome.kind === 'sign_in_required') {
    return (
      <p className="mt-3 rounded-lg bg-slate-100 px-3 py-2 text-slate-800">
        <Link href={outcome.signInHref} className="font-semibold underline underline-offset-2">
          Sign in
        </Link>{' '}
        to keep a wishlist.
      </p>
    );
  }
  return (
    <p className="mt-3 rounded-lg bg-slate-100 px-3 py-2 text-slate-800">
      Saved for later.{' '}
      <Link href="/wishlist" className="font-semibold underline underline-offset-2">
        View wishlist
      </Link>
    </p>
  );
}
