/**
 * The Traffic view's model: everything the Svelte components draw, computed here from the report's `traffic`
 * section (src/core/traffic/report.ts) so the components only render. Pure: no DOM, no i18n (labels that need words
 * are left to the components; times are formatted language-neutrally, in UTC, as the logs write them).
 *
 * - timeline(): the stacked bars by class for one bucket size (1/5/15 min), the metric series beside it on the same
 *   time axis, ticks, capacity windows — all in pixels for a given width.
 * - classRows(): the classes with counts, shares, windows and the findings that explain each.
 * - offenderGroups(), topUrls(): what failed most, by listener, rule, pool, settings, server, host, path, instance.
 * - drillRows(): the sample rows behind a class, a bucket or an offender.
 */
import type { Report, ReportFinding } from '../../core/report/contract';
import type { Category } from '../../core/rules/types';
import type { Workspace } from '../../core/model/types';
import { DIMENSIONS, TRAFFIC_CLASSES, type AccessSample, type Dimension, type ReportTrafficBucket, type ReportTrafficGateway, type TrafficClass } from '../../core/traffic/types';

export const BUCKET_SIZES = [1, 5, 15] as const;
export type BucketMinutes = (typeof BUCKET_SIZES)[number];

const MINUTE = 60_000;

// ---------------------------------------------------------------- time formatting (UTC, language-neutral)

const pad = (n: number) => String(n).padStart(2, '0');

/** `09:02` (or `09:02:14` with seconds), UTC. */
export function utcTime(ms: number, seconds = false): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

/** `2026-03-10`, UTC. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `2026-03-10 09:02:14 UTC` from an ISO time (as the findings write it); '' when not a time. */
export function utcDateTime(iso: string | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? '' : `${utcDate(ms)} ${utcTime(ms, true)} UTC`;
}

/** `2026-03-10 09:21:01–09:22:04 UTC`; the end's date is written only when it differs. */
export function windowText(w: { start: string; end: string } | undefined): string {
  if (!w) return '';
  const a = Date.parse(w.start);
  const b = Date.parse(w.end);
  if (Number.isNaN(a)) return '';
  if (Number.isNaN(b) || b === a) return `${utcDate(a)} ${utcTime(a, true)} UTC`;
  return `${utcDate(a)} ${utcTime(a, true)}–${utcDate(a) === utcDate(b) ? '' : utcDate(b) + ' '}${utcTime(b, true)} UTC`;
}

/** A bucket as text: `2026-03-10 09:05–09:10 UTC`. */
export function bucketText(start: string, minutes: number): string {
  const a = Date.parse(start);
  if (Number.isNaN(a)) return start;
  const b = a + minutes * MINUTE;
  return `${utcDate(a)} ${utcTime(a)}–${utcDate(a) === utcDate(b) || utcTime(b) === '00:00' ? '' : utcDate(b) + ' '}${utcTime(b)} UTC`;
}

// ---------------------------------------------------------------- scales

/** The smallest "nice" number (1, 2, 2.5, 5 × 10^k; without 2.5 for whole steps) at or above x. */
export function niceCeil(x: number, whole = false): number {
  if (!(x > 0)) return 1;
  const e = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of whole ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]) if (m * e >= x - 1e-9) return m * e;
  return 10 * e;
}

/** Ticks from 0 to a nice maximum at or above `max`, about `count` of them; integers only when `integer`. */
export function niceTicks(max: number, count = 4, integer = false): { max: number; ticks: number[] } {
  let step = niceCeil((max > 0 ? max : 1) / count, integer);
  if (integer) step = Math.max(1, Math.ceil(step));
  const top = Math.max(step, Math.ceil((max > 0 ? max : 1) / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { max: top, ticks };
}

/** Tick steps of the time axis, minutes. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** Time ticks between a and b (ms) at a UTC-aligned step so that at most `maxTicks` fit. */
export function timeTicks(a: number, b: number, maxTicks: number): { ms: number; label: string }[] {
  const span = Math.max(MINUTE, b - a);
  const step = (TIME_STEPS.find((s) => span / (s * MINUTE) <= Math.max(1, maxTicks)) ?? TIME_STEPS[TIME_STEPS.length - 1]) * MINUTE;
  const multiDay = utcDate(a) !== utcDate(b - 1);
  const out: { ms: number; label: string }[] = [];
  for (let t = Math.ceil(a / step) * step; t <= b; t += step) {
    const d = utcDate(t).slice(5);
    const hm = utcTime(t);
    const label = step >= 1440 * MINUTE ? d : multiDay && (out.length === 0 || hm === '00:00') ? `${d} ${hm}` : hm;
    out.push({ ms: t, label });
  }
  return out;
}

// ---------------------------------------------------------------- bucket sizes

/** Bucket sizes the report carries for this gateway (1 is left out for windows longer than a day). */
export function bucketSizes(g: ReportTrafficGateway): BucketMinutes[] {
  return BUCKET_SIZES.filter((m) => (g.buckets[m]?.length ?? 0) > 0);
}

/** The finest size that gives at most `maxSlots` bars over the window; else the coarsest there is. */
export function defaultBucketSize(g: ReportTrafficGateway, maxSlots = 90): BucketMinutes {
  const sizes = bucketSizes(g);
  if (!sizes.length) return 5;
  const [a, b] = dataRange(g);
  for (const m of sizes) if ((b - a) / (m * MINUTE) <= maxSlots) return m;
  return sizes[sizes.length - 1];
}

function bucketsAt(g: ReportTrafficGateway, minutes: BucketMinutes): ReportTrafficBucket[] {
  return g.buckets[minutes] ?? [];
}

/** First and last time (ms) of everything the timeline draws: buckets (all sizes), the window, metric points. */
function dataRange(g: ReportTrafficGateway): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  const see = (iso: string | undefined, plus = 0) => {
    const t = iso ? Date.parse(iso) : NaN;
    if (Number.isNaN(t)) return;
    a = Math.min(a, t);
    b = Math.max(b, t + plus);
  };
  for (const m of BUCKET_SIZES) for (const x of g.buckets[m] ?? []) see(x.start, m * MINUTE);
  see(g.window?.start);
  see(g.window?.end);
  // A metric point stands for the interval that starts at its time: the axis runs past the last one.
  for (const s of g.metrics) for (const p of s.series ?? []) see(p.time, 1);
  if (!Number.isFinite(a)) return [0, 0];
  return [a, b];
}

// ---------------------------------------------------------------- the timeline

/** Classes in stacking order, bottom first (the report's order: gateway-side causes first, client and other on top). */
export const STACK_ORDER: readonly TrafficClass[] = TRAFFIC_CLASSES;

export interface BarSegment {
  cls: TrafficClass;
  count: number;
  y: number;
  height: number;
}

export interface TimelineBar {
  start: string;
  x: number;
  width: number;
  /** Requests in the bucket (all statuses), 5xx among them, and the classified rows drawn. */
  total: number;
  failed: number;
  classified: number;
  segments: BarSegment[];
}

/** One metric series drawn in its own strip under the bars, with the same width and x scale (its caption is HTML). */
export interface MetricPanel {
  key: string;
  name: string;
  /** `backendsettingspool=pool-web~settings-web` (dimension values of this series), '' when none. */
  dimensions: string;
  unit?: string;
  /** Plot area inside the strip's own SVG (y grows down from `top` to `top + height`), and the SVG's height. */
  top: number;
  height: number;
  svgHeight: number;
  yMax: number;
  /** SVG path of the line (`M x y L x y ...`), broken where points are missing. */
  path: string;
  points: { x: number; y: number; time: string; value: number }[];
  peak: { time: string; value: number };
  /** CapacityUnits: 10 × the maximum instance count, drawn as a dashed line. */
  limit?: { y: number; value: number };
}

export interface Timeline {
  width: number;
  height: number;
  minutes: BucketMinutes;
  plot: { left: number; right: number; top: number; bottom: number };
  /** ms of the axis ends. */
  start: number;
  end: number;
  bars: TimelineBar[];
  /** Classes present in the bars, in stacking order. */
  classes: TrafficClass[];
  yMax: number;
  yTicks: { y: number; value: number }[];
  /** Time labels; the one at the right edge is anchored at its end so it stays inside the drawing. */
  xTicks: { x: number; label: string; anchor: 'middle' | 'end' }[];
  /** Saturated capacity windows (CapacityUnits ≥ 90 % of 10 × max instances), shaded behind the bars. */
  shaded: { x: number; width: number; start: string; end: string }[];
  metrics: MetricPanel[];
  /** The bucket with the most classified rows. */
  peak?: { start: string; count: number };
  /** Classified rows drawn, and how many buckets have any. */
  drawn: number;
  busyBuckets: number;
}

export interface TimelineOptions {
  /** Width of the drawing in pixels (the component measures its box). */
  width: number;
  minutes: BucketMinutes;
  plotHeight?: number;
  panelHeight?: number;
  maxPanels?: number;
}

/** Metrics users look at first for a 502 (logs-and-metrics.md §7), in this order; any other follows by name. */
const METRIC_ORDER = ['CapacityUnits', 'UnhealthyHostCount', 'HealthyHostCount', 'FailedRequests', 'ComputeUnits', 'CurrentConnections', 'TotalRequests', 'ResponseStatus', 'BackendResponseStatus'];

const LEFT = 48;
const RIGHT = 12;
const TOP = 10;
const AXIS = 24;
const PANEL_PAD = 6;

function metricRank(name: string): number {
  const i = METRIC_ORDER.findIndex((m) => m.toLowerCase() === name.toLowerCase());
  return i < 0 ? METRIC_ORDER.length : i;
}

export function timeline(g: ReportTrafficGateway, o: TimelineOptions): Timeline {
  const width = Math.max(240, Math.round(o.width));
  const plotH = o.plotHeight ?? 160;
  const panelH = o.panelHeight ?? 52;
  const minutes = o.minutes;
  const size = minutes * MINUTE;
  const buckets = bucketsAt(g, minutes);
  let [a, b] = dataRange(g);
  if (b <= a) b = a + size;
  const start = Math.floor(a / size) * size;
  const end = Math.max(start + size, Math.ceil(b / size) * size);
  const plot = { left: LEFT, right: width - RIGHT, top: TOP, bottom: TOP + plotH };
  const plotW = plot.right - plot.left;
  const x = (t: number) => plot.left + ((t - start) / (end - start)) * plotW;

  // Stack heights first, to scale the y axis.
  const stacks = buckets.map((k) => STACK_ORDER.reduce((n, c) => n + (k.classes[c] ?? 0), 0));
  const maxStack = Math.max(0, ...stacks);
  const yAxis = niceTicks(maxStack, 4, true);
  const y = (v: number) => plot.bottom - (v / yAxis.max) * plotH;
  const present = new Set<TrafficClass>();
  let peak: Timeline['peak'];
  const bars: TimelineBar[] = [];
  for (let i = 0; i < buckets.length; i++) {
    const k = buckets[i];
    const t = Date.parse(k.start);
    if (Number.isNaN(t)) continue;
    const x0 = x(t);
    const slot = x(t + size) - x0;
    const gap = slot > 4 ? 1 : 0;
    let cum = 0;
    const segments: BarSegment[] = [];
    for (const c of STACK_ORDER) {
      const n = k.classes[c] ?? 0;
      if (!n) continue;
      present.add(c);
      segments.push({ cls: c, count: n, y: y(cum + n), height: y(cum) - y(cum + n) });
      cum += n;
    }
    if (!cum) continue;
    if (!peak || stacks[i] > peak.count) peak = { start: k.start, count: stacks[i] };
    bars.push({ start: k.start, x: x0, width: Math.max(1, slot - gap), total: k.total, failed: k.failed, classified: cum, segments });
  }

  const capacityWindows = g.capacity?.windows ?? [];
  const shaded = capacityWindows
    .map((w) => {
      const s = Math.max(start, Date.parse(w.start));
      const e = Math.min(end, Date.parse(w.end));
      return Number.isNaN(s) || Number.isNaN(e) || e <= s ? undefined : { x: x(s), width: x(e) - x(s), start: w.start, end: w.end };
    })
    .filter((w): w is NonNullable<typeof w> => !!w);

  // Metric panels below, on the same x scale.
  const series = g.metrics
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => (m.series?.length ?? 0) > 0)
    .sort((p, q) => metricRank(p.m.name) - metricRank(q.m.name) || p.m.name.localeCompare(q.m.name) || p.i - q.i)
    .slice(0, o.maxPanels ?? 6);
  const top = PANEL_PAD;
  const metrics: MetricPanel[] = series.map(({ m, i }) => {
    const pts = (m.series ?? []).filter((p) => !Number.isNaN(Date.parse(p.time)) && Number.isFinite(p.value));
    const limitValue = /^capacityunits$/i.test(m.name) ? g.capacity?.limitByInstances : undefined;
    const vmax = Math.max(0, ...pts.map((p) => p.value), limitValue ?? 0);
    const axis = niceTicks(vmax, 2);
    const py = (v: number) => top + panelH - (v / axis.max) * panelH;
    const points = pts.map((p) => ({ x: x(Date.parse(p.time)), y: py(p.value), time: p.time, value: p.value }));
    const gaps = pts.slice(1).map((p, j) => Date.parse(p.time) - Date.parse(pts[j].time)).sort((u, v) => u - v);
    const usual = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
    let path = '';
    points.forEach((p, j) => {
      const broken = j === 0 || (usual > 0 && Date.parse(pts[j].time) - Date.parse(pts[j - 1].time) > 3 * usual);
      path += `${broken ? 'M' : 'L'}${r1(p.x)} ${r1(p.y)} `;
    });
    const peakPoint = pts.reduce((best, p) => (p.value > best.value ? p : best), pts[0]);
    const panel: MetricPanel = {
      key: `${m.name}#${i}`,
      name: m.name,
      dimensions: Object.entries(m.dimensions).map(([k, v]) => `${k}=${v}`).join(', '),
      ...(m.unit ? { unit: m.unit } : {}),
      top,
      height: panelH,
      svgHeight: panelH + 2 * PANEL_PAD,
      yMax: axis.max,
      path: path.trim(),
      points,
      peak: { time: peakPoint.time, value: peakPoint.value },
      ...(limitValue !== undefined ? { limit: { y: py(limitValue), value: limitValue } } : {}),
    };
    return panel;
  });

  const xTicks = timeTicks(start, end, Math.floor(plotW / 64)).map((t) => {
    const at = x(t.ms);
    return { x: at, label: t.label, anchor: at + t.label.length * 3.5 > width - 2 ? ('end' as const) : ('middle' as const) };
  });
  return {
    width,
    height: plot.bottom + AXIS,
    minutes,
    plot,
    start,
    end,
    bars,
    classes: STACK_ORDER.filter((c) => present.has(c)),
    yMax: yAxis.max,
    yTicks: yAxis.ticks.map((v) => ({ y: y(v), value: v })),
    xTicks,
    shaded,
    metrics,
    ...(peak ? { peak } : {}),
    drawn: bars.reduce((n, k) => n + k.classified, 0),
    busyBuckets: bars.length,
  };
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The table beside the drawing (its accessible equivalent): buckets with classified rows, per class. */
export interface BucketRow {
  start: string;
  label: string;
  total: number;
  failed: number;
  counts: Partial<Record<TrafficClass, number>>;
}

export function bucketRows(g: ReportTrafficGateway, minutes: BucketMinutes): { classes: TrafficClass[]; rows: BucketRow[] } {
  const present = new Set<TrafficClass>();
  const rows: BucketRow[] = [];
  for (const k of bucketsAt(g, minutes)) {
    const counts: Partial<Record<TrafficClass, number>> = {};
    let any = false;
    for (const c of STACK_ORDER) {
      const n = k.classes[c] ?? 0;
      if (n) {
        counts[c] = n;
        present.add(c);
        any = true;
      }
    }
    if (any) rows.push({ start: k.start, label: bucketText(k.start, minutes), total: k.total, failed: k.failed, counts });
  }
  return { classes: STACK_ORDER.filter((c) => present.has(c)), rows };
}

// ---------------------------------------------------------------- classes and the findings that explain them

/** Rules that read a class's rows (their evidence quotes `traffic.classes[<class>]`). */
const CLASS_RULES: Record<TrafficClass, string[]> = {
  'no-healthy-backend': ['traffic-no-healthy-backend', 'traffic-502-empty-pool', 'traffic-nsg-blocked-backend'],
  'backend-timeout': ['traffic-backend-timeout'],
  'backend-5xx': ['traffic-backend-5xx'],
  'backend-closed': ['traffic-backend-closed'],
  capacity: ['traffic-capacity'],
  client: ['traffic-client-closed'],
  other: ['traffic-unclassified'],
};

/** Sections of the guide whose configuration findings can explain a class (logs-and-metrics.md §6). */
const CLASS_CATEGORIES: Record<TrafficClass, Category[]> = {
  'no-healthy-backend': ['nsg', 'udr', 'dns', 'default-probe', 'custom-probe', 'empty-pool', 'unhealthy-backend', 'backend-tls'],
  'backend-timeout': ['request-timeout'],
  'backend-5xx': ['backend-app'],
  'backend-closed': ['backend-app', 'backend-tls'],
  capacity: ['capacity'],
  client: [],
  other: [],
};

export interface FindingLink {
  /** Index in report.findings (the card's id is `finding-<index>`). */
  index: number;
  severity: ReportFinding['severity'];
  ruleId: string;
  /** The finding reads this class's rows (a traffic rule), rather than explaining it from the configuration. */
  direct: boolean;
}

export interface ClassRow {
  cls: TrafficClass;
  label: { en: string; ko: string };
  count: number;
  /** Share of the classified rows, percent (one decimal). */
  share: number;
  statuses: string;
  window: string;
  peak?: string;
  latency?: { min: number; avg: number; max: number };
  errorInfo: string[];
  findings: FindingLink[];
  approximate: boolean;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function sameGateway(f: ReportFinding, g: ReportTrafficGateway): boolean {
  const name = g.gateway ?? g.name;
  return !name || !f.gateway || f.gateway.toLowerCase() === name.toLowerCase();
}

/** Names a class's rows point at (pools, settings, listeners, rules, servers, hosts), lower-cased. */
function classKeys(g: ReportTrafficGateway, cls: TrafficClass): string[] {
  const c = g.classes.find((x) => x.class === cls);
  if (!c) return [];
  const keys = new Set<string>();
  for (const d of ['pool', 'settings', 'listener', 'rule', 'server', 'host'] as Dimension[]) for (const e of c.top[d] ?? []) keys.add(e.key.toLowerCase());
  for (const e of c.top.server ?? []) keys.add(e.key.replace(/:\d+$/, '').toLowerCase());
  return [...keys].filter((k) => k.length > 2);
}

/** The findings that explain a class: the traffic rules that read it, then configuration findings that name what it hit. */
export function findingsFor(report: Report, g: ReportTrafficGateway, cls: TrafficClass): FindingLink[] {
  const keys = classKeys(g, cls);
  const mark = `traffic.classes[${cls}]`;
  const out: FindingLink[] = [];
  report.findings.forEach((f, index) => {
    if (!sameGateway(f, g)) return;
    const direct = CLASS_RULES[cls].includes(f.ruleId) || f.evidence.some((e) => e.path.startsWith(mark));
    if (direct) {
      out.push({ index, severity: f.severity, ruleId: f.ruleId, direct: true });
      return;
    }
    if (f.ruleId.startsWith('traffic-') || !CLASS_CATEGORIES[cls].includes(f.category)) return;
    const text = `${f.resource.name} ${f.message} ${f.affected.join(' ')}`.toLowerCase();
    const names = keys.some((k) => f.resource.name.toLowerCase() === k || text.includes(k));
    if (names || (!keys.length && f.severity !== 'info')) out.push({ index, severity: f.severity, ruleId: f.ruleId, direct: false });
  });
  return out.sort((p, q) => Number(q.direct) - Number(p.direct) || SEVERITY_RANK[p.severity] - SEVERITY_RANK[q.severity] || p.index - q.index);
}

export function classRows(report: Report, g: ReportTrafficGateway): ClassRow[] {
  const total = g.classes.reduce((n, c) => n + c.count, 0);
  return g.classes.map((c) => ({
    cls: c.class,
    label: c.label,
    count: c.count,
    share: total ? Math.round((c.count / total) * 1000) / 10 : 0,
    statuses: Object.entries(c.byStatus).map(([s, n]) => `${s} × ${n}`).join(', '),
    window: windowText(c.window),
    ...(c.peak ? { peak: `${c.peak.count} @ ${bucketText(c.peak.bucket, c.peak.minutes)}` } : {}),
    ...(c.latency ? { latency: c.latency } : {}),
    errorInfo: Object.keys(c.errorInfo).filter((k) => k && k !== 'ERRORINFO_NO_ERROR'),
    findings: findingsFor(report, g, c.class),
    approximate: !!c.approximate,
  }));
}

// ---------------------------------------------------------------- top offenders

export interface OffenderRow {
  dimension: Dimension;
  key: string;
  count: number;
  /** Width of the bar, 0..1 of the group's largest. */
  fraction: number;
  segments: { cls: TrafficClass; count: number; fraction: number }[];
}

export interface OffenderGroup {
  dimension: Dimension;
  rows: OffenderRow[];
}

/** Top offenders by dimension (the report keeps the top 5 of each), in the dimensions' order. */
export function offenderGroups(g: ReportTrafficGateway): OffenderGroup[] {
  const out: OffenderGroup[] = [];
  for (const d of DIMENSIONS) {
    const list = g.topOffenders.filter((o) => o.dimension === d).sort((p, q) => q.count - p.count || p.key.localeCompare(q.key));
    if (!list.length) continue;
    const max = Math.max(...list.map((o) => o.count), 1);
    out.push({
      dimension: d,
      rows: list.map((o) => ({
        dimension: d,
        key: o.key,
        count: o.count,
        fraction: o.count / max,
        segments: STACK_ORDER.filter((c) => (o.classes[c] ?? 0) > 0).map((c) => ({ cls: c, count: o.classes[c]!, fraction: o.classes[c]! / max })),
      })),
    });
  }
  return out;
}

// ---------------------------------------------------------------- top failing URLs → route trace

export interface ListenerEndpoint {
  protocol: 'http' | 'https';
  port?: number;
}

/** Listener name (lower-cased) → scheme and port, from the configuration of the gateway the logs belong to. */
export function listenerEndpoints(ws: Workspace | undefined, gatewayName: string | undefined): Record<string, ListenerEndpoint> {
  const out: Record<string, ListenerEndpoint> = {};
  const gw = ws?.gateways.find((x) => !!gatewayName && x.name.toLowerCase() === gatewayName.toLowerCase());
  if (!gw) return out;
  for (const l of gw.httpListeners) {
    const protocol = /^https$/i.test(l.protocol ?? '') ? 'https' : 'http';
    const port = gw.frontendPorts.find((p) => !!l.frontendPort && (p.id.toLowerCase() === l.frontendPort.id.toLowerCase() || p.name === l.frontendPort.name))?.port;
    out[l.name.toLowerCase()] = { protocol, ...(port !== undefined ? { port } : {}) };
  }
  return out;
}

export interface FailingUrl {
  path: string;
  host?: string;
  /** `http://host/path` (with the listener's port when it is not the scheme's default); undefined without a host. */
  url?: string;
  count: number;
  classes: Partial<Record<TrafficClass, number>>;
}

function allSamples(g: ReportTrafficGateway): { cls: TrafficClass; s: AccessSample }[] {
  return g.classes.flatMap((c) => [...c.samples, ...(c.drill ?? [])].map((s) => ({ cls: c.class, s })));
}

function mostCommon(values: (string | undefined)[]): string | undefined {
  const n = new Map<string, number>();
  for (const v of values) if (v) n.set(v, (n.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [k, c] of n) if (!best || c > n.get(best)! || (c === n.get(best)! && k < best)) best = k;
  return best;
}

/** The paths that failed most, with the host (and listener) their sample rows name, as URLs for the route trace. */
export function topUrls(g: ReportTrafficGateway, endpoints: Record<string, ListenerEndpoint> = {}, max = 5): FailingUrl[] {
  const samples = allSamples(g).filter((x) => x.cls !== 'client');
  const hosts = g.topOffenders.filter((o) => o.dimension === 'host');
  return g.topOffenders
    .filter((o) => o.dimension === 'path')
    .sort((p, q) => q.count - p.count || p.key.localeCompare(q.key))
    .slice(0, max)
    .map((o) => {
      const same = samples.filter((x) => x.s.path === o.key);
      const host = mostCommon(same.map((x) => x.s.host)) ?? (hosts.length === 1 ? hosts[0].key : undefined);
      const listener = mostCommon(same.filter((x) => !host || x.s.host === host).map((x) => x.s.listener));
      const ep = listener ? endpoints[listener.toLowerCase()] : undefined;
      const scheme = ep?.protocol ?? 'http';
      const port = ep?.port !== undefined && ep.port !== (scheme === 'https' ? 443 : 80) ? `:${ep.port}` : '';
      const path = o.key.startsWith('/') ? o.key : `/${o.key}`;
      return { path: o.key, ...(host ? { host, url: `${scheme}://${host}${port}${path}` } : {}), count: o.count, classes: o.classes };
    });
}

// ---------------------------------------------------------------- drill-down

export type Selection =
  | { kind: 'class'; cls: TrafficClass }
  | { kind: 'bucket'; start: string; minutes: BucketMinutes; cls?: TrafficClass }
  | { kind: 'offender'; dimension: Dimension; key: string };

export interface SampleRow {
  key: string;
  cls: TrafficClass;
  time: string;
  status: string;
  serverStatus: string;
  /** serverResponseLatency / timeTaken, seconds as text ('' when absent). */
  latency: string;
  timeTaken: string;
  errorInfo: string;
  request: string;
  route: string;
  server: string;
  instance: string;
  source: string;
  /** Rows this sample stands for (summarized KQL results); 1 otherwise. */
  weight: number;
}

export interface Drill {
  rows: SampleRow[];
  /** Rows the selection stands for (counted), and whether the kept samples could show all of them. */
  total: number;
  complete: boolean;
  /** No kept row fell in the selected bucket: `rows` are the kept rows of its classes closest in time instead. */
  nearest?: boolean;
}

const seconds = (v: number | undefined) => (v === undefined ? '' : `${v} s`);

function sampleRow(cls: TrafficClass, s: AccessSample, i: number): SampleRow {
  return {
    key: `${cls}:${s.document}:${s.line ?? ''}:${s.time ?? ''}:${i}`,
    cls,
    time: utcDateTime(s.time),
    status: s.status !== undefined ? String(s.status) : '',
    serverStatus: s.serverStatus ?? '',
    latency: seconds(s.latencyMax ?? s.latency),
    timeTaken: seconds(s.timeTaken),
    errorInfo: s.errorInfo ?? '',
    request: [s.method, `${s.host ?? ''}${s.path ?? ''}`].filter(Boolean).join(' '),
    route: [s.listener, s.rule, s.pool, s.settings].filter(Boolean).join(' → '),
    server: s.server ?? '',
    instance: s.instance ?? '',
    source: s.line ? `${s.document}:${s.line}` : s.document,
    weight: s.weight ?? 1,
  };
}

function dimensionValue(s: AccessSample, d: Dimension): string | undefined {
  return s[d];
}

/** The kept sample rows behind a selection, time-ordered, with how many rows the selection counts. */
export function drillRows(g: ReportTrafficGateway, sel: Selection, max = 50): Drill {
  let picked: { cls: TrafficClass; s: AccessSample }[];
  let total = 0;
  if (sel.kind === 'class') {
    const c = g.classes.find((x) => x.class === sel.cls);
    picked = c ? [...c.samples, ...(c.drill ?? [])].map((s) => ({ cls: c.class, s })) : [];
    total = c?.count ?? 0;
  } else if (sel.kind === 'bucket') {
    const a = Date.parse(sel.start);
    const b = a + sel.minutes * MINUTE;
    picked = allSamples(g).filter(({ cls, s }) => {
      const t = s.time ? Date.parse(s.time) : NaN;
      return t >= a && t < b && (!sel.cls || cls === sel.cls);
    });
    const k = bucketsAt(g, sel.minutes).find((x) => x.start === sel.start);
    total = k ? (sel.cls ? k.classes[sel.cls] ?? 0 : STACK_ORDER.reduce((n, c) => n + (k.classes[c] ?? 0), 0)) : 0;
  } else {
    const want = sel.key.toLowerCase();
    picked = allSamples(g).filter(({ s }) => (dimensionValue(s, sel.dimension) ?? '').toLowerCase() === want);
    total = g.topOffenders.find((o) => o.dimension === sel.dimension && o.key === sel.key)?.count ?? picked.length;
  }
  // The same row can be a sample of one class and a drill row of a merged one: show it once.
  const seen = new Set<string>();
  const unique = picked.filter(({ s }) => {
    const id = `${s.document}:${s.line ?? ''}:${s.time ?? ''}:${s.path ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  unique.sort((p, q) => (p.s.time ?? '').localeCompare(q.s.time ?? ''));
  if (!unique.length && sel.kind === 'bucket' && total > 0) {
    // Nothing kept inside the bucket: the nearest kept rows of the classes it holds, so the user still sees their shape.
    const k = bucketsAt(g, sel.minutes).find((x) => x.start === sel.start);
    const mid = Date.parse(sel.start) + (sel.minutes * MINUTE) / 2;
    const near = allSamples(g)
      .filter(({ cls, s }) => (sel.cls ? cls === sel.cls : (k?.classes[cls] ?? 0) > 0) && !!s.time)
      .sort((p, q) => Math.abs(Date.parse(p.s.time!) - mid) - Math.abs(Date.parse(q.s.time!) - mid))
      .slice(0, 3)
      .sort((p, q) => p.s.time!.localeCompare(q.s.time!));
    if (near.length) return { rows: near.map(({ cls, s }, i) => sampleRow(cls, s, i)), total, complete: false, nearest: true };
  }
  const rows = unique.slice(0, max).map(({ cls, s }, i) => sampleRow(cls, s, i));
  const shown = unique.reduce((n, x) => n + (x.s.weight ?? 1), 0);
  return { rows, total, complete: shown >= total };
}

/** Whether the selection is this bucket (of this size), whatever class inside it was picked. */
export function isBucketSelected(sel: Selection | undefined, start: string, minutes: BucketMinutes): boolean {
  return sel?.kind === 'bucket' && sel.start === start && sel.minutes === minutes;
}

/** The selection as a stable string (for aria-pressed and tests). */
export function selectionKey(sel: Selection | undefined): string {
  if (!sel) return '';
  if (sel.kind === 'class') return `class:${sel.cls}`;
  if (sel.kind === 'bucket') return `bucket:${sel.minutes}:${sel.start}${sel.cls ? `:${sel.cls}` : ''}`;
  return `offender:${sel.dimension}:${sel.key}`;
}

// ---------------------------------------------------------------- several gateways

/** A label for each gateway of the traffic section: the configured name, else the logs' name, else the resource id's end. */
export function gatewayLabels(report: Report): string[] {
  return (report.traffic?.gateways ?? []).map((g, i) => g.gateway ?? g.name ?? g.resourceId?.split('/').pop() ?? `#${i + 1}`);
}
