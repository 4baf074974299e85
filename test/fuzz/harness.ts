/**
 * Shared pieces of the fuzz suite (test/fuzz): the seed, hostile values, a raw
 * in-process HTTP call, the database fingerprint, and the figures written to
 * artifacts/reliability/fuzz.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { z } from 'zod';
import { getDb } from '@/db/client';
import { flushAnalytics } from '@/lib/analytics/recorder';

/** Fixed by default so a failure reproduces; FUZZ_SEED=<n> to explore (or replay) another one. */
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261122;
/** FUZZ_RUNS scales every property's number of runs (1 = the CI budget). */
export const SCALE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;
export const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
export const fcParams = (numRuns: number) => ({ seed: SEED, numRuns: runs(numRuns), endOnFailure: true });

// ---------------------------------------------------------------- hostile values

export const HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "javascript:alert('x')"];
export const SQL = ["' OR 1=1 --", "'); DROP TABLE users; --", '1; select pg_sleep(5)', '$1', "\\' union select null --"];
export const UNICODE = [
  '\u202Eevil\u202C', // RTL override
  'مرحبا بالعالم',
  '🛒🔥👩🏽‍💻',
  'nul\u0000byte',
  '\u0000',
  'lone \uD800 surrogate',
  '\uDFFF',
  '\uFEFF\u200B',
  'Ｗｉｄｅ',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'a\u0301\u0301\u0301',
];
export const WEIRD_STRINGS = ['', ' ', '\n\t', 'null', 'undefined', 'NaN', '-1', '0', '1e309', '../../etc/passwd', '%00', '%ZZ', 'x'.repeat(10_000)];
export const HOSTILE_STRINGS = [...HTML, ...SQL, ...UNICODE, ...WEIRD_STRINGS];
export const HOSTILE_NUMBERS = [-1, 0, -0, 0.5, 1.5, -2.5, 1e21, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, -1e9, 999_999_999];
/** Quantities: negative, zero, huge, fractional and as strings. */
export const HOSTILE_QUANTITIES: unknown[] = [...HOSTILE_NUMBERS, '1', '2', '-1', '1.5', 'ten', '', null, true, [], {}, [1], { value: 1 }];
/** Ids: malformed (400) and well-formed but unknown (404). */
export const MALFORMED_IDS = [
  '', '1', '-1', '0', 'me ', 'null', 'undefined', "1' OR '1'='1", '<script>alert(1)</script>', 'x'.repeat(300),
  '00000000-0000-0000-0000-00000000000g', '0000000-0000-0000-0000-000000000000', '{00000000-0000-0000-0000-000000000000}',
  '\u0000', 'lone \uD800', '🛒', '%00', '../items',
];
export const UNKNOWN_IDS = ['00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff', '6F9619FF-8B86-4011-B42D-00C04FC964FF'];

const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 }) },
);
/** Any hostile JSON value: strings, numbers, booleans, null, arrays and objects of them. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString,
    fc.constantFrom(...HOSTILE_QUANTITIES),
    fc.constantFrom(...MALFORMED_IDS, ...UNKNOWN_IDS),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', '$where', '<b>'), tie('value'), { maxKeys: 2 }),
  ),
})).value;

export const hostileId = fc.constantFrom(...MALFORMED_IDS);
export const anyId = fc.oneof(hostileId, fc.constantFrom(...UNKNOWN_IDS), fc.uuid());

/**
 * A body built from a zod object schema: its own keys (plus, sometimes, an
 * unknown one), each a plausible value or a hostile one.
 */
export function bodyFrom(schema: z.ZodType, plausible: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const keys = [...new Set([...Object.keys(shape), ...Object.keys(plausible)])];
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) fields[key] = plausible[key] ? fc.oneof(plausible[key], hostileValue) : hostileValue;
  return fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.option(fc.tuple(fc.constantFrom('extra', 'isAdmin', 'role', '__proto__'), hostileValue), { nil: undefined }))
    .map(([body, extra]) => (extra ? { ...body, [extra[0]]: extra[1] } : body));
}

/** Whether zod itself accepts the body: the oracle that says a request must be refused. */
export function schemaAccepts(schema: z.ZodType, body: unknown): boolean {
  return schema.safeParse(body).success;
}

// ---------------------------------------------------------------- raw transport

/** Raw body texts that are never a valid request body. */
export function malformedBodies(validKey: string): fc.Arbitrary<{ text: string; contentType?: string; label: string }> {
  return fc.oneof(
    fc.constantFrom(
      { label: 'not json', text: '{"a":' },
      { label: 'not json', text: "{'single': 'quotes'}" },
      { label: 'not json', text: 'NaN' },
      { label: 'trailing', text: '{} {}' },
      { label: 'empty', text: '' },
      { label: 'array', text: '[]' },
      { label: 'scalar', text: '42' },
      { label: 'null', text: 'null' },
      { label: 'string', text: '"<script>"' },
      { label: 'deep', text: '['.repeat(5000) + ']'.repeat(5000) },
      // Duplicate keys: JSON.parse keeps the last, which is hostile here.
      { label: 'duplicate keys', text: `{"${validKey}":1,"${validKey}":-5,"${validKey}":"<script>"}` },
      { label: 'duplicate keys', text: `{"${validKey}":"00000000-0000-4000-8000-000000000000","${validKey}":"'; drop table users; --"}` },
    ),
    // A 1 MB body.
    fc.constantFrom({ label: '1 MB', text: JSON.stringify({ [validKey]: 'x'.repeat(1024 * 1024) }) }),
    fc.constantFrom({ label: '1 MB array', text: `[${'1,'.repeat(512 * 1024)}1]` }),
  );
}

export const WRONG_CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp', '', 'application/json-patch', 'text/html; charset=utf-8'];

export type Sent = { status: number; text: string; json: unknown };

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export type RawRequest = {
  method: string;
  path: string;
  query?: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
};

/** Calls a route handler in-process with a raw body; parses the answer when it is JSON. */
export async function send(handler: unknown, req: RawRequest): Promise<Sent> {
  const request = new Request(`http://localhost${req.path}${req.query ? `?${req.query}` : ''}`, {
    method: req.method,
    headers: req.headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
  });
  const response = await (handler as Handler)(request, { params: Promise.resolve(req.params ?? {}) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** The REST error shape `{ error: { code, message, details? } }`, or a reason it is not. */
export function errorShapeProblem(json: unknown): string | null {
  if (!json || typeof json !== 'object') return 'body is not a JSON object';
  const error = (json as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return 'no error object';
  const { code, message, details, ...rest } = error as Record<string, unknown>;
  if (typeof code !== 'string' || code === '') return 'no error.code';
  if (typeof message !== 'string' || message === '') return 'no error.message';
  if (details !== undefined && (details === null || typeof details !== 'object')) return 'details is not an object';
  if (Object.keys(rest).length > 0) return `unexpected keys ${Object.keys(rest).join(',')}`;
  return null;
}

// ---------------------------------------------------------------- database fingerprint

/** A digest of every row of every table (and the job queue): equal digests mean nothing changed. */
export async function fingerprint(): Promise<string> {
  const db = getDb();
  await flushAnalytics(db);
  const tables = await db.execute<{ schema: string; name: string }>(sql`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema in ('public', 'archive', 'graphile_worker') and table_type = 'BASE TABLE' order by 1, 2`);
  const parts: string[] = [];
  for (const t of tables) {
    const [row] = await db.execute<{ digest: string | null }>(
      // An API key's last use is stamped when it authenticates, before the request is judged: not a change by the request.
      t.schema === 'public' && t.name === 'api_keys'
        ? sql.raw(`select md5(string_agg(x, '|' order by x)) as digest from (select (to_jsonb(t) - 'last_used_at')::text as x from public.api_keys t) s`)
        : sql.raw(`select md5(string_agg(t::text, '|' order by t::text)) as digest from "${t.schema}"."${t.name}" t`),
    );
    parts.push(`${t.schema}.${t.name}:${row?.digest ?? 'empty'}`);
  }
  return parts.join('\n');
}

/** Lines of two fingerprints that differ (which tables changed). */
export function changedTables(before: string, after: string): string[] {
  const a = new Set(before.split('\n'));
  return after.split('\n').filter((line) => !a.has(line)).map((line) => line.split(':')[0]!);
}

// ---------------------------------------------------------------- figures

export type Tally = { sent: number; rejected: number; accepted: number; server_errors: number };

export class Figures {
  readonly targets = new Map<string, Tally>();
  readonly started = Date.now();
  constructor(readonly part: string) {}

  count(target: string, outcome: 'rejected' | 'accepted' | 'server_error'): void {
    const tally = this.targets.get(target) ?? { sent: 0, rejected: 0, accepted: 0, server_errors: 0 };
    tally.sent += 1;
    if (outcome === 'rejected') tally.rejected += 1;
    else if (outcome === 'accepted') tally.accepted += 1;
    else tally.server_errors += 1;
    this.targets.set(target, tally);
  }

  /** Writes this file's part and merges every part into artifacts/reliability/fuzz.json. */
  write(extra: Record<string, unknown> = {}): void {
    const dir = path.resolve(import.meta.dirname, '../../artifacts/reliability');
    const partsDir = path.join(dir, 'fuzz-parts');
    mkdirSync(partsDir, { recursive: true });
    const targets = Object.fromEntries([...this.targets].sort(([a], [b]) => a.localeCompare(b)));
    const totals = [...this.targets.values()].reduce(
      (sum, t) => ({ sent: sum.sent + t.sent, rejected: sum.rejected + t.rejected, accepted: sum.accepted + t.accepted, server_errors: sum.server_errors + t.server_errors }),
      { sent: 0, rejected: 0, accepted: 0, server_errors: 0 },
    );
    const part = { part: this.part, seed: SEED, scale: SCALE, duration_ms: Date.now() - this.started, totals, targets, ...extra };
    writeFileSync(path.join(partsDir, `${this.part}.json`), `${JSON.stringify(part, null, 2)}\n`);
    const parts = readdirSync(partsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(partsDir, f), 'utf8')) as typeof part);
    const merged = {
      generated_at: new Date().toISOString(),
      seed: SEED,
      reproduce: `FUZZ_SEED=${SEED} npx vitest run test/fuzz`,
      totals: parts.reduce(
        (sum, p) => ({ sent: sum.sent + p.totals.sent, rejected: sum.rejected + p.totals.rejected, accepted: sum.accepted + p.totals.accepted, server_errors: sum.server_errors + p.totals.server_errors }),
        { sent: 0, rejected: 0, accepted: 0, server_errors: 0 },
      ),
      duration_ms_per_part: Object.fromEntries(parts.map((p) => [p.part, p.duration_ms])),
      parts: Object.fromEntries(parts.map((p) => [p.part, p])),
    };
    writeFileSync(path.join(dir, 'fuzz.json'), `${JSON.stringify(merged, null, 2)}\n`);
  }
}

/** Lone surrogates become U+FFFD, as a client's UTF-8 encoder would do before they reach a URL or a header. */
export function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
