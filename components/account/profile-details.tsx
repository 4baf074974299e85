import type { AuthUser } from '@/lib/auth/users';

const ROLE_NAMES: Record<AuthUser['role'], string> = { customer: 'Customer', merchant: 'Merchant', admin: 'Administrator' };

export function ProfileDetails({ user }: { user: AuthUser }) {
  return (
    <dl className="grid gap-4 text-sm sm:grid-cols-3">
      <div>
        <dt className="text-slate-500">Name</dt>
        <dd className="mt-0.5 font-medium text-slate-900">{user.name || <span className="text-slate-500">Not given</span>}</dd>
      </div>
      <div className="min-w-0">
        <dt className="text-slate-500">Email</dt>
        <dd className="mt-0.5 break-words font-medium text-slate-900" data-testid="account-email">
          {user.email}
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Role</dt>
        <dd className="mt-0.5 font-medium text-slate-900">{ROLE_NAMES[user.role] ?? user.role}</dd>
      </div>
    </dl>
  );
}
