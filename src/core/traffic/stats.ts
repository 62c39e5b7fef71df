/**
 * Bounded aggregation: counts per class × minute and per class × dimension, with a fixed number of keys per
 * dimension (Space-Saving: a new key evicts the smallest and inherits its count as an error bound, so heavy
 * hitters are never lost), a latency histogram, and a few samples. Memory does not grow with the rows.
 */
import { latencyBin } from './classify';
import { iso, minuteIso, minuteOf } from './time';
import { DIMENSIONS, type AccessSample, type ClassStats, type Dimension, type DimensionEntry, type LatencyStats } from './types';

export const MAX_KEYS_PER_DIMENSION = 64;
export const MAX_SAMPLES = 3;
/**
 * Drill-down rows per class, and per pending group (merged later): the first row of each time bucket, the bucket
 * starting at one minute and doubling whenever the rows would not fit, so they stay spread over the whole window.
 */
export const MAX_SPREAD_SAMPLES = 32;
export const MAX_SPREAD_SAMPLES_PENDING = 8;
const SPREAD_BUCKET_MS = 60_000;

/** The first item of each bucket, with the smallest bucket (1, 2, 4, ... minutes) that keeps at most `cap` of them. */
function spreadPick<T extends { t: number }>(items: T[], cap: number, width = SPREAD_BUCKET_MS): { width: number; kept: T[] } {
  const sorted = [...items].sort((a, b) => a.t - b.t);
  for (let w = width; ; w *= 2) {
    const kept: T[] = [];
    let last = NaN;
    for (const x of sorted) {
      const b = Math.floor(x.t / w);
      if (b !== last) kept.push(x);
      last = b;
    }
    if (kept.length <= cap) return { width: w, kept };
  }
}

interface Counter {
  count: number;
  error: number;
  first: number;
  last: number;
  latencyMax: number;
}

/** Space-Saving top-k counter (Metwally et al. 2005). */
export class TopK {
  readonly map = new Map<string, Counter>();
  constructor(readonly capacity = MAX_KEYS_PER_DIMENSION) {}

  /** `time` may be NaN (unknown); `latency` -1 when unknown; `lastTime` for summarized rows (default: `time`). */
  add(key: string, weight: number, time: number, latency: number, lastTime: number = time): void {
    const c = this.map.get(key);
    if (c) {
      c.count += weight;
      if (time < c.first) c.first = time;
      if (lastTime > c.last) c.last = lastTime;
      if (latency > c.latencyMax) c.latencyMax = latency;
      return;
    }
    const known = !Number.isNaN(time);
    if (this.map.size < this.capacity) {
      this.map.set(key, { count: weight, error: 0, first: known ? time : Infinity, last: known ? lastTime : -Infinity, latencyMax: latency });
      return;
    }
    let minKey = '';
    let min: Counter | undefined;
    for (const [k, v] of this.map) {
      if (!min || v.count < min.count) {
        min = v;
        minKey = k;
      }
    }
    this.map.delete(minKey);
    this.map.set(key, { count: min!.count + weight, error: min!.count, first: known ? time : Infinity, last: known ? lastTime : -Infinity, latencyMax: latency });
  }

  entries(): DimensionEntry[] {
    return [...this.map.entries()]
      .map(([key, c]) => ({
        key,
        count: c.count,
        error: c.error,
        ...(Number.isFinite(c.first) ? { first: iso(c.first), last: iso(c.last) } : {}),
        ...(c.latencyMax >= 0 ? { latencyMax: round3(c.latencyMax) } : {}),
      }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  }

  static from(entries: DimensionEntry[], capacity = MAX_KEYS_PER_DIMENSION): TopK {
    const t = new TopK(capacity);
    for (const e of entries) {
      t.map.set(e.key, {
        count: e.count,
        error: e.error,
        first: e.first ? Date.parse(e.first) : Infinity,
        last: e.last ? Date.parse(e.last) : -Infinity,
        latencyMax: e.latencyMax ?? -1,
      });
    }
    return t;
  }
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

export interface RowFacts {
  time?: number;
  status?: number;
  latency?: number;
  /** Summarized rows (KQL results): the group's largest latency, and its first/last times. */
  latencyMax?: number;
  firstTime?: number;
  lastTime?: number;
  errorInfo: string;
  dims: Partial<Record<Dimension, string>>;
  weight: number;
}

/** A ClassStats being filled (Maps inside); `done()` gives the plain data. */
export class ClassAccumulator {
  count = 0;
  byStatus = new Map<number, number>();
  first = Infinity;
  last = -Infinity;
  minutes = new Map<number, number>();
  dims = new Map<Dimension, TopK>();
  latency: LatencyStats = { count: 0, sum: 0, min: Infinity, max: -Infinity, bins: {} };
  errorInfo = new Map<string, number>();
  samples: AccessSample[] = [];
  private spread: { t: number; s: AccessSample }[] = [];
  private spreadWidth = SPREAD_BUCKET_MS;
  private spreadBuckets = new Set<number>();

  constructor(private readonly maxSpread = MAX_SPREAD_SAMPLES) {}

  add(r: RowFacts, sample: () => AccessSample): void {
    const w = r.weight;
    this.count += w;
    if (r.status !== undefined) this.byStatus.set(r.status, (this.byStatus.get(r.status) ?? 0) + w);
    const t = r.time ?? NaN;
    if (!Number.isNaN(t)) {
      const f = r.firstTime ?? t;
      const l = r.lastTime ?? t;
      if (f < this.first) this.first = f;
      if (l > this.last) this.last = l;
      const m = Math.floor(t / 60000);
      this.minutes.set(m, (this.minutes.get(m) ?? 0) + w);
    }
    const lat = r.latency;
    if (lat !== undefined && Number.isFinite(lat)) {
      const L = this.latency;
      L.count += w;
      L.sum += lat * w;
      if (lat < L.min) L.min = lat;
      const hi = r.latencyMax ?? lat;
      if (hi > L.max) L.max = hi;
      const b = String(latencyBin(lat)[0]);
      L.bins[b] = (L.bins[b] ?? 0) + w;
    }
    if (r.errorInfo) this.errorInfo.set(r.errorInfo, (this.errorInfo.get(r.errorInfo) ?? 0) + w);
    for (const d in r.dims) {
      const key = r.dims[d as Dimension];
      if (!key) continue;
      let k = this.dims.get(d as Dimension);
      if (!k) this.dims.set(d as Dimension, (k = new TopK()));
      k.add(key, w, Number.isNaN(t) ? t : r.firstTime ?? t, r.latencyMax ?? lat ?? -1, Number.isNaN(t) ? t : r.lastTime ?? t);
    }
    if (this.samples.length < MAX_SAMPLES) this.samples.push(sample());
    else if (!Number.isNaN(t) && this.maxSpread > 0) {
      const b = Math.floor(t / this.spreadWidth);
      if (!this.spreadBuckets.has(b)) {
        this.spread.push({ t, s: sample() });
        this.spreadBuckets.add(b);
        if (this.spread.length > this.maxSpread) {
          // Too many: wider buckets, keeping the first row of each (rows arrive in any order).
          const { width, kept } = spreadPick(this.spread, this.maxSpread, this.spreadWidth * 2);
          this.spread = kept;
          this.spreadWidth = width;
          this.spreadBuckets = new Set(kept.map((x) => Math.floor(x.t / width)));
        }
      }
    }
  }

  done(): ClassStats {
    const dimensions = {} as Record<Dimension, DimensionEntry[]>;
    for (const d of DIMENSIONS) dimensions[d] = this.dims.get(d)?.entries() ?? [];
    const minutes: Record<string, number> = {};
    for (const m of [...this.minutes.keys()].sort((a, b) => a - b)) minutes[minuteIso(m)] = this.minutes.get(m)!;
    const byStatus: Record<string, number> = {};
    for (const [s, n] of [...this.byStatus].sort((a, b) => a[0] - b[0])) byStatus[String(s)] = n;
    const errorInfo: Record<string, number> = {};
    for (const [k, n] of [...this.errorInfo].sort((a, b) => b[1] - a[1])) errorInfo[k] = n;
    const L = this.latency;
    return {
      count: this.count,
      byStatus,
      ...(Number.isFinite(this.first) ? { first: iso(this.first), last: iso(this.last) } : {}),
      minutes,
      dimensions,
      latency: L.count ? { ...L, sum: round3(L.sum), min: round3(L.min), max: round3(L.max) } : { count: 0, sum: 0, min: 0, max: 0, bins: {} },
      errorInfo,
      samples: this.samples,
      ...(this.spread.length ? { spread: [...this.spread].sort((a, b) => a.t - b.t).map((x) => x.s) } : {}),
    };
  }
}

/** Drill-down rows of several stats: spread over time as one accumulator keeps them, without the evidence samples. */
function mergeSpread(list: AccessSample[], evidence: AccessSample[]): AccessSample[] {
  const seen = new Set(evidence.map((x) => `${x.document}:${x.line ?? ''}:${x.time ?? ''}`));
  const items: { t: number; s: AccessSample }[] = [];
  for (const s of list) {
    const id = `${s.document}:${s.line ?? ''}:${s.time ?? ''}`;
    const t = s.time ? Date.parse(s.time) : NaN;
    if (seen.has(id) || Number.isNaN(t)) continue;
    seen.add(id);
    items.push({ t, s });
  }
  return spreadPick(items, MAX_SPREAD_SAMPLES).kept.map((x) => x.s);
}

export function emptyStats(): ClassStats {
  return new ClassAccumulator().done();
}

const addRecord = (into: Record<string, number>, from: Record<string, number>, factor = 1) => {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k] * factor;
};

/** Merge plain ClassStats (documents, pending groups) into one, still bounded. */
export function mergeStats(list: ClassStats[]): ClassStats {
  if (list.length === 1) return list[0];
  const out = emptyStats();
  const dims = new Map<Dimension, TopK>();
  let samples: AccessSample[] = [];
  let spread: AccessSample[] = [];
  for (const s of list) {
    out.count += s.count;
    addRecord(out.byStatus, s.byStatus);
    if (s.first && (!out.first || s.first < out.first)) out.first = s.first;
    if (s.last && (!out.last || s.last > out.last)) out.last = s.last;
    addRecord(out.minutes, s.minutes);
    addRecord(out.errorInfo, s.errorInfo);
    if (s.latency.count) {
      const L = out.latency;
      L.min = L.count ? Math.min(L.min, s.latency.min) : s.latency.min;
      L.max = L.count ? Math.max(L.max, s.latency.max) : s.latency.max;
      L.count += s.latency.count;
      L.sum = round3(L.sum + s.latency.sum);
      addRecord(L.bins, s.latency.bins);
    }
    for (const d of DIMENSIONS) {
      const entries = s.dimensions[d] ?? [];
      if (!entries.length) continue;
      let k = dims.get(d);
      if (!k) dims.set(d, (k = new TopK()));
      for (const e of entries) {
        const c = k.map.get(e.key);
        if (c) {
          c.count += e.count;
          c.error += e.error;
          if (e.first) c.first = Math.min(c.first, Date.parse(e.first));
          if (e.last) c.last = Math.max(c.last, Date.parse(e.last));
          c.latencyMax = Math.max(c.latencyMax, e.latencyMax ?? -1);
        } else {
          k.add(e.key, e.count, e.first ? Date.parse(e.first) : NaN, e.latencyMax ?? -1);
          const added = k.map.get(e.key);
          if (added && e.last) added.last = Math.max(added.last, Date.parse(e.last));
        }
      }
    }
    samples = samples.concat(s.samples);
    spread = spread.concat(s.spread ?? []);
    if (s.approximate) out.approximate = true;
  }
  for (const d of DIMENSIONS) out.dimensions[d] = dims.get(d)?.entries() ?? [];
  out.minutes = sortKeys(out.minutes);
  out.byStatus = sortKeys(out.byStatus);
  samples.sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
  out.samples = samples.slice(0, MAX_SAMPLES);
  // Evidence samples left over by the cut still serve the drill-down.
  const drill = mergeSpread([...samples.slice(MAX_SAMPLES), ...spread], out.samples);
  if (drill.length) out.spread = drill;
  return out;
}

export function sortKeys<T>(r: Record<string, T>): Record<string, T> {
  const o: Record<string, T> = {};
  for (const k of Object.keys(r).sort()) o[k] = r[k];
  return o;
}

/**
 * Split stats by minute: minutes for which `take` holds go to the first result. Counts per status and dimensions
 * cannot be split exactly; they are scaled and marked approximate when the split is partial.
 */
export function splitByMinute(s: ClassStats, take: (minuteMs: number) => boolean): [ClassStats | undefined, ClassStats | undefined] {
  const a: Record<string, number> = {};
  const b: Record<string, number> = {};
  let na = 0;
  for (const [m, n] of Object.entries(s.minutes)) {
    if (take(minuteOf(m))) {
      a[m] = n;
      na += n;
    } else b[m] = n;
  }
  if (na === 0) return [undefined, s];
  const timed = Object.values(s.minutes).reduce((x, y) => x + y, 0);
  if (na === timed && timed === s.count) return [s, undefined];
  const part = (minutes: Record<string, number>, n: number, samples: AccessSample[], spread: AccessSample[]): ClassStats => {
    const f = n / s.count;
    const keys = Object.keys(minutes);
    const byStatus: Record<string, number> = {};
    for (const k in s.byStatus) byStatus[k] = Math.round(s.byStatus[k] * f);
    const dimensions = {} as Record<Dimension, DimensionEntry[]>;
    for (const d of DIMENSIONS) dimensions[d] = (s.dimensions[d] ?? []).map((e) => ({ ...e, count: Math.max(1, Math.round(e.count * f)) }));
    const out: ClassStats = {
      ...s,
      count: n,
      byStatus,
      first: keys.length ? keys[0].slice(0, 16) + ':00.000Z' : s.first,
      last: keys.length ? keys[keys.length - 1].slice(0, 16) + ':59.999Z' : s.last,
      minutes,
      dimensions,
      samples,
      spread,
      approximate: true,
    };
    if (!spread.length) delete out.spread;
    return out;
  };
  const inA = (x: AccessSample) => !!x.time && take(Math.floor(Date.parse(x.time) / 60000) * 60000);
  const spread = s.spread ?? [];
  return [
    part(a, na, s.samples.filter(inA), spread.filter(inA)),
    part(b, s.count - na, s.samples.filter((x) => !inA(x)), spread.filter((x) => !inA(x))),
  ];
}
