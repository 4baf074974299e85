/** Most units of one item a cart line may hold (STOCKWISE_MAX_LINE_QUANTITY, default 20). */
export function maxLineQuantity(): number {
  const configured = Number(process.env.STOCKWISE_MAX_LINE_QUANTITY);
  return Number.isInteger(configured) && configured > 0 ? configured : 20;
}

/** Most different items in one order, and so in one cart: with the per-line cap, what one unpaid order can hold. */
export const MAX_ORDER_LINES = 50;
export const MAX_CART_LINES = MAX_ORDER_LINES;
