/**
 * Checkout's pass through the flash-sale gate: units of hot variants are taken
 * from the gate before PostgreSQL is asked, and given back if the order then
 * fails. Items not in a live flash sale pass untouched.
 */
import type { DbOrTx } from '@/db/client';
import { invalidField } from '@/lib/api/errors';
import { OutOfStockError } from '@/lib/inventory/errors';
import { sumByVariant, type StockLine } from '@/lib/inventory/reserve';
import { gateGive, gateTake, gateUnits } from './gate';
import { liveSales } from './sales';

export async function withHotItemGate<T>(db: DbOrTx, lines: readonly StockLine[], work: () => Promise<T>): Promise<T> {
  const sales = await liveSales(db);
  const hot = sumByVariant(lines).filter((line) => sales.has(line.variantId));
  if (hot.length === 0) return work();

  for (const line of hot) {
    const sale = sales.get(line.variantId)!;
    if (line.quantity > sale.maxPerOrder) {
      throw invalidField('items', `at most ${sale.maxPerOrder} of this item per order during the flash sale`);
    }
  }
  const taken: StockLine[] = [];
  const giveBack = () => Promise.all(taken.map((t) => gateGive(t.variantId, t.quantity)));
  for (const line of hot) {
    const answer = await gateTake(line.variantId, line.quantity);
    if (answer === 'sold_out') {
      await giveBack();
      throw new OutOfStockError(line.variantId, null, Math.max(0, (await gateUnits(line.variantId).catch(() => 0)) ?? 0), line.quantity);
    }
    if (answer === 'admitted') taken.push(line);
  }
  try {
    return await work();
  } catch (error) {
    await giveBack();
    throw error;
  }
}
