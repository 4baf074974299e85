'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { signOutEverywhereAction } from '@/app/actions/auth';
import { notifySessionChanged } from '@/components/layout/session-events';

/** Ends every session of the account, this one included, then goes to the front page signed out. */
export function SignOutEverywhereButton({ className = '' }: { className?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const signOutEverywhere = () =>
    startTransition(async () => {
      await signOutEverywhereAction();
      notifySessionChanged();
      router.push('/');
      router.refresh();
    });
  return (
    <button type="button" onClick={signOutEverywhere} disabled={pending} aria-disabled={pending} className={className}>
      {pending ? 'Signing out everywhere…' : 'Sign out everywhere'}
    </button>
  );
}
