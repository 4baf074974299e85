import { redirect } from 'next/navigation';
import { isStaff, type AuthUser } from '@/lib/auth/users';
import { getCurrentUser } from './current-user';

/** For admin pages and actions: the signed-in merchant or admin; anyone else is sent away. */
export async function requireStaff(path = '/admin'): Promise<AuthUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  if (!isStaff(user.role)) redirect('/forbidden');
  return user;
}
