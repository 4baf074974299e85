/**
 * Checkout in the shop asks for the waiting room's admission for every item in
 * a flash sale that is on. (REST clients are held by rate limits and the gate.)
 */
import type { DbOrTx } from '@/db/client';
import { ApiError } from '@/lib/api/errors';
import { isOn, liveSales } from './sales';
import { admissionCookie, hasAdmission } from './waiting-room';

export async function requireAdmission(db: DbOrTx, variantIds: readonly string[], cookie: (name: string) => string | undefined): Promise<void> {
  const sales = await liveSales(db);
  for (const variantId of variantIds) {
    const sale = sales.get(variantId);
    if (sale && isOn(sale) && !hasAdmission(sale.id, cookie(admissionCookie(sale.id)))) {
      throw new ApiError(403, 'forbidden', `“${sale.name}” is a flash sale: join the line to buy it.`, { queue: `/queue/${sale.id}` });
    }
  }
}
