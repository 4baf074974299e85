/** Minutes an unpaid order holds its stock (STOCKWISE_ORDER_TTL_MINUTES, default 15). */
export function orderTtlMinutes(): number {
  const configured = Number(process.env.STOCKWISE_ORDER_TTL_MINUTES);
  return Number.isFinite(configured) && configured > 0 ? configured : 15; // fractions allowed (tests use seconds)
}

/** Which payment provider new orders use: Stripe when it is configured, else the built-in simulator. */
export function paymentProviderName(): 'stripe' | 'simulated' {
  return process.env.STRIPE_SECRET_KEY ? 'stripe' : 'simulated';
}
