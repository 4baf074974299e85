import { signOutAction } from '@/app/actions/auth';
import { PendingButton } from './pending-button';

/** A form posting the sign-out action, so it works without JavaScript too. */
export function SignOutButton({ className = '' }: { className?: string }) {
  return (
    <form action={signOutAction}>
      <PendingButton className={className} pendingLabel="Signing out…">
        Sign out
      </PendingButton>
    </form>
  );
}
