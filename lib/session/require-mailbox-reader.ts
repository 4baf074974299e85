import { notFound } from 'next/navigation';
import { mayReadMailbox } from '@/lib/notifications/mailbox';
import { getCurrentUser } from './current-user';

/**
 * For the dev mailbox's layout and each of its pages: the caller may read it,
 * or a 404. Pages check for themselves because Next renders a page alongside
 * its layout, not after it: a page that trusts the layout streams its data
 * into the body of the layout's 404.
 */
export async function requireMailboxReader(): Promise<void> {
  if (!mayReadMailbox(await getCurrentUser())) notFound();
}
