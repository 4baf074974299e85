/** Minutes an unpaid order holds its stock (STOCKWISE_ORDER_TTL_MINUTES, default 15). */
export function orderTtlMinutes(): number {
  const configured = Number(process.env.STOCKWISE_ORDER_TTL_MINUTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 15; // fractions allowed (tests use seconds)
}
