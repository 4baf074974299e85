/**
 * Demo mode: the embedded default (or STOCKWISE_DEMO=1) is a demo shop whose
 * accounts, passwords and API keys are published in the README. Outside demo
 * mode those credentials must never open anything: sign-in refuses the demo
 * accounts, the API refuses the demo keys, and the launcher refuses to start
 * while they are still valid in the database (lib/config/production.ts).
 *
 * No imports: the seed, the launcher, auth and Next's config all read this.
 */
export type Env = Record<string, string | undefined>;

export type DemoUser = {
  email: string;
  name: string;
  password: string;
  role: 'customer' | 'merchant' | 'admin';
  apiKey?: string;
};

/** Demo accounts and keys documented in API.md and the README. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'shopper@example.com', name: 'Sam Shopper', password: 'shopper-password', role: 'customer', apiKey: 'sw_test_shopper_demo' },
  { email: 'merchant@example.com', name: 'Morgan Merchant', password: 'merchant-password', role: 'merchant', apiKey: 'sw_test_merchant_demo' },
  { email: 'admin@example.com', name: 'Ada Admin', password: 'admin-password', role: 'admin' },
];

/** The development webhook secret, published in the README: demo mode only. */
export const DEV_WEBHOOK_SECRET = 'whsec_stockwise_dev';

/** The demo customers who placed the seeded order history: `first.last.N@customers.example.com`. */
export const DEMO_CUSTOMER_DOMAIN = 'customers.example.com';
export const DEMO_CUSTOMER_PASSWORD = 'customer-password';

/** Demo mode: STOCKWISE_DEMO=1, or unset with no DATABASE_URL (the embedded default is a demo shop). */
export function isDemoMode(env: Env = process.env): boolean {
  if (env.STOCKWISE_DEMO === '1') return true;
  if (env.STOCKWISE_DEMO === '0') return false;
  return !env.DATABASE_URL;
}

/** One of the seeded demo accounts (whose passwords are public). */
export function isDemoAccountEmail(email: string): boolean {
  const normalized = email.trim().toLowerCase();
  return DEMO_USERS.some((user) => user.email === normalized) || normalized.endsWith(`@${DEMO_CUSTOMER_DOMAIN}`);
}

/** One of the seeded demo API keys. */
export function isDemoApiKey(key: string): boolean {
  return DEMO_USERS.some((user) => user.apiKey === key);
}
