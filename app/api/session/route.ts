import { getDb } from '@/db/client';
import { cartItemCount } from '@/lib/cart/store';
import { unreadCount } from '@/lib/notifications/inbox';
import { currentCartId } from '@/lib/session/cart-cookie';
import { getCurrentUser } from '@/lib/session/current-user';

export const dynamic = 'force-dynamic';

/**
 * Who is signed in, how many units are in their cart and how many unread
 * notifications they have: the only per-shopper
 * part of the shop's header, fetched by the browser so that catalog pages can be
 * served from cache to everyone.
 */
export async function GET(): Promise<Response> {
  const [user, cartId] = await Promise.all([getCurrentUser(), currentCartId()]);
  const [cartCount, unreadNotifications] = await Promise.all([
    cartId ? cartItemCount(getDb(), cartId) : 0,
    user ? unreadCount(getDb(), user.id) : 0,
  ]);
  return Response.json(
    { user: user ? { name: user.name, email: user.email, role: user.role } : null, cartCount, unreadNotifications },
    { headers: { 'cache-control': 'private, no-store' } },
  );
}
