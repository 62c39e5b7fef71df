/**
 * Address and prefix math for IPv4 and IPv6. Parsing goes through ipaddr.js; the math is done on bigints so
 * a prefix is simply an inclusive range [first, last]. Nothing here throws: bad input gives undefined/false.
 */
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

/** A parsed address (length 32/128) or prefix. `first`/`last` are the masked range, in the family's own space. */
export interface Cidr {
  family: Family;
  length: number;
  first: bigint;
  last: bigint;
}

function bitsOf(family: Family): number {
  return family === 4 ? 32 : 128;
}

/** Four-part decimal, no leading zeros (what ipaddr.js's isValidFourPartDecimal accepts), octets checked below. */
const V4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

function addressValue(text: string): { family: Family; value: bigint } | undefined {
  // Four-part decimal only: ipaddr.js would also take `10` or `0x0a.0.0.1`, which no Azure input means.
  // Parsed here by one regex: this runs for every backend address and NSG prefix, and ipaddr.js validates by
  // throwing, which costs microseconds per host name on gateways with 100 000 targets.
  const m = V4.exec(text);
  if (m) {
    let v = 0;
    for (let i = 1; i <= 4; i++) {
      const o = Number(m[i]);
      if (o > 255) return undefined;
      v = v * 256 + o;
    }
    return { family: 4, value: BigInt(v) };
  }
  // IPv6 needs a colon; anything else (host names, `*`, service tags) is not an address.
  // No zone ids (`fe80::1%eth0`): they have no meaning in NSG rules or routes.
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
  let v = 0n;
  for (const p of ipaddr.IPv6.parse(text).parts) v = (v << 16n) | BigInt(p);
  return { family: 6, value: v };
}

/** Parsed prefixes by their text: the same few thousand addresses and prefixes are asked about by many rules. */
const cache = new Map<string, Cidr | null>();
const CACHE_LIMIT = 200_000;

/**
 * `10.0.0.0/24`, `10.0.0.5` (a /32), `2001:db8::/32`, `::1`; surrounding whitespace is ignored.
 * Host bits set under the mask (`10.0.0.5/24`) are masked off, as Azure treats the prefix as its network.
 * The result is shared (cached): do not modify it.
 */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed ? Object.freeze(parsed) : null);
  return parsed;
}

function parseUncached(text: string): Cidr | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = addressValue(slash < 0 ? s : s.slice(0, slash));
  if (!addr) return undefined;
  const bits = bitsOf(addr.family);
  let length = bits;
  if (slash >= 0) {
    const lenText = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText)) return undefined;
    length = Number(lenText);
    if (length > bits) return undefined;
  }
  const hostBits = BigInt(bits - length);
  const hostMask = (1n << hostBits) - 1n;
  const first = addr.value & ~hostMask;
  return { family: addr.family, length, first, last: first | hostMask };
}

/** True for a bare address (no `/len`). */
export function isIp(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  // A host name (a letter first, no colon) is turned away without a parse or a cache lookup.
  const c = text.charCodeAt(0);
  if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && !text.includes(':')) return false;
  return !text.includes('/') && parseCidr(text) !== undefined;
}

export function prefixLength(prefix: unknown): number | undefined {
  return parseCidr(prefix)?.length;
}

function within(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** Is the address `ip` inside `prefix`? False when either is invalid or `ip` is a prefix. */
export function prefixContains(prefix: unknown, ip: unknown): boolean {
  if (!isIp(ip)) return false;
  const p = parseCidr(prefix);
  const a = parseCidr(ip);
  return !!p && !!a && within(p, a);
}

/** Is every address of `inner` inside `outer`? (Addresses count as /32 or /128; equal prefixes contain each other.) */
export function prefixContainsPrefix(outer: unknown, inner: unknown): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return !!o && !!i && within(o, i);
}

/** Do `a` and `b` share at least one address? (CIDR blocks either nest or are disjoint.) */
export function overlaps(a: unknown, b: unknown): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  return !!x && !!y && x.family === y.family && x.first <= y.last && y.first <= x.last;
}

/** RFC 1918 and the RFC 6598 shared space: the ranges Azure gives a `None` system route (see routes.ts). */
export const PRIVATE_V4_PREFIXES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] as const;

/** True when the address (or every address of the prefix) is IPv4 private (RFC 1918) or in 100.64.0.0/10. */
export function isPrivate(ip: unknown): boolean {
  const c = parseCidr(ip);
  if (!c || c.family !== 4) return false;
  return PRIVATE_V4_PREFIXES.some((p) => within(parseCidr(p)!, c));
}
