/**
 * One contract for every key-value adapter, run against the memory store, a
 * real redis-server over TCP (the run's server: `inject('redisUrl')`), and the
 * Upstash adapter talking to a local stand-in of the Upstash REST API that
 * executes each command on that same real redis-server. Then unit tests of what
 * the Upstash adapter sends and how it maps the answers.
 *
 * The Redis server is shared by the whole test run: every test uses its own key
 * prefix and deletes its keys afterwards.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { freePort } from '@/db/embedded';
import { createKvFromEnv, kv, resetKvForTests } from './index';
import { MemoryKeyValueStore } from './memory';
import { RedisTcpKeyValueStore } from './redis-tcp';
import { KvClosedError, scriptSha1, type KeyValueStore, type KvScriptContext, type ScriptFallback } from './types';
import { UpstashKeyValueStore } from './upstash';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Harness = {
  open(): KeyValueStore;
  /** Empties the server's script cache (Redis only), to prove NOSCRIPT recovery. */
  flushScripts?: () => Promise<void>;
};

// The flash-sale shape: take `units` only if the counter stays >= 0; answers what is left, or -1.
const TAKE_LUA = `
local units = tonumber(ARGV[1])
if not units or units <= 0 then return redis.error_reply('units must be a positive number') end
local left = tonumber(redis.call('GET', KEYS[1]) or '0')
if left < units then return -1 end
return redis.call('DECRBY', KEYS[1], units)
`;
const takeFallback: ScriptFallback = (store, [key], [unitsArg]) => {
  const units = Number(unitsArg);
  if (!(units > 0)) throw new Error('units must be a positive number');
  const left = Number(store.get(key!) ?? '0');
  if (left < units) return -1;
  return store.incrBy(key!, -units);
};

function kvContract(name: string, makeHarness: () => Harness) {
  describe(`KeyValueStore contract: ${name}`, () => {
    let harness: Harness;
    let store: KeyValueStore;
    let prefix: string;
    const used = new Set<string>();
    /** A key unique to this test (deleted afterwards). */
    const k = (suffix: string) => {
      const key = `${prefix}${suffix}`;
      used.add(key);
      return key;
    };

    beforeAll(() => {
      harness = makeHarness();
    });
    beforeEach(() => {
      prefix = `kvtest:${randomUUID()}:`;
      used.clear();
      store = harness.open();
    });
    afterEach(async () => {
      const cleanup = harness.open();
      await cleanup.del(...used);
      await cleanup.close();
      await store.close();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('gets and sets strings', async () => {
      const key = k('greeting');
      expect(await store.get(key)).toBeNull();
      expect(await store.set(key, 'hello')).toBe(true);
      expect(await store.get(key)).toBe('hello');
      expect(await store.set(key, 'café ☕ {"json":1}')).toBe(true);
      expect(await store.get(key)).toBe('café ☕ {"json":1}');
      // Values stay strings, even when they look like numbers or JSON.
      await store.set(key, '0042');
      expect(await store.get(key)).toBe('0042');
      await store.set(key, '');
      expect(await store.get(key)).toBe('');
    });

    it('expires keys after ttlMs; a plain set clears the TTL', async () => {
      const short = k('short');
      const kept = k('kept');
      expect(await store.set(short, 'v', { ttlMs: 150 })).toBe(true);
      await store.set(kept, 'v', { ttlMs: 150 });
      await store.set(kept, 'w'); // no TTL any more
      expect(await store.get(short)).toBe('v');
      const ttl = await store.pttl(short);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(150);
      expect(await store.pttl(kept)).toBe(-1);
      await sleep(300);
      expect(await store.get(short)).toBeNull();
      expect(await store.pttl(short)).toBe(-2);
      expect(await store.get(kept)).toBe('w');
    });

    it('writes only if absent when asked (a lock that frees itself)', async () => {
      const lock = k('lock');
      expect(await store.set(lock, 'first', { onlyIfAbsent: true, ttlMs: 150 })).toBe(true);
      expect(await store.set(lock, 'second', { onlyIfAbsent: true, ttlMs: 150 })).toBe(false);
      expect(await store.get(lock)).toBe('first');
      await sleep(300);
      expect(await store.set(lock, 'third', { onlyIfAbsent: true })).toBe(true);
      expect(await store.get(lock)).toBe('third');
      expect(await store.pttl(lock)).toBe(-1);
    });

    it('deletes keys and counts the ones that existed', async () => {
      const [a, b, c] = [k('a'), k('b'), k('c')];
      await store.set(a, '1');
      await store.zadd(b, 1, 'm');
      expect(await store.del(a, b, c)).toBe(2);
      expect(await store.get(a)).toBeNull();
      expect(await store.zcard(b)).toBe(0);
      expect(await store.del(a)).toBe(0);
      expect(await store.del()).toBe(0);
    });

    it('increments integers, keeps the TTL, and refuses non-integers', async () => {
      const counter = k('counter');
      expect(await store.incrBy(counter, 5)).toBe(5);
      expect(await store.incrBy(counter, -7)).toBe(-2);
      expect(await store.get(counter)).toBe('-2');
      await store.expire(counter, 10_000);
      await store.incrBy(counter, 1);
      expect(await store.pttl(counter)).toBeGreaterThan(5_000);

      const text = k('text');
      await store.set(text, 'abc');
      await expect(store.incrBy(text, 1)).rejects.toThrow(/not an integer/);
      await store.set(text, '1.5');
      await expect(store.incrBy(text, 1)).rejects.toThrow(/not an integer/);
      await expect(store.incrBy(counter, 0.5)).rejects.toThrow(RangeError);
    });

    it('applies 200 concurrent increments exactly once each', async () => {
      const counter = k('concurrent');
      const results = await Promise.all(Array.from({ length: 200 }, () => store.incrBy(counter, 1)));
      expect(new Set(results).size).toBe(200);
      expect(Math.max(...results)).toBe(200);
      expect(await store.get(counter)).toBe('200');
    });

    it('sets TTLs on existing keys of any type; a non-positive TTL deletes', async () => {
      const str = k('str');
      const zset = k('zset');
      expect(await store.expire(k('missing'), 1000)).toBe(false);
      await store.set(str, 'v');
      await store.zadd(zset, 1, 'm');
      expect(await store.expire(str, 150)).toBe(true);
      expect(await store.expire(zset, 150)).toBe(true);
      await sleep(300);
      expect(await store.get(str)).toBeNull();
      expect(await store.zcard(zset)).toBe(0);
      expect(await store.zrank(zset, 'm')).toBeNull();

      await store.set(str, 'v');
      expect(await store.expire(str, 0)).toBe(true);
      expect(await store.get(str)).toBeNull();
      await expect(store.set(str, 'v', { ttlMs: 0 })).rejects.toThrow(RangeError);
      await expect(store.set(str, 'v', { ttlMs: 1.5 })).rejects.toThrow(RangeError);
    });

    it('keeps sorted sets ordered by score, then member', async () => {
      const queue = k('queue');
      expect(await store.zadd(queue, 30, 'carol')).toBe(true);
      expect(await store.zadd(queue, 10, 'bob')).toBe(true);
      expect(await store.zadd(queue, 10, 'alice')).toBe(true);
      expect(await store.zadd(queue, 20.5, 'dave')).toBe(true);
      expect(await store.zcard(queue)).toBe(4);
      expect(await store.zrank(queue, 'alice')).toBe(0); // ties: by member
      expect(await store.zrank(queue, 'bob')).toBe(1);
      expect(await store.zrank(queue, 'dave')).toBe(2);
      expect(await store.zrank(queue, 'carol')).toBe(3);
      expect(await store.zrank(queue, 'nobody')).toBeNull();
      expect(await store.zrank(k('no-such-set'), 'alice')).toBeNull();

      // Joining again keeps the place with onlyIfAbsent; without it the score moves.
      expect(await store.zadd(queue, 1, 'carol', { onlyIfAbsent: true })).toBe(false);
      expect(await store.zrank(queue, 'carol')).toBe(3);
      expect(await store.zadd(queue, 1, 'carol')).toBe(false);
      expect(await store.zrank(queue, 'carol')).toBe(0);
      expect(await store.zcard(queue)).toBe(4);

      expect(await store.zrem(queue, 'carol', 'nobody')).toBe(1);
      expect(await store.zrank(queue, 'alice')).toBe(0);
      expect(await store.zcard(queue)).toBe(3);
    });

    it('ranges and trims sorted sets by score (a sliding window)', async () => {
      const window = k('window');
      for (const [score, member] of [[100, 'r1'], [200, 'r2'], [200, 'r3'], [350, 'r4'], [500, 'r5']] as const) {
        await store.zadd(window, score, member);
      }
      expect(await store.zrangeByScore(window, 200, 350)).toEqual([
        { member: 'r2', score: 200 },
        { member: 'r3', score: 200 },
        { member: 'r4', score: 350 },
      ]);
      expect(await store.zrangeByScore(window, -Infinity, Infinity, { offset: 1, count: 2 })).toEqual([
        { member: 'r2', score: 200 },
        { member: 'r3', score: 200 },
      ]);
      expect(await store.zrangeByScore(window, -Infinity, Infinity, { count: 1 })).toEqual([{ member: 'r1', score: 100 }]);
      expect(await store.zrangeByScore(window, 600, 700)).toEqual([]);
      expect(await store.zrangeByScore(window, 400, 300)).toEqual([]);
      expect(await store.zrangeByScore(k('none'), -Infinity, Infinity)).toEqual([]);

      expect(await store.zremRangeByScore(window, -Infinity, 200)).toBe(3);
      expect(await store.zcard(window)).toBe(2);
      expect(await store.zrangeByScore(window, -Infinity, Infinity)).toEqual([
        { member: 'r4', score: 350 },
        { member: 'r5', score: 500 },
      ]);
      expect(await store.zremRangeByScore(window, 0, 1000)).toBe(2);
      expect(await store.zcard(window)).toBe(0);

      await store.zadd(window, -Infinity, 'low');
      await store.zadd(window, 1.25, 'mid');
      expect(await store.zrangeByScore(window, -Infinity, Infinity)).toEqual([
        { member: 'low', score: -Infinity },
        { member: 'mid', score: 1.25 },
      ]);
    });

    it('rejects using a key as the wrong type', async () => {
      const str = k('str');
      const zset = k('zset');
      await store.set(str, 'v');
      await store.zadd(zset, 1, 'm');
      await expect(store.zadd(str, 1, 'm')).rejects.toThrow(/WRONGTYPE/);
      await expect(store.zrank(str, 'm')).rejects.toThrow(/WRONGTYPE/);
      await expect(store.get(zset)).rejects.toThrow(/WRONGTYPE/);
      await expect(store.incrBy(zset, 1)).rejects.toThrow(/WRONGTYPE/);
      // SET replaces a key of any type.
      expect(await store.set(zset, 'now a string')).toBe(true);
      expect(await store.get(zset)).toBe('now a string');
    });

    it('runs a script atomically: 500 concurrent takes of 1 from 100 → exactly 100 succeed', async () => {
      const stock = k('stock');
      const take = store.defineScript('take', TAKE_LUA, takeFallback);
      await store.set(stock, '100');
      const results = await Promise.all(Array.from({ length: 500 }, () => take([stock], [1])));
      expect(results.filter((left) => typeof left === 'number' && left >= 0)).toHaveLength(100);
      expect(results.filter((left) => left === -1)).toHaveLength(400);
      expect(new Set(results.filter((left) => left !== -1)).size).toBe(100); // each remaining count once: 99 … 0
      expect(await store.get(stock)).toBe('0');
    });

    it('never oversells with mixed quantities', async () => {
      const stock = k('stock');
      const take = store.defineScript('take', TAKE_LUA, takeFallback);
      await store.set(stock, '100');
      const units = Array.from({ length: 300 }, (_, i) => (i % 3) + 1);
      const results = await Promise.all(units.map((n) => take([stock], [n])));
      const sold = units.reduce((sum, n, i) => sum + (results[i] === -1 ? 0 : n), 0);
      const left = Number(await store.get(stock));
      expect(left).toBeGreaterThanOrEqual(0);
      expect(left).toBeLessThan(3); // it only stops when no request fits
      expect(sold + left).toBe(100);
      await expect(take([stock], [0])).rejects.toThrow(/units must be a positive number/);
    });

    it('converts script answers like Redis converts Lua values', async () => {
      const shape = store.defineScript(
        'shape',
        `return {KEYS[1], ARGV[1], tonumber(ARGV[2]) * 2, 3.7, true}`,
        (_store, keys, args) => [keys[0]!, args[0]!, Number(args[1]) * 2, 3.7, true],
      );
      expect(await shape([k('key')], ['text', 21])).toEqual([k('key'), 'text', 42, 3, 1]);
      const nothing = store.defineScript('nothing', 'return nil', () => null);
      expect(await nothing([], [])).toBeNull();
      const no = store.defineScript('no', 'return false', () => false);
      expect(await no([], [])).toBeNull();
      const clock = store.defineScript(
        'clock',
        `local t = redis.call('TIME') return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`,
        (s: KvScriptContext) => s.now(),
      );
      const now = await clock([], []);
      expect(typeof now).toBe('number');
      expect(Math.abs((now as number) - Date.now())).toBeLessThan(2000);
    });

    it('uses the sorted-set operations inside scripts (a waiting-room join)', async () => {
      const room = k('room');
      // Join once (keep the first place), answer the 0-based position.
      const join = store.defineScript(
        'join',
        `redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[2]) return redis.call('ZRANK', KEYS[1], ARGV[2])`,
        (s, [key], [score, member]) => {
          s.zadd(key!, Number(score), member!, { onlyIfAbsent: true });
          return s.zrank(key!, member!);
        },
      );
      const positions = await Promise.all(Array.from({ length: 50 }, (_, i) => join([room], [1000 + i, `user-${String(i).padStart(2, '0')}`])));
      expect(positions).toEqual(Array.from({ length: 50 }, (_, i) => i));
      expect(await join([room], [5, 'user-10'])).toBe(10);
      expect(await store.zcard(room)).toBe(50);
    });

    it('surfaces script errors, and refuses to redefine a name with other Lua', async () => {
      const boom = store.defineScript('boom', `return redis.error_reply('boom: sold out')`, () => {
        throw new Error('boom: sold out');
      });
      await expect(boom([], [])).rejects.toThrow(/boom: sold out/);
      const sameAgain = store.defineScript('take', TAKE_LUA, takeFallback);
      expect(store.defineScript('take', TAKE_LUA, takeFallback)).toBe(sameAgain);
      expect(() => store.defineScript('take', `${TAKE_LUA} -- changed`, takeFallback)).toThrow(/already defined/);
    });

    it('rejects every call once closed', async () => {
      const key = k('after-close');
      const take = store.defineScript('take', TAKE_LUA, takeFallback);
      await store.set(key, '1');
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
      await expect(store.get(key)).rejects.toThrow(/closed/);
      await expect(store.set(key, '2')).rejects.toThrow(/closed/);
      await expect(store.ping()).rejects.toThrow(/closed/);
      await expect(take([key], [1])).rejects.toThrow(/closed/);
    });

    if (makeHarness().flushScripts) {
      it('recovers when the server lost its scripts (NOSCRIPT → EVAL)', async () => {
        const stock = k('stock');
        const take = store.defineScript('take', TAKE_LUA, takeFallback);
        await store.set(stock, '10');
        expect(await take([stock], [1])).toBe(9);
        await harness.flushScripts!();
        const after = await Promise.all(Array.from({ length: 20 }, () => take([stock], [1])));
        expect(after.filter((left) => left !== -1)).toHaveLength(9);
        expect(await store.get(stock)).toBe('0');
      });
    }
  });
}

// ---------------------------------------------------------------------------

kvContract('memory', () => ({ open: () => new MemoryKeyValueStore() }));

describe('on a real redis-server', () => {
  const redisUrl = inject('redisUrl');
  let admin: ReturnType<typeof createClient>;

  beforeAll(async () => {
    admin = createClient({ url: redisUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.close();
  });

  kvContract('redis over TCP', () => ({
    open: () => new RedisTcpKeyValueStore({ url: redisUrl }),
    flushScripts: async () => {
      await admin.scriptFlush();
    },
  }));

  describe('the TCP adapter', () => {
    it('loads a script once and calls it by SHA', async () => {
      const store = new RedisTcpKeyValueStore({ url: redisUrl });
      const lua = `return 'loaded ${randomUUID()}'`;
      const script = store.defineScript('unique', lua, () => 'x');
      expect(await script([], [])).toMatch(/^loaded /);
      expect(await admin.scriptExists(scriptSha1(lua))).toEqual([1]);
      // After a flush the adapter does not SCRIPT LOAD again (once per connection):
      // EVALSHA answers NOSCRIPT, EVAL runs it and puts it back in the cache.
      await admin.scriptFlush();
      expect(await admin.scriptExists(scriptSha1(lua))).toEqual([0]);
      expect(await script([], [])).toMatch(/^loaded /);
      expect(await admin.scriptExists(scriptSha1(lua))).toEqual([1]);
      await store.close();
    });

    // (Only for the server the run started; a server in REDIS_URL is configured by its owner.)
    it.runIf(!process.env.REDIS_URL)('the run’s redis-server keeps nothing on disk', async () => {
      expect(await admin.configGet('save')).toEqual({ save: '' });
      expect(await admin.configGet('appendonly')).toEqual({ appendonly: 'no' });
    });

    it('rejects quickly when the server cannot be reached, and does not hang', async () => {
      const errors: Error[] = [];
      const store = new RedisTcpKeyValueStore({ url: `redis://127.0.0.1:${await freePort()}`, onError: (error) => errors.push(error) });
      const started = Date.now();
      await expect(store.ping()).rejects.toThrow(/Could not connect to Redis at redis:\/\/127\.0\.0\.1:\d+/);
      await expect(store.get('x')).rejects.toThrow(/Could not connect/); // tries again, fails again
      expect(Date.now() - started).toBeLessThan(3000);
      expect(errors.length).toBeGreaterThan(0);
      await store.close();
    });

    it('reconnects after the connection is killed; meanwhile calls reject instead of queueing', async () => {
      const name = `kvtest-${randomUUID()}`;
      const store = new RedisTcpKeyValueStore({ url: redisUrl, name, onError: () => {} });
      const key = `kvtest:${name}`;
      await store.set(key, 'before');
      const clients = String(await admin.sendCommand(['CLIENT', 'LIST']));
      const id = new RegExp(`id=(\\d+) .*name=${name} `).exec(clients)?.[1];
      expect(id).toBeDefined();
      await admin.sendCommand(['CLIENT', 'KILL', 'ID', id!]);
      let value: string | null = null;
      const started = Date.now();
      while (Date.now() - started < 5000) {
        try {
          value = await store.get(key);
          break;
        } catch (error) {
          expect(error).not.toBeInstanceOf(KvClosedError); // the store is not closed: its client is reconnecting
          await sleep(20);
        }
      }
      expect(value).toBe('before');
      await store.del(key);
      await store.close();
    });

    it('refuses a URL that is not a Redis URL', async () => {
      const store = new RedisTcpKeyValueStore({ url: 'http://127.0.0.1:1', onError: () => {} });
      await expect(store.ping()).rejects.toThrow();
      await store.close();
    });
  });

  // -------------------------------------------------------------------------
  // Upstash: a local stand-in of its REST API that runs each command on the real Redis.

  type Recorded = { path: string; method: string; headers: IncomingMessage['headers']; body: unknown };
  const TOKEN = 'test-token';
  let standIn: Server;
  let standInUrl: string;
  let backend: ReturnType<typeof createClient>;
  const recorded: Recorded[] = [];

  const encode = (value: unknown): unknown =>
    typeof value === 'string' ? Buffer.from(value).toString('base64') : Array.isArray(value) ? value.map(encode) : value;

  beforeAll(async () => {
    backend = createClient({ url: redisUrl });
    await backend.connect();
    standIn = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString() || 'null');
      recorded.push({ path: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply(401, { error: 'Unauthorized' });
      if (req.method !== 'POST' || req.url !== '/' || !Array.isArray(body)) return reply(400, { error: `ERR unsupported request ${req.method} ${req.url}` });
      try {
        const result = await backend.sendCommand(body.map(String));
        reply(200, { result: req.headers['upstash-encoding'] === 'base64' ? encode(result) : result });
      } catch (error) {
        reply(400, { error: error instanceof Error ? error.message : String(error) });
      }
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    standIn?.closeAllConnections();
    await new Promise((resolve) => standIn?.close(resolve));
    await backend?.close();
  });

  kvContract('upstash (REST stand-in on redis-server)', () => ({
    open: () => new UpstashKeyValueStore({ url: standInUrl, token: TOKEN, retries: 0 }),
    flushScripts: async () => {
      await admin.scriptFlush();
    },
  }));

  describe('the Upstash adapter', () => {
    let store: UpstashKeyValueStore;
    const key = (suffix: string) => `kvtest:upstash:${suffix}`;
    const commands = () => recorded.map((request) => request.body);

    beforeEach(() => {
      recorded.length = 0;
      store = new UpstashKeyValueStore({ url: standInUrl, token: TOKEN, retries: 0 });
    });
    afterEach(async () => {
      await backend.del([key('a'), key('z'), key('n'), key('s')]);
      await store.close();
    });

    it('POSTs each command as a JSON array with the bearer token', async () => {
      expect(await store.set(key('a'), 'v', { ttlMs: 5000, onlyIfAbsent: true })).toBe(true);
      expect(await store.set(key('a'), 'w', { onlyIfAbsent: true })).toBe(false);
      expect(await store.get(key('a'))).toBe('v');
      const [first] = recorded;
      expect(first).toMatchObject({ path: '/', method: 'POST' });
      expect(first!.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'upstash-encoding': 'base64' });
      expect(commands()).toEqual([
        ['set', key('a'), 'v', 'nx', 'px', 5000],
        ['set', key('a'), 'w', 'nx'],
        ['get', key('a')],
      ]);
    });

    it('sends the other commands the interface needs', async () => {
      await store.incrBy(key('n'), 3);
      await store.expire(key('n'), 1000);
      await store.pttl(key('n'));
      await store.zadd(key('z'), 1.5, 'm', { onlyIfAbsent: true });
      await store.zadd(key('z'), Infinity, 'top');
      await store.zrank(key('z'), 'm');
      await store.zcard(key('z'));
      await store.zrangeByScore(key('z'), -Infinity, 5, { offset: 0, count: 10 });
      await store.zrangeByScore(key('z'), 1, Infinity);
      await store.zremRangeByScore(key('z'), -Infinity, 1);
      await store.zrem(key('z'), 'top');
      await store.del(key('n'), key('z'));
      await store.ping();
      expect(commands()).toEqual([
        ['incrby', key('n'), 3],
        ['pexpire', key('n'), 1000],
        ['pttl', key('n')],
        ['zadd', key('z'), 'nx', 1.5, 'm'],
        ['zadd', key('z'), '+inf', 'top'],
        ['zrank', key('z'), 'm'],
        ['zcard', key('z')],
        ['zrange', key('z'), '-inf', 5, 'byscore', 'limit', 0, 10, 'withscores'],
        ['zrange', key('z'), 1, '+inf', 'byscore', 'withscores'],
        ['zremrangebyscore', key('z'), '-inf', 1],
        ['zrem', key('z'), 'top'],
        ['del', key('n'), key('z')],
        ['ping'],
      ]);
    });

    it('maps answers: base64 strings, numbers, nulls and flat score lists', async () => {
      await store.set(key('s'), '{"looks":"like json"} 123');
      expect(await store.get(key('s'))).toBe('{"looks":"like json"} 123');
      await store.set(key('s'), '42');
      expect(await store.get(key('s'))).toBe('42'); // not the number 42
      expect(await store.get(key('missing'))).toBeNull();
      await store.zadd(key('z'), 2.5, 'b');
      await store.zadd(key('z'), 1, 'a');
      expect(await store.zrangeByScore(key('z'), -Infinity, Infinity)).toEqual([
        { member: 'a', score: 1 },
        { member: 'b', score: 2.5 },
      ]);
      expect(await store.zrank(key('z'), 'b')).toBe(1);
      expect(await store.zrank(key('z'), 'nobody')).toBeNull();
    });

    it('loads a script once, calls EVALSHA, and falls back to EVAL after NOSCRIPT', async () => {
      const lua = `return {KEYS[1], ARGV[1], ${Date.now()}}`;
      const sha = scriptSha1(lua);
      const script = store.defineScript('echo', lua, () => null);
      expect(await script([key('a')], [7])).toEqual([key('a'), '7', expect.any(Number)]);
      expect(await script([key('a')], ['x'])).toEqual([key('a'), 'x', expect.any(Number)]);
      await admin.scriptFlush();
      expect(await script([key('a')], ['y'])).toEqual([key('a'), 'y', expect.any(Number)]);
      expect(commands()).toEqual([
        ['script', 'load', lua],
        ['evalsha', sha, 1, key('a'), '7'],
        ['evalsha', sha, 1, key('a'), 'x'],
        ['evalsha', sha, 1, key('a'), 'y'],
        ['eval', lua, 1, key('a'), 'y'],
      ]);
    });

    it('surfaces the server’s errors and a wrong token', async () => {
      await store.zadd(key('z'), 1, 'm');
      await expect(store.get(key('z'))).rejects.toThrow(/WRONGTYPE/);
      const wrong = new UpstashKeyValueStore({ url: standInUrl, token: 'wrong', retries: 0 });
      await expect(wrong.get(key('a'))).rejects.toThrow(/Unauthorized/);
      const unreachable = new UpstashKeyValueStore({ url: `http://127.0.0.1:${await freePort()}`, token: TOKEN, retries: 0 });
      await expect(unreachable.ping()).rejects.toThrow();
    });
  });
});

// ---------------------------------------------------------------------------

describe('kv()', () => {
  const saved = { ...process.env };
  afterEach(async () => {
    for (const name of ['REDIS_URL', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    await resetKvForTests();
  });

  it('chooses from the environment: Upstash, then REDIS_URL, then memory', async () => {
    const base = { NODE_ENV: 'test' } as NodeJS.ProcessEnv;
    expect(createKvFromEnv(base).kind).toBe('memory');
    expect(createKvFromEnv({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' }).kind).toBe('redis');
    expect(
      createKvFromEnv({ ...base, REDIS_URL: 'redis://127.0.0.1:6379', UPSTASH_REDIS_REST_URL: 'https://example.upstash.io', UPSTASH_REDIS_REST_TOKEN: 't' }).kind,
    ).toBe('upstash');
    expect(() => createKvFromEnv({ ...base, UPSTASH_REDIS_REST_URL: 'https://example.upstash.io' })).toThrow(/UPSTASH_REDIS_REST_TOKEN is not set/);
  });

  it('caches one store until reset', async () => {
    delete process.env.UPSTASH_REDIS_REST_URL;
    delete process.env.UPSTASH_REDIS_REST_TOKEN;
    delete process.env.REDIS_URL;
    const first = kv();
    expect(first.kind).toBe('memory');
    expect(kv()).toBe(first);
    await first.set('kvtest:cached', 'yes');
    await resetKvForTests();
    await expect(first.get('kvtest:cached')).rejects.toThrow(/closed/);
    process.env.REDIS_URL = inject('redisUrl');
    const second = kv();
    expect(second).not.toBe(first);
    expect(second.kind).toBe('redis');
    await expect(second.ping()).resolves.toBeUndefined();
  });
});
