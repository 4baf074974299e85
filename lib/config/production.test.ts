/**
 * A real shop refuses published secrets and published credentials; demo mode
 * allows them. Also the header and cookie rules of lib/security and
 * lib/session, and the cross-origin rule for cookie-authenticated REST writes.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { eq, inArray, like, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as cartRoute from '@/app/api/v1/users/[user_id]/cart/route';
import { getDb } from '@/db/client';
import { apiKeys, users } from '@/db/schema';
import { isCrossOriginWrite } from '@/lib/api/actor';
import { authenticateApiKey } from '@/lib/auth/api-keys';
import { hashPassword } from '@/lib/auth/password';
import { verifyCredentials } from '@/lib/auth/users';
import { DEMO_USERS, DEV_WEBHOOK_SECRET, isDemoAccountEmail, isDemoMode } from '@/lib/config/demo';
import { configProblems, demoCredentialProblems, productionProblems } from '@/lib/config/production';
import { webhookSecret } from '@/lib/payments/config';
import { contentSecurityPolicy, securityHeaderRules, securityHeaders } from '@/lib/security/headers';
import { cookieOptions, isSecureRequest, publicUrlIsHttps } from '@/lib/session/cookie-options';
import { call } from '@/test/api';
import { variantsWithStock } from '@/test/fixtures';

const db = getDb();
const GOOD_SECRET = 'k3J9x8PqV2mN5tR7wY1zA4bC6dE0fG8hJ2kL';
const production = { STOCKWISE_DEMO: '0', DATABASE_URL: 'postgres://shop@db.internal/shop', AUTH_SECRET: GOOD_SECRET };
const savedDemo = process.env.STOCKWISE_DEMO;

afterEach(() => {
  process.env.STOCKWISE_DEMO = savedDemo;
});

describe('demo mode', () => {
  it('is on for the embedded default and STOCKWISE_DEMO=1, off for STOCKWISE_DEMO=0 or a DATABASE_URL of your own', () => {
    expect(isDemoMode({})).toBe(true);
    expect(isDemoMode({ STOCKWISE_DEMO: '1', DATABASE_URL: 'postgres://x/y' })).toBe(true);
    expect(isDemoMode({ DATABASE_URL: 'postgres://x/y' })).toBe(false);
    expect(isDemoMode({ STOCKWISE_DEMO: '0' })).toBe(false);
  });

  it('knows the demo accounts', () => {
    expect(isDemoAccountEmail(' Admin@Example.com ')).toBe(true);
    expect(isDemoAccountEmail('ada.lovelace.3@customers.example.com')).toBe(true);
    expect(isDemoAccountEmail('someone@example.org')).toBe(false);
    expect(isDemoAccountEmail('new-person@example.com')).toBe(false);
  });
});

describe('configProblems', () => {
  it('finds nothing in demo mode, whatever the settings', () => {
    expect(configProblems({ STOCKWISE_DEMO: '1', STRIPE_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET })).toEqual([]);
    expect(configProblems({})).toEqual([]);
  });

  it('accepts a well-configured production shop', () => {
    expect(configProblems(production)).toEqual([]);
    expect(configProblems({ ...production, STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_real_secret_from_stripe' })).toEqual([]);
  });

  it('refuses the published development webhook secret outside demo mode', () => {
    for (const env of [
      { ...production, STRIPE_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET },
      { DATABASE_URL: 'postgres://shop@db/shop', AUTH_SECRET: GOOD_SECRET, STRIPE_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET }, // STOCKWISE_DEMO unset
    ]) {
      const problems = configProblems(env);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('STRIPE_WEBHOOK_SECRET is the published development secret');
    }
  });

  it('refuses a missing, short or published AUTH_SECRET, and a Stripe key without its webhook secret', () => {
    expect(configProblems({ ...production, AUTH_SECRET: '' })[0]).toContain('AUTH_SECRET is not set');
    expect(configProblems({ ...production, AUTH_SECRET: 'short-secret' })[0]).toContain('too short');
    expect(configProblems({ ...production, AUTH_SECRET: 'stockwise-test-secret-not-for-production' })[0]).toContain('published');
    expect(configProblems({ ...production, STRIPE_SECRET_KEY: 'sk_live_x' })).toEqual(['STRIPE_WEBHOOK_SECRET must be set when STRIPE_SECRET_KEY is.']);
  });
});

describe('webhookSecret', () => {
  it('is the development secret only in demo mode', () => {
    expect(webhookSecret({ STOCKWISE_DEMO: '1' })).toBe(DEV_WEBHOOK_SECRET);
    expect(() => webhookSecret({ ...production, STRIPE_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET })).toThrow(/refused outside demo mode/);
    expect(webhookSecret({ ...production, STRIPE_WEBHOOK_SECRET: 'whsec_mine' })).toBe('whsec_mine');
  });

  it('outside demo mode with the simulated provider, is derived from AUTH_SECRET: private, stable, never the published one', () => {
    const derived = webhookSecret(production);
    expect(derived).not.toBe(DEV_WEBHOOK_SECRET);
    expect(derived).toMatch(/^whsec_/);
    expect(webhookSecret(production)).toBe(derived);
    expect(webhookSecret({ ...production, AUTH_SECRET: `${GOOD_SECRET}x` })).not.toBe(derived);
    expect(() => webhookSecret({ ...production, STRIPE_SECRET_KEY: 'sk_live_x' })).toThrow(/must be set/);
  });
});

describe('demo credentials in the database', () => {
  it('are all reported on a seeded demo database, and none once changed, removed or revoked', async () => {
    const before = await demoCredentialProblems(db);
    expect(before).toHaveLength(DEMO_USERS.length + 2); // three accounts, the demo customers, the demo keys
    expect(before.join('\n')).toContain('shopper@example.com still has its published password');
    expect(before.join('\n')).toContain('demo customer account(s)');
    expect(before.join('\n')).toContain('demo API key(s)');
    expect(await productionProblems(db, { STOCKWISE_DEMO: '1' })).toEqual([]);

    const fresh = await hashPassword('a-new-private-password');
    await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: fresh }).where(inArray(users.email, DEMO_USERS.map((u) => u.email)));
      await tx.update(users).set({ passwordHash: fresh }).where(like(users.email, '%@customers.example.com'));
      await tx.update(apiKeys).set({ revokedAt: sql`now()` }).where(sql`${apiKeys.prefix} like 'sw_test_%'`);
      expect(await demoCredentialProblems(tx)).toEqual([]);
      expect(await productionProblems(tx, production)).toEqual([]);
      tx.rollback();
    }).catch((error: unknown) => {
      if (!(error instanceof Error) || !/rollback/i.test(error.message)) throw error;
    });
    expect(await demoCredentialProblems(db)).toHaveLength(before.length);
  });
});

describe('outside demo mode the published credentials open nothing', () => {
  it('sign-in refuses the demo accounts (right password or not), and the demo API keys', async () => {
    process.env.STOCKWISE_DEMO = '1';
    expect(await verifyCredentials(db, 'shopper@example.com', 'shopper-password')).toMatchObject({ email: 'shopper@example.com' });
    expect(await authenticateApiKey(db, 'sw_test_merchant_demo')).toMatchObject({ role: 'merchant' });

    process.env.STOCKWISE_DEMO = '0';
    for (const user of DEMO_USERS) expect(await verifyCredentials(db, user.email, user.password)).toBeNull();
    const [customer] = await db.select({ email: users.email }).from(users).where(like(users.email, '%@customers.example.com')).limit(1);
    expect(await verifyCredentials(db, customer!.email, 'customer-password')).toBeNull();
    expect(await authenticateApiKey(db, 'sw_test_shopper_demo')).toBeNull();
    expect(await authenticateApiKey(db, 'sw_test_merchant_demo')).toBeNull();
  });

  it('other accounts still sign in', async () => {
    const email = `real-${Date.now()}@example.com`;
    await db.insert(users).values({ email, passwordHash: await hashPassword('a-real-password'), role: 'customer' });
    process.env.STOCKWISE_DEMO = '0';
    expect(await verifyCredentials(db, email, 'a-real-password')).toMatchObject({ email });
    await db.delete(users).where(eq(users.email, email));
  });
});

describe('the launcher', () => {
  it('refuses to start a non-demo shop with the development webhook secret and live demo accounts, naming each problem', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      STOCKWISE_DEMO: '0',
      AUTH_SECRET: GOOD_SECRET,
      STRIPE_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET,
      STOCKWISE_SKIP_BUILD: '1',
      PORT: '3999',
      NODE_ENV: 'production',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/stockwise.ts', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output).toBe(1);
    expect(output).toContain('Refusing to start a non-demo shop');
    expect(output).toContain('STRIPE_WEBHOOK_SECRET is the published development secret');
    expect(output).toContain('admin@example.com still has its published password');
    expect(output).toContain('demo API key(s)');
    expect(output).not.toContain('next start');
  }, 120_000);
});

describe('security headers', () => {
  it('a production CSP: self only, inline scripts for Next, no eval, nobody may frame the shop', () => {
    const csp = contentSecurityPolicy({ dev: false });
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toMatch(/https?:\/\//); // no third-party origins
    expect(contentSecurityPolicy({ dev: true })).toContain("'unsafe-eval'");
  });

  it('sends the fixed headers on every path and HSTS only over https in production', () => {
    const headers = Object.fromEntries(securityHeaders({ dev: false }).map((h) => [h.key, h.value]));
    expect(headers).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    expect(headers['Permissions-Policy']).toContain('camera=()');
    const prod = securityHeaderRules({ dev: false });
    expect(prod[0]!.source).toBe('/:path*');
    expect(prod[0]!.headers.some((h) => h.key === 'Strict-Transport-Security')).toBe(false);
    const hsts = prod.find((rule) => rule.headers.some((h) => h.key === 'Strict-Transport-Security'));
    expect(hsts?.has).toEqual([{ type: 'header', key: 'x-forwarded-proto', value: 'https' }]);
    expect(securityHeaderRules({ dev: true }).some((rule) => rule.headers.some((h) => h.key === 'Strict-Transport-Security'))).toBe(false);
  });
});

describe('cookie flags', () => {
  it('always httpOnly and SameSite=Lax; Secure when the public URL is https or the request came over https', () => {
    expect(cookieOptions(60, false)).toEqual({ httpOnly: true, sameSite: 'lax', secure: false, path: '/', maxAge: 60 });
    expect(publicUrlIsHttps({ STOCKWISE_PUBLIC_URL: 'https://shop.example.com' })).toBe(true);
    expect(publicUrlIsHttps({ STOCKWISE_PUBLIC_URL: 'http://localhost:3000' })).toBe(false);
    expect(publicUrlIsHttps({})).toBe(false);
    expect(isSecureRequest(null, { STOCKWISE_PUBLIC_URL: 'https://shop.example.com' })).toBe(true);
    expect(isSecureRequest('https', {})).toBe(true);
    expect(isSecureRequest('https, http', {})).toBe(true);
    expect(isSecureRequest('http', {})).toBe(false);
    expect(isSecureRequest(null, {})).toBe(false);
  });
});

describe('cookie-authenticated REST writes must be same-origin', () => {
  const request = (method: string, headers: Record<string, string>) => new Request('http://shop.test/api/v1/orders', { method, headers });

  it('tells cross-origin writes apart', () => {
    expect(isCrossOriginWrite(request('POST', { origin: 'https://evil.example', host: 'shop.test' }))).toBe(true);
    expect(isCrossOriginWrite(request('DELETE', { origin: 'null', host: 'shop.test' }))).toBe(true);
    expect(isCrossOriginWrite(request('POST', { origin: 'http://shop.test', host: 'shop.test' }))).toBe(false);
    expect(isCrossOriginWrite(request('POST', { origin: 'https://shop.example.com', host: '127.0.0.1:3000', 'x-forwarded-host': 'shop.example.com' }))).toBe(false);
    expect(isCrossOriginWrite(request('POST', {}))).toBe(false); // not a browser
    expect(isCrossOriginWrite(request('GET', { origin: 'https://evil.example' }))).toBe(false);
  });

  it('answers 403 to a cross-origin browser write without an API key, and lets API keys through', async () => {
    const [variant] = await variantsWithStock(db, 5, 1_000_000, 1);
    const body = { item_id: variant!.id, quantity: 1 };
    const params = { user_id: 'me' };
    const forged = await call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { params, body, headers: { origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('forbidden');
    const withKey = await call(cartRoute.POST, 'POST', '/api/v1/users/me/cart', { params, body, key: 'sw_test_shopper_demo', headers: { origin: 'https://evil.example' } });
    expect(withKey.status).toBe(200);
  });
});
