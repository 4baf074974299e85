/**
 * Checkout's pass through the flash-sale gate: units of hot variants are taken
 * from the gate before PostgreSQL is asked, and given back if the order then
 * fails or turns out to be one placed before (a repeated submission). Items not
 * in a live flash sale pass untouched. The order must be of exactly the lines
 * the gate took for (requireGatedLines), so the gate and the database agree.
 */
import type { DbOrTx } from '@/db/client';
import { conflict, invalidField } from '@/lib/api/errors';
import { OutOfStockError } from '@/lib/inventory/errors';
import { sumByVariant, type StockLine } from '@/lib/inventory/reserve';
import { gateGive, gateTake, gateUnits } from './gate';
import { liveSales } from './sales';

/** `keeps(result)` false means the work took no stock (e.g. it found the order already placed): the units go back. */
export async function withHotItemGate<T>(
  db: DbOrTx,
  lines: readonly StockLine[],
  work: () => Promise<T>,
  keeps: (result: T) => boolean = () => true,
): Promise<T> {
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
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await giveBack();
    throw error;
  }
  if (!keeps(result)) await giveBack();
  return result;
}

/**
 * The transaction orders what it reads under the cart's lock; the gate took units for the lines
 * read before it. A cart edited in between is refused (the caller gives the units back), so the
 * gate never holds more or fewer units than were ordered, and the flash cap is decided on the
 * lines actually ordered.
 */
export function requireGatedLines(gated: readonly StockLine[], ordered: readonly StockLine[]): void {
  const key = (lines: readonly StockLine[]) => JSON.stringify(sumByVariant(lines).map((l) => [l.variantId, l.quantity]));
  if (key(gated) === key(ordered)) return;
  throw conflict('Your cart changed while it was being checked out: review it and place the order again.', { reason: 'cart_changed' });
}
