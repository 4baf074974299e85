import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/account/auth-card';
import { callbackUrlFrom, withCallbackUrl } from '@/components/account/callback-url';
import { SignInForm } from '@/components/account/sign-in-form';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  if (await getCurrentUser()) redirect('/account');
  const callbackUrl = callbackUrlFrom(await searchParams);

  return (
    <AuthCard
      title="Sign in"
      intro="Welcome back. Your cart comes with you: anything you added as a guest joins your account’s cart."
      footer={
        <>
          New to Stockwise?{' '}
          <Link href={withCallbackUrl('/sign-up', callbackUrl)} className="font-semibold text-brand-700 underline underline-offset-2">
            Create an account
          </Link>
        </>
      }
    >
      {process.env.STOCKWISE_DEMO === '1' && <DemoAccountsNote />}
      <SignInForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}

function DemoAccountsNote() {
  return (
    <aside aria-label="Demo accounts" className="mb-5 rounded-lg bg-brand-50 px-4 py-3 text-sm text-brand-900">
      <p className="font-semibold">This is the demo shop.</p>
      <p className="mt-1">
        Sign in as <span className="font-mono">shopper@example.com</span> with the password{' '}
        <span className="font-mono">shopper-password</span>, or create your own account.
      </p>
    </aside>
  );
}
