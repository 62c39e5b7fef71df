/**
 * Port specs as NSG rules and effective-rule output write them: `*`, `80`, `65200-65535`, `0-65535`,
 * `6579-6579`, with stray whitespace (`"65503-65534 "`) and comma-joined lists (`"80,443"`) tolerated.
 * Nothing here throws: an invalid spec parses to undefined and matches nothing.
 */

export interface PortRange {
  lo: number;
  hi: number;
}

export const ALL_PORTS: PortRange = { lo: 0, hi: 65535 };

function port(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/** One spec (`*`, `80`, `80-90`, `Any`), or undefined when it is not one. */
export function parsePortSpec(spec: unknown): PortRange | undefined {
  if (typeof spec !== 'string') return undefined;
  const s = spec.trim().replace(/\s*-\s*/, '-');
  if (s === '*' || s.toLowerCase() === 'any') return { ...ALL_PORTS };
  const dash = s.indexOf('-');
  if (dash < 0) {
    const p = port(s);
    return p === undefined ? undefined : { lo: p, hi: p };
  }
  const lo = port(s.slice(0, dash));
  const hi = port(s.slice(dash + 1));
  return lo === undefined || hi === undefined || lo > hi ? undefined : { lo, hi };
}

export type PortSpecs = string | readonly (string | PortRange)[];

/** Every valid range in the specs (invalid entries are dropped; `invalid` lists them). */
export function parsePorts(specs: PortSpecs): { ranges: PortRange[]; invalid: string[] } {
  const items = typeof specs === 'string' ? [specs] : specs;
  const ranges: PortRange[] = [];
  const invalid: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      if (item && Number.isInteger(item.lo) && Number.isInteger(item.hi) && item.lo <= item.hi) ranges.push(item);
      continue;
    }
    for (const part of item.split(',')) {
      if (part.trim() === '') continue;
      const r = parsePortSpec(part);
      if (r) ranges.push(r);
      else invalid.push(part.trim());
    }
  }
  return { ranges, invalid };
}

export function portInRanges(p: number, specs: PortSpecs): boolean {
  return parsePorts(specs).ranges.some((r) => r.lo <= p && p <= r.hi);
}

/** Is every port of lo..hi inside the union of the ranges? */
export function rangeCovers(specs: PortSpecs, lo: number, hi: number): boolean {
  if (lo > hi) return false;
  const sorted = parsePorts(specs).ranges.sort((a, b) => a.lo - b.lo);
  let next = lo; // first port not yet covered
  for (const r of sorted) {
    if (r.lo > next) break;
    if (r.hi >= next) next = r.hi + 1;
    if (next > hi) return true;
  }
  return false;
}

/** Does any port of lo..hi fall inside the ranges? */
export function rangeIntersects(specs: PortSpecs, lo: number, hi: number): boolean {
  if (lo > hi) return false;
  return parsePorts(specs).ranges.some((r) => r.lo <= hi && lo <= r.hi);
}
