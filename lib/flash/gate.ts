/**
 * The hot-item gate: an atomic counter per hot variant in the key-value store,
 * holding how many units may still be tried for. A buyer takes units from it
 * before checkout touches PostgreSQL; when it is empty, late buyers hear
 * "sold out" at once. PostgreSQL stays the source of truth: the counter is
 * set from its availability (reconciled after every stock change and when a
 * sale starts), and may run high for a moment (PostgreSQL then refuses) but
 * is corrected before it could leave units unsold. If the store cannot be
 * reached, checkout goes straight to PostgreSQL and the log says so.
 */
import type { DbOrTx } from '@/db/client';
import { availableByVariant } from '@/lib/inventory/availability';
import { kv } from '@/lib/kv';
import type { KeyValueStore, KvScript } from '@/lib/kv/types';

const key = (variantId: string) => `gate:${variantId}`;

const TAKE = `
local left = redis.call('GET', KEYS[1])
if not left then return -1 end
if tonumber(left) >= tonumber(ARGV[1]) then
  redis.call('DECRBY', KEYS[1], ARGV[1])
  return 1
end
return 0
`;

const GIVE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return -1
`;

type Scripts = { take: KvScript; give: KvScript };
const defined = new WeakMap<KeyValueStore, Scripts>();
function scripts(store: KeyValueStore): Scripts {
  let s = defined.get(store);
  if (!s) {
    s = {
      take: store.defineScript('gate-take', TAKE, (c, [k], [units]) => {
        const left = c.get(k!);
        if (left === null) return -1;
        if (Number(left) >= Number(units)) {
          c.incrBy(k!, -Number(units));
          return 1;
        }
        return 0;
      }),
      give: store.defineScript('gate-give', GIVE, (c, [k], [units]) => (c.get(k!) === null ? -1 : c.incrBy(k!, Number(units)))),
    };
    defined.set(store, s);
  }
  return s;
}

/** `admitted`: go on to PostgreSQL; `sold_out`: refuse now; `open`: no gate (not loaded, or the store is down) — PostgreSQL decides alone. */
export type GateAnswer = 'admitted' | 'sold_out' | 'open';

let lastWarning = 0;
function warn(error: unknown) {
  if (Date.now() - lastWarning > 60_000) {
    lastWarning = Date.now();
    console.warn(`[gate] the key-value store is unreachable; checkout falls back to PostgreSQL alone: ${(error as Error).message}`);
  }
}

export async function gateTake(variantId: string, units: number, store: KeyValueStore = kv()): Promise<GateAnswer> {
  try {
    const reply = await scripts(store).take([key(variantId)], [units]);
    return reply === 1 ? 'admitted' : reply === 0 ? 'sold_out' : 'open';
  } catch (error) {
    warn(error);
    return 'open';
  }
}

/** Units taken for a checkout that then failed go back at once. */
export async function gateGive(variantId: string, units: number, store: KeyValueStore = kv()): Promise<void> {
  try {
    await scripts(store).give([key(variantId)], [units]);
  } catch (error) {
    warn(error);
  }
}

/** Sets the counter to what PostgreSQL says is available now. Idempotent; safe at any time. */
export async function reconcileGate(db: DbOrTx, variantId: string, store: KeyValueStore = kv()): Promise<number> {
  const available = Math.max(0, (await availableByVariant(db, [variantId])).get(variantId) ?? 0);
  await store.set(key(variantId), String(available), { ttlMs: 7 * 24 * 3600_000 });
  return available;
}

/** The counter's value, or null when the gate is not loaded. */
export async function gateUnits(variantId: string, store: KeyValueStore = kv()): Promise<number | null> {
  const value = await store.get(key(variantId));
  return value === null ? null : Number(value);
}

export async function closeGate(variantId: string, store: KeyValueStore = kv()): Promise<void> {
  await store.del(key(variantId));
}
