import { ApiError } from '@/lib/api/errors';

/** 409 `out_of_stock` naming the item and how many units could be had (API.md). */
export class OutOfStockError extends ApiError {
  constructor(
    readonly itemId: string,
    readonly sku: string | null,
    readonly available: number,
    readonly requested: number,
  ) {
    super(409, 'out_of_stock', `Not enough stock for ${sku ?? itemId}: ${available} available, ${requested} requested`, {
      item_id: itemId,
      sku,
      available,
      requested,
    });
    this.name = 'OutOfStockError';
  }
}
