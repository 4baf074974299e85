/**
 * What a real (non-demo) shop must not start with: published secrets and
 * published credentials. The launcher (scripts/stockwise.ts) runs both checks
 * before it starts Next and refuses to start, naming every problem; the
 * runtime refuses the same things again where they are used (sign-in, API
 * keys, the webhook secret), so `next start` run by hand is no way around it.
 *
 * In demo mode (lib/config/demo.ts) all of this is allowed: that is the demo.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { hashApiKey } from '@/lib/auth/api-key-hash';
import { verifyPassword } from '@/lib/auth/password';
import { DEMO_CUSTOMER_DOMAIN, DEMO_CUSTOMER_PASSWORD, DEMO_USERS, DEV_WEBHOOK_SECRET, isDemoMode, type Env } from './demo';

/** Secrets that have appeared in this repository (tests, benchmarks): never for a real shop. */
const PUBLISHED_SECRETS = new Set(['stockwise-test-secret-not-for-production', 'bench-secret', DEV_WEBHOOK_SECRET]);

export const MIN_AUTH_SECRET_LENGTH = 32;

/** Problems with the environment of a non-demo shop (empty in demo mode, or when all is well). */
export function configProblems(env: Env = process.env): string[] {
  if (isDemoMode(env)) return [];
  const problems: string[] = [];
  const authSecret = env.AUTH_SECRET ?? '';
  if (!authSecret) {
    problems.push('AUTH_SECRET is not set. Set it to a long random string (e.g. `openssl rand -base64 32`).');
  } else if (PUBLISHED_SECRETS.has(authSecret)) {
    problems.push('AUTH_SECRET is a value published in this repository. Set your own (e.g. `openssl rand -base64 32`).');
  } else if (authSecret.length < MIN_AUTH_SECRET_LENGTH) {
    problems.push(`AUTH_SECRET is too short (${authSecret.length} characters): use at least ${MIN_AUTH_SECRET_LENGTH} random characters.`);
  }
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET ?? '';
  if (webhookSecret === DEV_WEBHOOK_SECRET) {
    problems.push(`STRIPE_WEBHOOK_SECRET is the published development secret (${DEV_WEBHOOK_SECRET}): anyone could forge payment events. Use the signing secret of your Stripe webhook endpoint.`);
  }
  if (env.STRIPE_SECRET_KEY && !webhookSecret) {
    problems.push('STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is.');
  }
  return problems;
}

/**
 * Demo accounts whose published password still signs in, and demo API keys
 * still live, in this database. A shop that was once a demo (or restored from
 * one) must change or remove them before it runs for real.
 */
export async function demoCredentialProblems(db: DbOrTx): Promise<string[]> {
  const problems: string[] = [];
  const emails = DEMO_USERS.map((user) => user.email);
  const rows = await db.execute<{ email: string; password_hash: string }>(sql`
    select email, password_hash from users where lower(email) in (${sql.join(emails.map((e) => sql`${e}`), sql`, `)})`);
  for (const row of rows) {
    const demo = DEMO_USERS.find((user) => user.email === row.email.toLowerCase());
    if (demo && (await verifyPassword(demo.password, row.password_hash))) {
      problems.push(`The demo account ${row.email} still has its published password: change it or delete the account.`);
    }
  }
  // The demo customers share one hash: compare each distinct hash once.
  const customers = await db.execute<{ password_hash: string; n: number }>(sql`
    select password_hash, count(*)::int as n from users where lower(email) like ${`%@${DEMO_CUSTOMER_DOMAIN}`} group by password_hash`);
  let openCustomers = 0;
  for (const row of customers) if (await verifyPassword(DEMO_CUSTOMER_PASSWORD, row.password_hash)) openCustomers += row.n;
  if (openCustomers > 0) {
    problems.push(`${openCustomers} demo customer account(s) (…@${DEMO_CUSTOMER_DOMAIN}) still have the published password: delete them.`);
  }
  const keyHashes = DEMO_USERS.flatMap((user) => (user.apiKey ? [hashApiKey(user.apiKey)] : []));
  const keys = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from api_keys where revoked_at is null and key_hash in (${sql.join(keyHashes.map((h) => sql`${h}`), sql`, `)})`);
  if ((keys[0]?.n ?? 0) > 0) problems.push(`${keys[0]!.n} demo API key(s) (sw_test_…_demo) are still live: revoke them.`);
  return problems;
}

/** Both checks, for the launcher: every problem, or none in demo mode. */
export async function productionProblems(db: DbOrTx, env: Env = process.env): Promise<string[]> {
  if (isDemoMode(env)) return [];
  return [...configProblems(env), ...(await demoCredentialProblems(db))];
}
