/**
 * Who a request comes from, for every rate limit: one rule.
 *
 * The socket's address is the one thing a client cannot choose, and Next 16
 * does not hand it to proxy.ts, route handlers or server actions: it only fills
 * in `X-Forwarded-For` with it when the client sent none (`??=` in
 * next/dist/server/base-server.js, so a client's own value survives), and
 * proxy.ts runs before even that. So the server stamps every request with its
 * socket address in `x-stockwise-peer`, replacing anything a client sent under
 * that name (lib/security/peer-address-stamp.mjs, loaded before Next starts).
 *
 * `X-Forwarded-For` is believed only when the socket is a proxy named in
 * STOCKWISE_TRUSTED_PROXIES (addresses or CIDRs, none by default). It is read
 * from the right, skipping trusted hops: the first address that is not a
 * trusted proxy is the client; whatever is left of it, the client wrote.
 * IPv6 clients are counted per /64, since one host usually holds a whole /64.
 */
import { BlockList, isIP } from 'node:net';
import { PEER_ADDRESS_HEADER } from './peer-address-stamp.mjs';

export { PEER_ADDRESS_HEADER };

type Env = Record<string, string | undefined>;

/** A bare, canonical address from what a socket or a proxy wrote ("::ffff:10.0.0.1", "[::1]:80", "10.0.0.1:5000"), or null. */
export function normalizeAddress(raw: string): string | null {
  let address = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (withPort) address = withPort[1]!;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address : null;
}

export type TrustedProxies = { list: BlockList; problems: string[] };

export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const list = new BlockList();
  const problems: string[] = [];
  for (const entry of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [rawAddress = '', prefix, ...rest] = entry.split('/');
    const address = normalizeAddress(rawAddress);
    const type = address && isIP(address) === 6 ? 'ipv6' : 'ipv4';
    const maxPrefix = type === 'ipv6' ? 128 : 32;
    if (!address || rest.length > 0) {
      problems.push(`"${entry}" is not an IP address or CIDR`);
    } else if (prefix === undefined) {
      list.addAddress(address, type);
    } else if (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix) {
      list.addSubnet(address, Number(prefix), type);
    } else {
      problems.push(`"${entry}" has a prefix length outside 0–${maxPrefix}`);
    }
  }
  return { list, problems };
}

let cached: { value: string; proxies: TrustedProxies } | null = null;

/** STOCKWISE_TRUSTED_PROXIES, parsed once per value. A malformed entry throws, naming it (the launcher checks at start). */
export function trustedProxies(env: Env = process.env): BlockList {
  const value = env.STOCKWISE_TRUSTED_PROXIES ?? '';
  if (cached?.value !== value) cached = { value, proxies: parseTrustedProxies(value) };
  if (cached.proxies.problems.length > 0) throw new Error(`STOCKWISE_TRUSTED_PROXIES: ${cached.proxies.problems.join('; ')}`);
  return cached.proxies.list;
}

const isTrusted = (list: BlockList, address: string) => list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** The client's address under the rule above, or null when the server did not stamp the socket's address. */
export function clientAddress(headers: Headers, env: Env = process.env): string | null {
  const peer = normalizeAddress(headers.get(PEER_ADDRESS_HEADER) ?? '');
  if (!peer) return null;
  const proxies = trustedProxies(env);
  if (!isTrusted(proxies, peer)) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',');
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!);
    // Not an address: nobody trustworthy wrote it, so the last trusted hop is as far as we can see.
    if (!hop) break;
    client = hop;
    if (!isTrusted(proxies, hop)) break;
  }
  return client;
}

/** The first 64 bits of an IPv6 address, e.g. "2001:db8:1:2::/64". */
function ipv6Prefix64(address: string): string {
  const groups = (part: string) => (part ? part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : []);
  const [head = '', tail] = address.split('::');
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${all.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}

/** The identity rate limits count a client under: `ip:<IPv4>`, `ip:<IPv6 /64>`, or `ip:unknown` without a stamped address. */
export function clientKey(headers: Headers, env: Env = process.env): string {
  const address = clientAddress(headers, env);
  if (!address) return 'ip:unknown';
  return `ip:${isIP(address) === 6 ? ipv6Prefix64(address) : address}`;
}
