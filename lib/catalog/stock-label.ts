import type { StockLabel } from './types';

/** At or below this many units a product page says "Only N left". */
export function lowStockThreshold(): number {
  const configured = Number(process.env.STOCKWISE_LOW_STOCK_THRESHOLD);
  return Number.isInteger(configured) && configured >= 0 ? configured : 5;
}

/** The soft label a page shows. The database, not this label, decides at checkout. */
export function stockLabel(available: number, threshold = lowStockThreshold()): StockLabel {
  if (available <= 0) return { state: 'sold_out', text: 'Sold out' };
  if (available <= threshold) return { state: 'low_stock', text: `Only ${available} left` };
  return { state: 'in_stock', text: 'In stock' };
}
