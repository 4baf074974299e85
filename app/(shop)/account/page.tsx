import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AccountSection } from '@/components/account/account-section';
import { ApiKeyList } from '@/components/account/api-key-list';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { CreateApiKeyForm } from '@/components/account/create-api-key-form';
import { ProfileDetails } from '@/components/account/profile-details';
import { SignOutEverywhereButton } from '@/components/account/sign-out-everywhere-button';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { buttonStyles } from '@/components/ui/button-styles';
import { Container } from '@/components/ui/container';
import { getDb } from '@/db/client';
import { listApiKeys } from '@/lib/auth/api-keys';
import { isStaff } from '@/lib/auth/users';
import { passwordJustChanged } from '@/lib/session/account-notices';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Your account' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent('/account')}`);
  const keys = await listApiKeys(getDb(), user.id);
  const passwordChanged = passwordJustChanged(await searchParams);

  return (
    <Container className="max-w-3xl py-10">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Your account</h1>
          <p className="mt-1 text-slate-600">Hello{user.name ? `, ${user.name}` : ''}.</p>
        </div>
        <SignOutButton className={buttonStyles.secondary} />
      </div>

      <div className="mt-8 flex flex-col gap-6">
        <AccountSection id="profile" title="Profile">
          <ProfileDetails user={user} />
          <p className="mt-5 flex flex-wrap gap-x-5 gap-y-2 text-sm">
            <Link href="/cart" className="font-semibold text-brand-700 underline underline-offset-2">
              Your cart
            </Link>
            <Link href="/wishlist" className="font-semibold text-brand-700 underline underline-offset-2">
              Your wishlist
            </Link>
            {isStaff(user.role) && (
              <Link href="/admin" className="font-semibold text-brand-700 underline underline-offset-2">
                Merchant dashboard
              </Link>
            )}
          </p>
        </AccountSection>

        <AccountSection id="password" title="Password" description="Changing it signs you out on every other device.">
          {passwordChanged && (
            <p role="status" className="mb-4 rounded-lg border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900">
              Password changed. You are signed out on every other device.
            </p>
          )}
          <ChangePasswordForm />
        </AccountSection>

        <AccountSection
          id="sessions"
          title="Sessions"
          description="Signed in on a device you no longer have, or on a shared computer? End every session of your account, this one included."
        >
          <SignOutEverywhereButton className={buttonStyles.secondary} />
        </AccountSection>

        <AccountSection
          id="api-keys"
          title="API keys"
          description="Keys let your own programs use the Stockwise REST API as you. Treat them like passwords."
        >
          <CreateApiKeyForm />
          <h3 className="mb-3 mt-6 text-sm font-semibold text-slate-900">Your keys</h3>
          <ApiKeyList keys={keys} />
        </AccountSection>
      </div>
    </Container>
  );
}
