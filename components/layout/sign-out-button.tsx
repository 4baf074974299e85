'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { signOutAction } from '@/app/actions/auth';
import { notifySessionChanged } from './session-events';

/** Signs out, tells the header, and goes to the front page. */
export function SignOutButton({ className = '' }: { className?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const signOut = () =>
    startTransition(async () => {
      await signOutAction();
      notifySessionChanged();
      router.push('/');
      router.refresh();
    });
  return (
    <button type="button" onClick={signOut} disabled={pending} aria-disabled={pending} className={className}>
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
