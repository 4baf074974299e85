import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/account/auth-card';
import { callbackUrlFrom, withCallbackUrl } from '@/components/account/callback-url';
import { SignUpForm } from '@/components/account/sign-up-form';
import { getCurrentUser } from '@/lib/session/current-user';

// Per shopper (or per request): never prerendered at build, when there may be no database.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Create an account' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  if (await getCurrentUser()) redirect('/account');
  const callbackUrl = callbackUrlFrom(await searchParams);

  return (
    <AuthCard
      title="Create an account"
      intro="Keep your cart on every device, save things to a wishlist, and get an API key for your own tools."
      footer={
        <>
          Already have an account?{' '}
          <Link href={withCallbackUrl('/sign-in', callbackUrl)} className="font-semibold text-brand-700 underline underline-offset-2">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
