import type { ReactNode } from 'react';
import { buttonStyles } from '@/components/ui/button-styles';

/** A form's main button; says what is happening while the action runs. */
export function SubmitButton({ pending, pendingLabel, children, className = '' }: { pending: boolean; pendingLabel: string; children: ReactNode; className?: string }) {
  return (
    <button type="submit" disabled={pending} className={`${buttonStyles.primary} ${className}`}>
      {pending ? pendingLabel : children}
    </button>
  );
}
