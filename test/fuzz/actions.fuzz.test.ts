/**
 * Fuzzing every server action (app/actions/*.ts) with fast-check: hostile
 * arguments and forms (field names read from each action's source), as a
 * shopper, a merchant and nobody. Properties: the action answers (an
 * ActionResult, or a redirect), never throws; a refusal is `ok: false` with a
 * message that is not the "something went wrong" of an unexpected error; a
 * refused call changes nothing in the database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { findUserById, type AuthUser } from '@/lib/auth/users';
import { userIdByEmail, variantsWithStock } from '../fixtures';
import { anyId, changedTables, fcParams, Figures, fingerprint, hostileValue, HOSTILE_QUANTITIES, HOSTILE_STRINGS, SEED } from './harness';

const session = vi.hoisted(() => ({ user: null as AuthUser | null }));
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), headers: new Headers() }));
vi.mock('@/lib/session/current-user', () => ({ getCurrentUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {} }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name)! } : undefined),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.cookies.has(name),
    set: (name: string, value: string) => void jar.cookies.set(name, value),
    delete: (name: string) => void jar.cookies.delete(name),
  }),
  headers: async () => jar.headers,
}));

const UNEXPECTED = /something went wrong on our side/i;
const figures = new Figures('actions');
const db = getDb();
const dir = path.resolve(import.meta.dirname, '../../app/actions');
let shopper: AuthUser;
let merchant: AuthUser;
let real: string[];

beforeAll(async () => {
  shopper = (await findUserById(db, await userIdByEmail(db, 'shopper@example.com')))!;
  merchant = (await findUserById(db, await userIdByEmail(db, 'merchant@example.com')))!;
  const variants = await variantsWithStock(db, 5, 1_000_000, 3);
  const [row] = await db.execute<{ ids: string[] }>(sql`
    select array_remove(array[
      (select id::text from orders order by created_at limit 1), (select id::text from products limit 1),
      (select id::text from promotions limit 1), (select id::text from suppliers limit 1),
      (select id::text from warehouses limit 1), (select id::text from product_images limit 1)], null) as ids`);
  real = [...variants.map((v) => v.id), ...row!.ids];
  console.log(`[fuzz] actions seed ${SEED} (FUZZ_SEED to override)`);
});

afterAll(() => {
  figures.write();
});

/** The form fields an action file reads, from its source: form.get('x'), text(form, 'x'), `${prefix}x`… */
function fieldNames(source: string): string[] {
  const names = new Set<string>(['id', 'name']);
  for (const m of source.matchAll(/(?:form\.get(?:All)?\(|text\(form,\s*|field\()\s*['`]([^'`$]+)['`]/g)) names.add(m[1]!);
  if (/variants\./.test(source)) ['variants.0.sku', 'variants.0.price', 'variants.0.color', 'variants.0.size', 'variants.0.stock.x'].forEach((n) => names.add(n));
  return [...names];
}

const hostileText = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_QUANTITIES.map(String)), anyId);
const anyText = (plausible: string[]) => fc.oneof(hostileText, fc.constantFrom('1', '3', 'Fuzz', ...plausible));

function formFor(fields: string[]): fc.Arbitrary<FormData> {
  const entry = fc.tuple(fc.constantFrom(...fields), fc.oneof({ weight: 6, arbitrary: anyText(real) }, { weight: 1, arbitrary: fc.constantFrom('file', 'big-file') }));
  return fc.array(entry, { maxLength: 10 }).map((entries) => {
    const form = new FormData();
    for (const [k, v] of entries) {
      if (v === 'file') form.append(k, new Blob(['<script>alert(1)</script>\u0000'], { type: 'image/png' }), 'x.png');
      else if (v === 'big-file') form.append(k, new Blob([new Uint8Array(1024 * 1024 + 1)], { type: 'text/csv' }), 'big.csv');
      else form.append(k, v);
    }
    return form;
  });
}

/** Arguments for an action from its parameter list, as written in its source. */
function argsFor(source: string, name: string, fields: string[]): fc.Arbitrary<unknown[]> {
  const signature = new RegExp(`export async function ${name}\\(([^)]*)\\)`).exec(source)?.[1] ?? '';
  const params = signature.split(/,(?![^{]*})/).map((p) => p.trim()).filter(Boolean);
  return fc.tuple(
    ...params.map((p): fc.Arbitrary<unknown> => {
      if (/FormData/.test(p)) return formFor(fields);
      if (/^_?previous/.test(p)) return fc.constant(null);
      if (/: string/.test(p) && !/\{/.test(p)) return fc.oneof(anyId, fc.constantFrom(...real), fc.constantFrom('draft', 'active', 'archived', '<script>'));
      if (/: boolean/.test(p)) return fc.oneof(fc.boolean(), hostileValue);
      // An object input: its keys as written ({ itemId: string; quantity?: number }), or unknown.
      const keys = [...p.matchAll(/(\w+)\??:/g)].map((m) => m[1]!).filter((k) => k !== 'input');
      const all = keys.length ? keys : ['id', 'ids', 'orderId', 'orderIds', 'action', 'type', 'status', 'active'];
      return fc.oneof(
        fc.record(Object.fromEntries(all.map((k) => [k, fc.oneof(anyText(real), fc.constantFrom(...HOSTILE_QUANTITIES), hostileValue, fc.array(fc.oneof(anyId, fc.constantFrom(...real)), { maxLength: 3 }))])), { requiredKeys: [] }),
        hostileValue,
      );
    }),
  );
}

type Action = (...args: unknown[]) => Promise<unknown>;

/** Runs an action; a redirect (Next throws one) is an answer, anything else thrown is a failure. */
async function run(fn: Action, args: unknown[]): Promise<{ kind: 'result'; value: unknown } | { kind: 'redirect' } | { kind: 'threw'; error: unknown }> {
  try {
    return { kind: 'result', value: await fn(...args) };
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { kind: 'redirect' };
    return { kind: 'threw', error };
  }
}

const show = (args: unknown[]) =>
  JSON.stringify(args.map((a) => (a instanceof FormData ? Object.fromEntries([...a.entries()].map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 80) : `<file ${v.size}B>`])) : a))).slice(0, 800);

// Skipped: signOutAction (no input); signIn/signUp go through next-auth's signIn, which needs a real request (covered by REST /api/auth).
const SKIP = new Set(['auth.ts#signOutAction']);

/** Every exported async function of every app/actions file, found from the sources (so a new action is fuzzed at once). */
const ACTIONS = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .flatMap((file) => [...readFileSync(path.join(dir, file), 'utf8').matchAll(/export async function (\w+)/g)].map((m) => ({ file, name: m[1]! })));

describe('server actions under fuzzing', () => {
  it('are found', () => {
    expect(ACTIONS.length).toBeGreaterThan(30);
  });

  // signOutAction takes no input: nothing to fuzz, so it is left out rather than skipped.
  for (const { file, name } of ACTIONS.filter((a) => !SKIP.has(`${a.file}#${a.name}`))) {
    const target = `${file}#${name}`;
    const admin = file.startsWith('admin-');
    it(`${target}: an ActionResult for hostile input (never a throw or "something went wrong"); refusals change nothing`, { timeout: 120_000 }, async () => {
      const source = readFileSync(path.join(dir, file), 'utf8');
      const fn = ((await import(path.join(dir, file))) as Record<string, Action>)[name]!;
      let before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(argsFor(source, name, fieldNames(source)), fc.constantFrom<'shopper' | 'merchant' | null>(...(admin ? (['merchant', 'merchant', 'shopper'] as const) : (['shopper', 'merchant', null] as const))), async (args, who) => {
          session.user = who === 'shopper' ? shopper : who === 'merchant' ? merchant : null;
          jar.cookies.clear();
          const outcome = await run(fn, args);
          const context = `${target} as ${who ?? 'anonymous'} with ${show(args)}`;
          if (outcome.kind === 'threw') {
            figures.count(target, 'server_error');
            expect.fail(`${context}: threw ${String((outcome.error as Error)?.stack ?? outcome.error).slice(0, 600)}`);
          }
          const value = outcome.kind === 'result' ? (outcome.value as { ok?: unknown; message?: unknown } | null | undefined) : undefined;
          const refused = outcome.kind === 'result' && (value === null || value?.ok === false);
          if (refused && value && typeof value.message === 'string' && UNEXPECTED.test(value.message)) {
            figures.count(target, 'server_error');
            expect.fail(`${context}: answered "${value.message}" (an unexpected error)`);
          }
          if (outcome.kind === 'result' && value !== null && value !== undefined && typeof value.ok !== 'boolean' && name !== 'previewTotalsAction') {
            expect.fail(`${context}: not an ActionResult: ${JSON.stringify(value).slice(0, 200)}`);
          }
          figures.count(target, refused ? 'rejected' : 'accepted');
          const after = await fingerprint();
          // Creating the shopper's (empty) cart on the way is a session's side effect, not a change by the refused input.
          if (refused) expect(changedTables(before, after).filter((t) => t !== 'public.carts'), `${context}: a refusal changed tables`).toEqual([]);
          before = after;
        }),
        fcParams(admin ? 12 : 15),
      );
      session.user = null;
    });
  }
});
