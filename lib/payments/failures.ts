import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { payments } from '@/db/schema';

/** The provider's reason for the order's last failed payment attempt ("insufficient_funds", …). */
export async function lastPaymentFailure(db: DbOrTx, orderId: string): Promise<string | null> {
  const [payment] = await db.select({ lastError: payments.lastError }).from(payments).where(eq(payments.orderId, orderId));
  return payment?.lastError ?? null;
}
