/**
 * Sets of addresses as sorted, disjoint, inclusive bigint intervals on one number line:
 * IPv6 occupies [0, 2^128), IPv4 sits above it at V4_BASE + value, and OPAQUE is one extra point that
 * stands for an endpoint whose addresses are not known offline (a service tag such as GatewayManager).
 * Used by nsg-eval.ts to say exactly how much of a subnet a rule covers.
 */
import { parseCidr, type Cidr } from './cidr';

export type Interval = readonly [bigint, bigint];
export type AddrSet = readonly Interval[];

export const V4_BASE = 1n << 128n;
const V4_END = V4_BASE + (1n << 32n) - 1n;
export const OPAQUE = V4_END + 1n;

export const EMPTY: AddrSet = [];
/** Every IPv4 and IPv6 address (not the opaque point). */
export const ALL_ADDRESSES: AddrSet = [[0n, V4_END]];
/** The whole line, opaque point included. */
export const EVERYTHING: AddrSet = [[0n, OPAQUE]];
export const OPAQUE_SET: AddrSet = [[OPAQUE, OPAQUE]];

export function fromCidr(c: Cidr): AddrSet {
  const base = c.family === 4 ? V4_BASE : 0n;
  return [[base + c.first, base + c.last]];
}

/** The set of a prefix/address string, or undefined when it is not one. */
export function fromPrefix(text: string): AddrSet | undefined {
  const c = parseCidr(text);
  return c ? fromCidr(c) : undefined;
}

function normalize(list: Interval[]): AddrSet {
  const sorted = [...list].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1n) {
      if (hi > last[1]) last[1] = hi;
    } else out.push([lo, hi]);
  }
  return out;
}

export function union(...sets: AddrSet[]): AddrSet {
  return normalize(sets.flat());
}

export function intersect(a: AddrSet, b: AddrSet): AddrSet {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = a[i]![0] > b[j]![0] ? a[i]![0] : b[j]![0];
    const hi = a[i]![1] < b[j]![1] ? a[i]![1] : b[j]![1];
    if (lo <= hi) out.push([lo, hi]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

export function subtract(a: AddrSet, b: AddrSet): AddrSet {
  const out: Interval[] = [];
  for (const [lo0, hi] of a) {
    let lo = lo0;
    for (const [blo, bhi] of b) {
      if (bhi < lo || blo > hi) continue;
      if (blo > lo) out.push([lo, blo - 1n]);
      lo = bhi + 1n;
      if (lo > hi) break;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

export function isEmpty(a: AddrSet): boolean {
  return a.length === 0;
}

/** a ⊇ b */
export function covers(a: AddrSet, b: AddrSet): boolean {
  return isEmpty(subtract(b, a));
}

// ------------------------------------------------------------------ regions: unions of source × destination

/** A set of (source, destination) pairs, as a union of rectangles. */
export type Region = readonly { src: AddrSet; dst: AddrSet }[];

export function regionIsEmpty(r: Region): boolean {
  return r.length === 0;
}

export function regionIntersect(r: Region, src: AddrSet, dst: AddrSet): Region {
  const out: { src: AddrSet; dst: AddrSet }[] = [];
  for (const rect of r) {
    const s = intersect(rect.src, src);
    const d = intersect(rect.dst, dst);
    if (!isEmpty(s) && !isEmpty(d)) out.push({ src: s, dst: d });
  }
  return out;
}

/** r minus the rectangle src × dst: (S∖src)×D ∪ (S∩src)×(D∖dst) for each rectangle S×D of r. */
export function regionSubtract(r: Region, src: AddrSet, dst: AddrSet): Region {
  const out: { src: AddrSet; dst: AddrSet }[] = [];
  for (const rect of r) {
    const sIn = intersect(rect.src, src);
    const dIn = intersect(rect.dst, dst);
    if (isEmpty(sIn) || isEmpty(dIn)) {
      out.push(rect);
      continue;
    }
    const sOut = subtract(rect.src, src);
    if (!isEmpty(sOut)) out.push({ src: sOut, dst: rect.dst });
    const dOut = subtract(rect.dst, dst);
    if (!isEmpty(dOut)) out.push({ src: sIn, dst: dOut });
  }
  return out;
}

export function regionsIntersect(a: Region, b: Region): boolean {
  return a.some((x) => !regionIsEmpty(regionIntersect(b, x.src, x.dst)));
}
