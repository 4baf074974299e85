/**
 * How much one order may hold, whatever path it comes by: at most
 * `maxLineQuantity()` units of an item, counted after lines of the same item
 * are added together (3 × 20 of one item is one line of 60), and at most
 * MAX_ORDER_LINES different items — so one unpaid order cannot hold a shelf
 * for its time to pay. 400 naming `field` otherwise.
 */
import { invalidField } from '@/lib/api/errors';
import { MAX_ORDER_LINES, maxLineQuantity } from '@/lib/cart/limits';
import { sumByVariant, type StockLine } from '@/lib/inventory/reserve';

export function assertOrderSize(lines: readonly StockLine[], field: 'items' | 'cart'): void {
  const merged = sumByVariant(lines);
  if (merged.length > MAX_ORDER_LINES) throw invalidField(field, `an order holds at most ${MAX_ORDER_LINES} different items`);
  const cap = maxLineQuantity();
  const over = merged.find((line) => line.quantity > cap);
  if (over) throw invalidField(field, `at most ${cap} of one item per order: item ${over.variantId} adds up to ${over.quantity}`);
}
