/**
 * Issue 16, items 2 and 5 and the account lows (authorised black-box test),
 * against the real handlers, server actions, proxy and Auth.js, with real
 * PostgreSQL:
 * - every sign-in path (the form's action, `POST /api/v1/auth/token`, Auth.js's
 *   own callback; e2e/security-sign-in.spec.ts drives the latter for real) refuses
 *   with 429 before the right password works, whatever X-Forwarded-For or
 *   Authorization say; limits are per email and per client address;
 * - the API limit is not bypassed by spoofed X-Forwarded-For, random
 *   Authorization values or other spellings of the same key; clients at
 *   different addresses (directly, or as a trusted proxy says) do not share a
 *   bucket; IPv6 clients are counted per /64;
 * - sign-out, a password change and "sign out everywhere" end sessions on the
 *   server: an old session cookie opens nothing, not even the dashboard's proxy
 *   guard;
 * - `12345678` and `password` are refused as passwords; sign-up is limited per
 *   address.
 *
 * The one thing faked is Next's request scope (`next/headers`, `next/cache`),
 * which does not exist outside a request: the cookie jar is a Map that the
 * real Auth.js writes to, and each request carries the header the server
 * stamps with the socket's address (`x-stockwise-peer`, see
 * lib/security/client-address.ts): the tests play the socket.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call } from '@/test/api';

const scope = vi.hoisted(() => ({
  cookies: new Map<string, string>(),
  peer: '192.0.2.1' as string | null,
  extra: {} as Record<string, string>,
}));

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (scope.cookies.has(name) ? { name, value: scope.cookies.get(name)! } : undefined),
    getAll: () => [...scope.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => scope.cookies.has(name),
    set: (name: string | { name: string; value: string; maxAge?: number }, value?: string, options?: { maxAge?: number }) => {
      const cookie = typeof name === 'object' ? name : { name, value: value ?? '', maxAge: options?.maxAge };
      // Auth.js ends a cookie by setting it empty with maxAge 0, as a browser would drop it.
      if (cookie.value === '' || cookie.maxAge === 0) scope.cookies.delete(cookie.name);
      else scope.cookies.set(cookie.name, cookie.value);
    },
    delete: (name: string) => scope.cookies.delete(name),
  }),
  headers: async () => requestHeaders(),
}));

const PEER = 'x-stockwise-peer';
const SESSION_COOKIE = 'authjs.session-token';

function requestHeaders(): Headers {
  const headers = new Headers({ host: 'localhost', 'x-forwarded-proto': 'http', ...scope.extra });
  if (scope.peer) headers.set(PEER, scope.peer);
  const cookie = [...scope.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  if (cookie) headers.set('cookie', cookie);
  return headers;
}

// Small limits for this file (the suite's setup raises every limit for the other files).
const LIMITS = 'api=20/60,checkout=100000/60,signin=10/60,signin_address=30/60,signup=5/3600';
process.env.STOCKWISE_RATE_LIMITS = LIMITS;

const usersRoute = await import('@/app/api/v1/users/route');
const tokenRoute = await import('@/app/api/v1/auth/token/route');
const sessionRoute = await import('@/app/api/session/route');
const authActions = await import('@/app/actions/auth');
const accountActions: Record<string, unknown> = await import('@/app/actions/account');
const { getCurrentUser } = await import('@/lib/session/current-user');
const { proxy } = await import('@/proxy');
const { NextRequest } = await import('next/server');

const SHOPPER_KEY = 'sw_test_shopper_demo';
const uniq = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const email = (label: string) => `sec-${label}-${uniq()}@example.com`;
const randomIp = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
const GOOD_PASSWORD = 'a-perfectly-fine-passphrase';

afterEach(() => {
  scope.cookies.clear();
  scope.peer = '192.0.2.1';
  scope.extra = {};
  process.env.STOCKWISE_RATE_LIMITS = LIMITS;
  delete process.env.STOCKWISE_TRUSTED_PROXIES;
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

type Outcome = { ok: boolean; message?: string; fieldErrors?: Record<string, string>; redirect?: string };

/** Runs a server action; Next's redirect (thrown) counts as success. */
async function act(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await run()) as Outcome | undefined;
    return result ?? { ok: true };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { ok: true, redirect: digest.split(';')[2] };
    throw error;
  }
}

async function signUp(address: string, password = GOOD_PASSWORD): Promise<void> {
  const created = await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email: address, password }, headers: { [PEER]: `198.18.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}` } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

/** Signs in through the shop's form action and returns the session cookie it set. */
async function signInWithForm(address: string, password: string, peer = `198.18.1.${1 + Math.floor(Math.random() * 250)}`): Promise<string> {
  scope.cookies.clear();
  scope.peer = peer;
  const outcome = await act(() => authActions.signInAction(null, form({ email: address, password, callbackUrl: '/account' })));
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
  const cookie = scope.cookies.get(SESSION_COOKIE);
  expect(cookie, 'a session cookie').toBeTruthy();
  return cookie!;
}

/** Who the session cookie is, as every page, action and REST call sees it. */
async function whoIs(cookie: string): Promise<string | null> {
  scope.cookies.clear();
  scope.cookies.set(SESSION_COOKIE, cookie);
  const user = await getCurrentUser();
  const viaRoute = await call(sessionRoute.GET, 'GET', '/api/session', { headers: { cookie: `${SESSION_COOKIE}=${cookie}` } });
  expect(viaRoute.body.user?.email ?? null).toBe(user?.email ?? null);
  scope.cookies.clear();
  return user?.email ?? null;
}

async function throughProxy(path: string, headers: Record<string, string>): Promise<Response> {
  const request = new NextRequest(`http://localhost${path}`, { headers: { host: 'localhost', 'x-forwarded-proto': 'http', ...headers } });
  return (proxy as unknown as (r: unknown, e: unknown) => Promise<Response>)(request, {});
}

describe('sign-in limits: every path, whatever X-Forwarded-For says', () => {
  it('POST /api/v1/auth/token: 25 wrong passwords (fresh X-Forwarded-For and Authorization each) → 429 before the right one works', { timeout: 180_000 }, async () => {
    const who = email('token');
    await signUp(who);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 25; attempt++) {
      const headers: Record<string, string> = { [PEER]: '192.0.2.50', 'x-forwarded-for': randomIp() };
      if (attempt % 2) headers.authorization = `Bearer sw_live_${randomBytes(24).toString('base64url')}`;
      const response = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: who, password: `wrong-${attempt}-password` }, headers });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.body.error.code).toBe('rate_limited');
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(15).fill(429));
    const right = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: who, password: GOOD_PASSWORD }, headers: { [PEER]: '192.0.2.50', 'x-forwarded-for': randomIp() } });
    expect(right.status).toBe(429);
    expect(right.body.token).toBeUndefined();
  });

  it('POST /api/v1/auth/token: the per-email limit holds from many addresses (a spread-out guessing run)', { timeout: 180_000 }, async () => {
    const who = email('spread');
    await signUp(who);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      const response = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: who, password: `wrong-${attempt}-password` }, headers: { [PEER]: `198.51.100.${attempt + 1}`, 'x-forwarded-for': randomIp() } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    const right = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: who, password: GOOD_PASSWORD }, headers: { [PEER]: '198.51.100.99' } });
    expect(right.status).toBe(429);
  });

  it('POST /api/v1/auth/token: one address guessing across many emails is limited per address', { timeout: 180_000 }, async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 32; attempt++) {
      const response = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', {
        body: { email: email(`spray${attempt}`), password: 'wrong-password-1' },
        headers: { [PEER]: '192.0.2.60', 'x-forwarded-for': randomIp(), authorization: `Bearer ${uniq()}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Another client is not held back by that one.
    const other = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: email('other'), password: 'wrong-password-1' }, headers: { [PEER]: '192.0.2.61' } });
    expect(other.status).toBe(401);
  });

  it('the sign-in form: 25 wrong passwords (fresh X-Forwarded-For each) → "too many" before the right one works', { timeout: 180_000 }, async () => {
    const who = email('form');
    await signUp(who);
    const messages: string[] = [];
    scope.peer = '192.0.2.70';
    for (let attempt = 0; attempt < 25; attempt++) {
      scope.extra = { 'x-forwarded-for': randomIp() };
      const outcome = await act(() => authActions.signInAction(null, form({ email: who, password: `wrong-${attempt}-password` })));
      expect(outcome.ok).toBe(false);
      messages.push(outcome.message ?? '');
    }
    expect(messages.slice(0, 10).every((m) => /do not match/i.test(m))).toBe(true);
    expect(messages.slice(10).every((m) => /too many attempts/i.test(m))).toBe(true);
    scope.extra = { 'x-forwarded-for': randomIp() };
    const right = await act(() => authActions.signInAction(null, form({ email: who, password: GOOD_PASSWORD })));
    expect(right.ok).toBe(false);
    expect(right.message).toMatch(/too many attempts/i);
    expect(scope.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it("Auth.js's own callback counts against the same budget, whether its body is a form or JSON", { timeout: 180_000 }, async () => {
    const { POST } = await import('@/app/api/auth/[...nextauth]/route');
    const who = email('authjs');
    await signUp(who);
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: who, password: `wrong-${attempt}-password` }, headers: { [PEER]: `198.51.103.${attempt + 1}`, 'x-forwarded-for': randomIp() } });
      expect(response.status).toBe(401);
    }
    const bodies: [string, string][] = [
      ['application/x-www-form-urlencoded', new URLSearchParams({ email: who.toUpperCase(), password: GOOD_PASSWORD, csrfToken: 'x' }).toString()],
      ['application/json', JSON.stringify({ email: ` ${who} `, password: GOOD_PASSWORD, csrfToken: 'x' })],
    ];
    for (const [type, body] of bodies) {
      const request = new NextRequest('http://localhost/api/auth/callback/credentials', {
        method: 'POST',
        headers: { host: 'localhost', 'x-forwarded-proto': 'http', 'content-type': type, [PEER]: '198.51.103.200', 'x-forwarded-for': randomIp() },
        body,
      });
      const response = await POST(request);
      expect(response.status, type).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('the form and the token route share one budget per email', { timeout: 180_000 }, async () => {
    const who = email('shared');
    await signUp(who);
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: who, password: `wrong-${attempt}-password` }, headers: { [PEER]: `198.51.101.${attempt + 1}`, 'x-forwarded-for': randomIp() } });
      expect(response.status).toBe(401);
    }
    scope.peer = '198.51.101.200';
    scope.extra = { 'x-forwarded-for': randomIp() };
    const outcome = await act(() => authActions.signInAction(null, form({ email: who, password: GOOD_PASSWORD })));
    expect(outcome.message).toMatch(/too many attempts/i);
  });
});

describe('the API limit: one bucket per live key, else per client address', () => {
  const search = '/api/v1/search?query=lamp';

  async function statuses(count: number, headers: (i: number) => Record<string, string>): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push((await throughProxy(search, headers(i))).status);
    return out;
  }
  const passedThenLimited = (list: number[], limit: number) => {
    expect(list.slice(0, limit).every((s) => s !== 429), JSON.stringify(list)).toBe(true);
    expect(list.slice(limit).every((s) => s === 429), JSON.stringify(list)).toBe(true);
  };

  it('a spoofed X-Forwarded-For buys no fresh bucket', async () => {
    passedThenLimited(await statuses(25, () => ({ [PEER]: '192.0.2.80', 'x-forwarded-for': randomIp(), 'x-real-ip': randomIp() })), 20);
  });

  it('random or malformed Authorization values buy no fresh bucket', async () => {
    const junk = (i: number) =>
      [`Bearer sw_live_${randomBytes(24).toString('base64url')}`, `Bearer ${uniq()}`, `Basic ${uniq()}`, uniq(), 'Bearer', `Bearer a b ${uniq()}`][i % 6]!;
    passedThenLimited(await statuses(25, (i) => ({ [PEER]: '192.0.2.81', authorization: junk(i) })), 20);
  });

  it('every spelling of the same key is the same bucket', async () => {
    const spellings = [`Bearer ${SHOPPER_KEY}`, `bearer ${SHOPPER_KEY}`, `Bearer  ${SHOPPER_KEY}`, `BEARER ${SHOPPER_KEY}`, `Bearer ${SHOPPER_KEY} `];
    // Each from a different address: the key, not the address, is what is counted.
    passedThenLimited(await statuses(25, (i) => ({ [PEER]: `192.0.2.${100 + i}`, authorization: spellings[i % spellings.length]! })), 20);
  });

  it('two anonymous clients at different addresses do not share a bucket', async () => {
    passedThenLimited(await statuses(21, () => ({ [PEER]: '192.0.2.90' })), 20);
    expect((await throughProxy(search, { [PEER]: '192.0.2.91' })).status).not.toBe(429);
  });

  it('IPv6 clients are counted per /64; another /64 is another client', async () => {
    passedThenLimited(await statuses(21, (i) => ({ [PEER]: `2001:db8:1:2::${(i + 1).toString(16)}` })), 20);
    expect((await throughProxy(search, { [PEER]: '2001:db8:1:3::1' })).status).not.toBe(429);
  });

  it('behind a trusted proxy, X-Forwarded-For is walked from the right; an untrusted peer’s X-Forwarded-For is ignored', async () => {
    process.env.STOCKWISE_TRUSTED_PROXIES = '10.20.0.0/16, 192.0.2.250';
    const viaProxy = (xff: string) => ({ [PEER]: '10.20.0.5', 'x-forwarded-for': xff });
    // The client forged a first entry; the proxy appended the real address.
    passedThenLimited(await statuses(21, () => viaProxy(`${randomIp()}, 198.51.100.50`)), 20);
    // Two proxies deep, the same client is still the same client.
    expect((await throughProxy(search, viaProxy('198.51.100.50, 10.20.0.7'))).status).toBe(429);
    expect((await throughProxy(search, { [PEER]: '192.0.2.250', 'x-forwarded-for': '198.51.100.50, 10.20.3.3' })).status).toBe(429);
    // Another client behind the same proxy has its own bucket.
    expect((await throughProxy(search, viaProxy('198.51.100.51'))).status).not.toBe(429);
    // A peer that is not a trusted proxy is itself the client, whatever it forwards.
    expect((await throughProxy(search, { [PEER]: '192.0.2.95', 'x-forwarded-for': '198.51.100.52' })).status).not.toBe(429);
    passedThenLimited(await statuses(20, () => ({ [PEER]: '192.0.2.95', 'x-forwarded-for': '198.51.100.51' })), 19);
    expect((await throughProxy(search, viaProxy('198.51.100.51'))).status).not.toBe(429);
  });
});

describe('the client-address rule, directly', () => {
  it('reads sockets and proxies the way they write addresses, and names a malformed STOCKWISE_TRUSTED_PROXIES entry', async () => {
    const rule = (await import('@/lib/security/client-address')) as typeof import('@/lib/security/client-address');
    const headers = (peer: string, xff?: string) => new Headers({ [PEER]: peer, ...(xff ? { 'x-forwarded-for': xff } : {}) });
    const env = { STOCKWISE_TRUSTED_PROXIES: '127.0.0.1, ::1, 10.0.0.0/8' };
    expect(rule.clientKey(headers('::ffff:192.0.2.7'), env)).toBe('ip:192.0.2.7');
    expect(rule.clientKey(headers('::ffff:127.0.0.1', '198.51.100.9:4711'), env)).toBe('ip:198.51.100.9');
    expect(rule.clientKey(headers('::1', '[2001:db8:a:b:c::1]:443'), env)).toBe('ip:2001:db8:a:b::/64');
    expect(rule.clientKey(headers('10.1.2.3', 'not-an-address, 10.9.9.9'), env)).toBe('ip:10.9.9.9');
    expect(rule.clientKey(new Headers({ 'x-forwarded-for': '198.51.100.9' }), env)).toBe('ip:unknown');
    expect(rule.parseTrustedProxies(' 10.0.0.0/8 ,, fd00::/8 ').problems).toEqual([]);
    expect(rule.parseTrustedProxies('10.0.0.0/33, proxy.internal, 1.2.3.4/8/1').problems).toEqual([
      '"10.0.0.0/33" has a prefix length outside 0–32',
      '"proxy.internal" is not an IP address or CIDR',
      '"1.2.3.4/8/1" is not an IP address or CIDR',
    ]);
    expect(() => rule.clientKey(headers('10.0.0.1'), { STOCKWISE_TRUSTED_PROXIES: 'nope' })).toThrow(/STOCKWISE_TRUSTED_PROXIES: "nope"/);
  });
});

describe('sessions end on the server', () => {
  it('after sign-out, the old session cookie is signed out (pages, actions, REST)', async () => {
    const who = email('signout');
    await signUp(who);
    const cookie = await signInWithForm(who, GOOD_PASSWORD);
    expect(await whoIs(cookie)).toBe(who);
    scope.cookies.set(SESSION_COOKIE, cookie);
    await authActions.signOutAction();
    expect(scope.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await whoIs(cookie)).toBeNull();
  });

  it('a password change ends every session, the changing one gets a fresh cookie; old password out, new one in', { timeout: 60_000 }, async () => {
    const changePasswordAction = accountActions.changePasswordAction as ((prev: unknown, data: FormData) => Promise<Outcome>) | undefined;
    expect(changePasswordAction, 'app/actions/account.ts exports changePasswordAction').toBeTypeOf('function');
    const who = email('change');
    await signUp(who);
    const laptop = await signInWithForm(who, GOOD_PASSWORD);
    const phone = await signInWithForm(who, GOOD_PASSWORD);
    scope.cookies.set(SESSION_COOKIE, phone);

    const wrong = await act(() => changePasswordAction!(null, form({ currentPassword: 'not-my-password', newPassword: 'another-fine-passphrase', confirmPassword: 'another-fine-passphrase' })));
    expect(wrong.ok).toBe(false);
    expect(wrong.fieldErrors?.currentPassword).toMatch(/not your current password/i);
    const weak = await act(() => changePasswordAction!(null, form({ currentPassword: GOOD_PASSWORD, newPassword: 'password', confirmPassword: 'password' })));
    expect(weak.fieldErrors?.newPassword).toBeTruthy();
    const mismatch = await act(() => changePasswordAction!(null, form({ currentPassword: GOOD_PASSWORD, newPassword: 'another-fine-passphrase', confirmPassword: 'another-fine-passphrasf' })));
    expect(mismatch.fieldErrors?.confirmPassword).toBeTruthy();
    expect(await whoIs(laptop)).toBe(who);

    scope.cookies.set(SESSION_COOKIE, phone);
    const changed = await act(() => changePasswordAction!(null, form({ currentPassword: GOOD_PASSWORD, newPassword: 'another-fine-passphrase', confirmPassword: 'another-fine-passphrase' })));
    expect(changed, JSON.stringify(changed)).toMatchObject({ ok: true, redirect: '/account?password=changed#password' });
    const fresh = scope.cookies.get(SESSION_COOKIE);
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(phone);
    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(phone)).toBeNull();
    expect(await whoIs(fresh!)).toBe(who);

    // The demo accounts' published passwords stay as published.
    await signInWithForm('shopper@example.com', 'shopper-password');
    const demo = await act(() => changePasswordAction!(null, form({ currentPassword: 'shopper-password', newPassword: 'another-fine-passphrase', confirmPassword: 'another-fine-passphrase' })));
    expect(demo.ok).toBe(false);
    expect(demo.message).toMatch(/demo accounts keep their published passwords/i);

    const oldPassword = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: who, password: GOOD_PASSWORD }, headers: { [PEER]: '198.51.102.1' } });
    expect(oldPassword.status).toBe(401);
    const newPassword = await call(tokenRoute.POST, 'POST', '/api/v1/auth/token', { body: { email: who, password: 'another-fine-passphrase' }, headers: { [PEER]: '198.51.102.1' } });
    expect(newPassword.status).toBe(201);
  });

  it('"sign out everywhere" ends every session of the account, and only that account’s', async () => {
    const signOutEverywhereAction = (authActions as Record<string, unknown>).signOutEverywhereAction as (() => Promise<unknown>) | undefined;
    expect(signOutEverywhereAction, 'app/actions/auth.ts exports signOutEverywhereAction').toBeTypeOf('function');
    const who = email('everywhere');
    const bystander = email('bystander');
    await signUp(who);
    await signUp(bystander);
    const first = await signInWithForm(who, GOOD_PASSWORD);
    const second = await signInWithForm(who, GOOD_PASSWORD);
    const theirs = await signInWithForm(bystander, GOOD_PASSWORD);
    scope.cookies.set(SESSION_COOKIE, second);
    await act(() => signOutEverywhereAction!());
    expect(await whoIs(first)).toBeNull();
    expect(await whoIs(second)).toBeNull();
    expect(await whoIs(theirs)).toBe(bystander);
  });

  it('a revoked merchant session does not get past the dashboard’s proxy guard', async () => {
    const cookie = await signInWithForm('merchant@example.com', 'merchant-password');
    const before = await throughProxy('/admin/orders', { cookie: `${SESSION_COOKIE}=${cookie}`, [PEER]: '192.0.2.120' });
    expect(before.status).toBe(200);
    expect(before.headers.get('x-middleware-next')).toBe('1');
    scope.cookies.set(SESSION_COOKIE, cookie);
    await authActions.signOutAction();
    const after = await throughProxy('/admin/orders', { cookie: `${SESSION_COOKIE}=${cookie}`, [PEER]: '192.0.2.120' });
    expect(after.headers.get('x-middleware-next')).toBeNull();
    expect(after.headers.get('location') ?? '').toContain('/sign-in');
    expect(await whoIs(cookie)).toBeNull();
  });
});

describe('passwords and sign-up', () => {
  it('12345678, password and other common passwords are refused, naming the field; long passphrases (the demo ones too) are fine', async () => {
    for (const password of ['12345678', 'password', '1234567890', 'password123', 'qwertyuiop', 'Password1234']) {
      const response = await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email: email('weak'), password }, headers: { [PEER]: `198.18.9.${1 + Math.floor(Math.random() * 250)}` } });
      expect(response.status, password).toBe(400);
      expect(response.body.error.details.fields.password, password).toBeTruthy();
    }
    scope.peer = '198.18.10.1';
    const viaForm = await act(() => authActions.signUpAction(null, form({ email: email('weakform'), password: 'password' })));
    expect(viaForm.ok).toBe(false);
    expect(viaForm.fieldErrors?.password).toBeTruthy();
    for (const password of ['shopper-password', 'correct horse battery staple']) {
      const response = await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email: email('fine'), password }, headers: { [PEER]: `198.18.11.${1 + Math.floor(Math.random() * 250)}` } });
      expect(response.status, password).toBe(201);
    }
  });

  it('sign-up says when an email is taken (409, as API.md promises) but only a few times per address, whatever X-Forwarded-For says', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const body = { email: attempt % 2 ? 'shopper@example.com' : email('probe'), password: GOOD_PASSWORD };
      const response = await call(usersRoute.POST, 'POST', '/api/v1/users', { body, headers: { [PEER]: '192.0.2.130', 'x-forwarded-for': randomIp(), authorization: `Bearer ${uniq()}` } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([201, 409, 201, 409, 201, 429, 429]);
    // The form shares the address's budget.
    scope.peer = '192.0.2.130';
    const viaForm = await act(() => authActions.signUpAction(null, form({ email: email('probeform'), password: GOOD_PASSWORD })));
    expect(viaForm.ok).toBe(false);
    expect(viaForm.message).toMatch(/too many/i);
    // Someone else is not held back.
    const other = await call(usersRoute.POST, 'POST', '/api/v1/users', { body: { email: email('other'), password: GOOD_PASSWORD }, headers: { [PEER]: '192.0.2.131' } });
    expect(other.status).toBe(201);
  });
});
