/** What the waiting-room endpoints answer: the line as one visitor sees it. */
import { getDb } from '@/db/client';
import { gateUnits } from './gate';
import { lineLength, lineStatus, type LineStatus } from './waiting-room';
import type { FlashSale } from './sales';
import { availableByVariant } from '@/lib/inventory/availability';

/** Units left: the gate's counter, or PostgreSQL's availability when the gate is not loaded or unreachable. */
export async function unitsLeft(sale: FlashSale): Promise<number> {
  const fromGate = await gateUnits(sale.variantId).catch(() => null);
  if (fromGate !== null) return fromGate;
  return (await availableByVariant(getDb(), [sale.variantId])).get(sale.variantId) ?? 0;
}

export type LineView = LineStatus & { saleId: string; name: string; lineLength: number; unitsLeft: number; startsAt: string; endsAt: string; ended: boolean };

export async function lineView(sale: FlashSale, ticket: number): Promise<LineView> {
  const [left, length] = await Promise.all([unitsLeft(sale), lineLength(sale).catch(() => ticket)]);
  return {
    ...lineStatus(sale, ticket, left),
    saleId: sale.id,
    name: sale.name,
    lineLength: length,
    unitsLeft: left,
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    ended: sale.endsAt.getTime() <= Date.now(),
  };
}
