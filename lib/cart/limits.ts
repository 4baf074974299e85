/** Most units of one item a cart line may hold (STOCKWISE_MAX_LINE_QUANTITY, default 20). */
export function maxLineQuantity(): number {
  const configured = Number(process.env.STOCKWISE_MAX_LINE_QUANTITY);
  return Number.isInteger(configured) && configured > 0 ? configured : 20;
}

/** Most distinct items in one cart. */
export const MAX_CART_LINES = 100;
