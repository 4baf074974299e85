/**
 * The waiting room of a flash sale. Each visitor draws a ticket (once: a
 * second visit keeps the first ticket); tickets are let through at the sale's
 * rate per second from its start, so the line moves without any process
 * having to push it. An admitted visitor gets a signed admission that
 * checkout asks for: a cookie for the browser, and a record in the
 * key-value store for the signed-in user or API key that joined, so a REST
 * client (which keeps no cookies) is admitted by its key. When the gate is
 * empty everyone in line is told "sold out" at once.
 */
import { kv } from '@/lib/kv';
import type { KeyValueStore, KvScript } from '@/lib/kv/types';
import { signValue, verifySignedValue } from '@/lib/session/signed-value';
import type { FlashSale } from './sales';

const JOIN = `
local existing = redis.call('GET', KEYS[2])
if existing then return tonumber(existing) end
local ticket = redis.call('INCR', KEYS[1])
redis.call('SET', KEYS[2], ticket, 'PX', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return ticket
`;

const joins = new WeakMap<KeyValueStore, KvScript>();
function joinScript(store: KeyValueStore): KvScript {
  let script = joins.get(store);
  if (!script) {
    script = store.defineScript('waiting-room-join', JOIN, (c, [seq, visitor], [ttl]) => {
      const existing = c.get(visitor!);
      if (existing !== null) return Number(existing);
      const ticket = c.incrBy(seq!, 1);
      c.set(visitor!, String(ticket), { ttlMs: Number(ttl) });
      c.expire(seq!, Number(ttl));
      return ticket;
    });
    joins.set(store, script);
  }
  return script;
}

const seqKey = (saleId: string) => `wr:${saleId}:seq`;
const visitorKey = (saleId: string, visitorId: string) => `wr:${saleId}:v:${visitorId}`;

/** The visitor's ticket: 1 for the first in line, 2 for the next, … Joining again answers the same ticket. */
export async function joinLine(sale: FlashSale, visitorId: string, store: KeyValueStore = kv()): Promise<number> {
  const ttl = Math.max(60_000, sale.endsAt.getTime() - Date.now() + 3600_000);
  return Number(await joinScript(store)([seqKey(sale.id), visitorKey(sale.id, visitorId)], [ttl]));
}

export async function lineLength(sale: FlashSale, store: KeyValueStore = kv()): Promise<number> {
  return Number((await store.get(seqKey(sale.id))) ?? 0);
}

/** How many tickets are through by `now`: the first second's worth at the start, then `admitPerSecond` more each second. */
export function admittedUpTo(sale: FlashSale, now = Date.now()): number {
  const elapsed = now - sale.startsAt.getTime();
  if (elapsed < 0) return 0;
  return Math.floor((elapsed / 1000) * sale.admitPerSecond) + sale.admitPerSecond;
}

export type LineStatus = {
  ticket: number;
  /** Tickets ahead of this one still waiting (0 when admitted). */
  ahead: number;
  admitted: boolean;
  soldOut: boolean;
  startsInSeconds: number;
  /** A rough wait, from the rate. */
  waitSeconds: number;
};

export function lineStatus(sale: FlashSale, ticket: number, unitsLeft: number | null, now = Date.now()): LineStatus {
  const through = admittedUpTo(sale, now);
  const ahead = Math.max(0, ticket - through);
  const startsInSeconds = Math.max(0, Math.ceil((sale.startsAt.getTime() - now) / 1000));
  return {
    ticket,
    ahead,
    admitted: ahead === 0 && startsInSeconds === 0,
    soldOut: unitsLeft !== null && unitsLeft <= 0,
    startsInSeconds,
    waitSeconds: startsInSeconds + Math.ceil(ahead / sale.admitPerSecond),
  };
}

const ADMISSION_MINUTES = 15;
export const admissionCookie = (saleId: string) => `sw_admit_${saleId}`;
const purpose = (saleId: string) => `flash-admission:${saleId}`;

/** A signed admission to the sale, valid for 15 minutes. */
export function issueAdmission(saleId: string, ticket: number, now = Date.now()): { value: string; maxAgeSeconds: number } {
  return { value: signValue(purpose(saleId), `${ticket}.${now + ADMISSION_MINUTES * 60_000}`), maxAgeSeconds: ADMISSION_MINUTES * 60 };
}

export function hasAdmission(saleId: string, cookieValue: string | undefined, now = Date.now()): boolean {
  const value = verifySignedValue(purpose(saleId), cookieValue);
  if (!value) return false;
  const expires = Number(value.split('.')[1]);
  return Number.isFinite(expires) && expires > now;
}

const userAdmissionKey = (saleId: string, userId: string) => `wr:${saleId}:admitted:${userId}`;

/** Admits a user (the one who joined, by session or API key) for 15 minutes; joining or polling again renews it. */
export async function admitUser(saleId: string, userId: string, store: KeyValueStore = kv()): Promise<void> {
  await store.set(userAdmissionKey(saleId, userId), '1', { ttlMs: ADMISSION_MINUTES * 60_000 });
}

/** Whether the user was admitted to the sale in the last 15 minutes. An unreachable store admits nobody this way. */
export async function userHasAdmission(saleId: string, userId: string, store: KeyValueStore = kv()): Promise<boolean> {
  try {
    return (await store.get(userAdmissionKey(saleId, userId))) !== null;
  } catch {
    return false;
  }
}
