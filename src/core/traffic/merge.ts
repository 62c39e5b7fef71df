/**
 * All documents' traffic → one view per gateway, joined with the configuration:
 * - logs and metrics are matched to the configured gateway by resource id (or name; logs without an id go to
 *   the only gateway);
 * - rows whose class depends on the request time-out are resolved with their settings' requestTimeout (joined by
 *   backendSettingName; v1 rows, which carry no settings name, by routing host + path through the gateway; else the
 *   default 20 s) — GUIDE, SETTINGS, logs-and-metrics.md §6;
 * - capacity is assessed from CapacityUnits against 10 × the maximum instance count, and the 2026 guide's direct
 *   comparison with maxCapacity is reported beside it (logs-and-metrics.md §7); gateway-made 502s inside saturated
 *   windows with no unhealthy host move to the `capacity` class;
 * - 403 rows are joined with the firewall log by transactionId.
 */
import { idKey } from '../model/ids';
import type { Gateway, Workspace } from '../model/types';
import { routeDetail } from '../route';
import { resolveWithTimeout, type RowClass } from './classify';
import { mergeAppServices } from './app-service';
import { peak } from './metrics';
import { emptyStats, mergeStats, sortKeys, splitByMinute } from './stats';
import { durationMinutes, minuteOf } from './time';
import type {
  AccessLogAggregate, CapacityAssessment, CapacityWindow, ClassStats, FirewallAggregate, GatewayLog, GatewayTraffic, MetricSeries, OddRow,
  PendingGroup, PerformanceAggregate, TimeoutUsed, TrafficClass, TrafficDocumentSummary, TrafficWorkspace,
} from './types';

/** Azure's default request time-out of backend settings (GUIDE, SETTINGS). */
export const DEFAULT_TIMEOUT_SECONDS = 20;
/** One instance ≈ 10 capacity units (SCALE); "near" = 90 %. */
export const UNITS_PER_INSTANCE = 10;
export const SATURATION_FRACTION = 0.9;
/** Metric points this far around the failures count as "the same window". */
const WINDOW_MARGIN_MS = 5 * 60_000;

export function mergeTraffic(ws: Workspace): TrafficWorkspace {
  const documents: TrafficDocumentSummary[] = [];
  const odd: { count: number; samples: OddRow[] } = { count: 0, samples: [] };
  const logs: { log: GatewayLog; document: string }[] = [];
  const series: { s: MetricSeries; document: string }[] = [];
  const apps = [];
  const errors = [];
  for (const d of ws.documents) {
    const t = d.traffic;
    if (!t) continue;
    documents.push({ name: d.name, kind: t.kind, format: t.format, records: t.records, foreign: t.foreign, odd: t.odd.count });
    odd.count += t.odd.count;
    for (const o of t.odd.samples) if (odd.samples.length < 10) odd.samples.push(o);
    for (const l of t.logs) logs.push({ log: l, document: d.name });
    for (const s of t.metrics) series.push({ s, document: d.name });
    apps.push(...t.appServices);
    errors.push(...t.controlPlaneErrors);
  }

  // ---- attach logs and metrics to gateways
  const byTarget = new Map<string, { gateway?: Gateway; key: string; resourceId?: string; name?: string; logs: GatewayLog[]; metrics: MetricSeries[]; documents: Set<string> }>();
  const target = (key: string, gateway: Gateway | undefined, resourceId?: string, name?: string) => {
    const k = gateway ? `gw:${idKey(gateway.id)}` : key;
    let t = byTarget.get(k);
    if (!t) byTarget.set(k, (t = { gateway, key, resourceId: gateway?.id ?? resourceId, name: gateway?.name ?? name, logs: [], metrics: [], documents: new Set() }));
    return t;
  };
  const findGateway = (key: string, name?: string): Gateway | undefined => {
    if (key && !key.startsWith('name:')) {
      const g = ws.gateways.find((x) => idKey(x.id) === key);
      if (g) return g;
    }
    const n = (key.startsWith('name:') ? key.slice(5) : name ?? '').toLowerCase();
    if (n) {
      const byName = ws.gateways.filter((x) => x.name.toLowerCase() === n);
      if (byName.length === 1) return byName[0];
    }
    return undefined;
  };
  const keyedNames = new Set<string>();
  for (const { log } of logs) if (log.key) keyedNames.add(log.key);
  for (const { s } of series) if (s.resourceId) keyedNames.add(idKey(s.resourceId));
  const loneGateway = ws.gateways.length === 1 ? ws.gateways[0] : undefined;
  for (const { log, document } of logs) {
    let gw = findGateway(log.key, log.name);
    if (!gw && !log.key) gw = loneGateway ?? (keyedNames.size === 1 ? findGateway([...keyedNames][0]) : undefined);
    const t = target(log.key || (keyedNames.size === 1 ? [...keyedNames][0] : ''), gw, log.resourceId, log.name);
    t.logs.push(log);
    t.documents.add(document);
  }
  for (const { s, document } of series) {
    const key = s.resourceId ? idKey(s.resourceId) : '';
    let gw = key ? findGateway(key, s.resourceId!.split('/').pop()) : undefined;
    if (!gw && !key) gw = loneGateway;
    const t = target(key, gw, s.resourceId, s.resourceId?.split('/').pop());
    t.metrics.push(s);
    t.documents.add(document);
  }
  for (const t of byTarget.values()) {
    if (!t.gateway && ws.gateways.length) {
      ws.notes.push({
        document: [...t.documents][0] ?? '',
        message: `Logs/metrics of ${t.name ?? t.resourceId ?? 'an unnamed gateway'} do not belong to any gateway in the configuration (${ws.gateways.map((g) => g.name).join(', ')}); they are summarised on their own and not joined with the configuration.`,
      });
    }
  }

  const gateways: GatewayTraffic[] = [];
  for (const t of byTarget.values()) {
    const access = mergeAccess(t.logs.map((l) => l.access).filter((a): a is AccessLogAggregate => !!a));
    const performance = mergePerformance(t.logs.map((l) => l.performance).filter((p): p is PerformanceAggregate => !!p));
    const firewall = mergeFirewall(t.logs.map((l) => l.firewall).filter((f): f is FirewallAggregate => !!f));
    const gt: GatewayTraffic = {
      key: t.key,
      ...(t.resourceId ? { resourceId: t.resourceId } : {}),
      ...(t.name ? { name: t.name } : {}),
      ...(t.gateway ? { gatewayId: t.gateway.id } : {}),
      ...(access ? { access } : {}),
      ...(performance ? { performance } : {}),
      ...(firewall ? { firewall } : {}),
      metrics: t.metrics,
      timeouts: [],
      documents: [...t.documents],
    };
    if (access) gt.timeouts = resolvePending(ws, t.gateway, access);
    const capacity = assessCapacity(t.gateway, t.metrics, access, performance);
    if (capacity) {
      gt.capacity = capacity;
      if (access && capacity.saturated && !(capacity.unhealthyHostMax && capacity.unhealthyHostMax > 0)) moveToCapacity(access, capacity);
    }
    if (access && firewall && access.forbidden.transactionIds.length) {
      const byRule: Record<string, number> = {};
      let matched = 0;
      for (const tx of access.forbidden.transactionIds) {
        const rule = firewall.blocked[tx];
        if (rule === undefined) continue;
        matched++;
        byRule[rule] = (byRule[rule] ?? 0) + 1;
      }
      gt.wafJoined = { matched, byRule };
    }
    gateways.push(gt);
  }
  return { gateways, appServices: mergeAppServices(apps), controlPlaneErrors: errors, documents, odd };
}

/** The traffic of one configured gateway, if any input spoke of it. */
export function trafficOf(ws: Workspace, gateway: Gateway): GatewayTraffic | undefined {
  return ws.traffic?.gateways.find((g) => g.gatewayId && idKey(g.gatewayId) === idKey(gateway.id));
}

// ---------------------------------------------------------------- merging aggregates

function sumInto(into: Record<string, number>, from: Record<string, number>): void {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k];
}

export function mergeAccess(list: AccessLogAggregate[]): AccessLogAggregate | undefined {
  if (!list.length) return undefined;
  const out: AccessLogAggregate = {
    rows: 0, ignoredInternal: 0, generation: 'unknown', generations: { v1: 0, v2: 0, unknown: 0 }, byStatus: {}, minutes: {}, classes: {}, pending: [],
    unknownErrorInfo: [], layer4: { rows: 0, unreachable: 0, samples: [] }, forbidden: { count: 0, transactionIds: [] },
  };
  const classes = new Map<TrafficClass, ClassStats[]>();
  const unknown = new Map<string, AccessLogAggregate['unknownErrorInfo'][number]>();
  for (const a of list) {
    out.rows += a.rows;
    out.ignoredInternal += a.ignoredInternal;
    out.generations.v1 += a.generations.v1;
    out.generations.v2 += a.generations.v2;
    out.generations.unknown += a.generations.unknown;
    if (a.first && (!out.first || a.first < out.first)) out.first = a.first;
    if (a.last && (!out.last || a.last > out.last)) out.last = a.last;
    sumInto(out.byStatus, a.byStatus);
    for (const [m, e] of Object.entries(a.minutes)) {
      const x = out.minutes[m];
      if (x) {
        x.total += e.total;
        x.failed += e.failed;
      } else out.minutes[m] = { ...e };
    }
    for (const [c, s] of Object.entries(a.classes) as [TrafficClass, ClassStats][]) {
      const l = classes.get(c);
      if (l) l.push(s);
      else classes.set(c, [s]);
    }
    out.pending.push(...a.pending);
    for (const u of a.unknownErrorInfo) {
      const x = unknown.get(u.code);
      if (x) {
        x.count += u.count;
        x.samples = [...x.samples, ...u.samples].slice(0, 3);
      } else unknown.set(u.code, { ...u });
    }
    out.layer4.rows += a.layer4.rows;
    out.layer4.unreachable += a.layer4.unreachable;
    out.layer4.samples = [...out.layer4.samples, ...a.layer4.samples].slice(0, 3);
    out.forbidden.count += a.forbidden.count;
    out.forbidden.transactionIds = out.forbidden.transactionIds.concat(a.forbidden.transactionIds).slice(0, 10000);
    if (a.summarized) out.summarized = true;
  }
  const g = out.generations;
  out.generation = g.v1 && !g.v2 ? 'v1' : g.v2 && !g.v1 ? 'v2' : g.v1 || g.v2 ? (g.v1 >= g.v2 ? 'v1' : 'v2') : 'unknown';
  out.minutes = sortKeys(out.minutes);
  for (const [c, l] of classes) out.classes[c] = mergeStats(l);
  out.unknownErrorInfo = [...unknown.values()].sort((a, b) => b.count - a.count);
  return out;
}

function mergePerformance(list: PerformanceAggregate[]): PerformanceAggregate | undefined {
  if (!list.length) return undefined;
  if (list.length === 1) return list[0];
  const out: PerformanceAggregate = { rows: 0, minutes: {}, unhealthyMax: 0, failedTotal: 0, requestTotal: 0 };
  for (const p of list) {
    out.rows += p.rows;
    if (p.first && (!out.first || p.first < out.first)) out.first = p.first;
    if (p.last && (!out.last || p.last > out.last)) out.last = p.last;
    for (const [m, e] of Object.entries(p.minutes)) {
      const x = out.minutes[m];
      if (!x) out.minutes[m] = { ...e };
      else {
        x.healthy = Math.max(x.healthy, e.healthy);
        x.unhealthy = Math.max(x.unhealthy, e.unhealthy);
        x.requests += e.requests;
        x.failed += e.failed;
        x.latencyMs = Math.max(x.latencyMs, e.latencyMs);
        x.instances += e.instances;
      }
    }
    out.unhealthyMax = Math.max(out.unhealthyMax, p.unhealthyMax);
    out.failedTotal += p.failedTotal;
    out.requestTotal += p.requestTotal;
  }
  out.minutes = sortKeys(out.minutes);
  return out;
}

function mergeFirewall(list: FirewallAggregate[]): FirewallAggregate | undefined {
  if (!list.length) return undefined;
  if (list.length === 1) return list[0];
  const out: FirewallAggregate = { rows: 0, byAction: {}, rules: [], blocked: {} };
  const rules = new Map<string, number>();
  for (const f of list) {
    out.rows += f.rows;
    sumInto(out.byAction, f.byAction);
    for (const r of f.rules) rules.set(r.key, (rules.get(r.key) ?? 0) + r.count);
    Object.assign(out.blocked, f.blocked);
  }
  out.rules = [...rules].map(([key, count]) => ({ key, count, error: 0 })).sort((a, b) => b.count - a.count).slice(0, 64);
  return out;
}

// ---------------------------------------------------------------- time-outs

interface TimeoutChoice {
  seconds: number;
  settings: string;
  source: TimeoutUsed['source'];
}

function timeoutFor(ws: Workspace, gateway: Gateway | undefined, p: PendingGroup, cache: Map<string, TimeoutChoice>): TimeoutChoice {
  const key = p.settings ? `s:${p.settings.toLowerCase()}` : `r:${p.routeKey ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let choice: TimeoutChoice | undefined;
  if (gateway) {
    let settings = p.settings ? gateway.backendHttpSettingsCollection.find((s) => s.name.toLowerCase() === p.settings!.toLowerCase()) : undefined;
    if (!settings && !p.settings && p.routeKey) {
      // v1 rows name no settings: route host + path through the gateway's listeners and rules.
      const slash = p.routeKey.indexOf('/');
      const host = slash >= 0 ? p.routeKey.slice(0, slash) : p.routeKey;
      const path = slash >= 0 ? p.routeKey.slice(slash) : '/';
      if (host) {
        for (const scheme of ['http', 'https']) {
          try {
            const r = routeDetail(ws, gateway, `${scheme}://${host}${path === '/' ? '/' : `${path}/`}`, { trace: false });
            if (r.settings) {
              settings = r.settings;
              break;
            }
          } catch {
            /* routing is best effort */
          }
        }
      }
    }
    if (settings) {
      choice = settings.requestTimeout === undefined
        ? { seconds: DEFAULT_TIMEOUT_SECONDS, settings: settings.name, source: 'default' }
        : { seconds: settings.requestTimeout, settings: settings.name, source: 'config' };
    } else {
      // The settings are not known: when every settings has the same time-out, that one holds.
      const all = new Set(gateway.backendHttpSettingsCollection.map((s) => s.requestTimeout ?? DEFAULT_TIMEOUT_SECONDS));
      if (all.size === 1) choice = { seconds: [...all][0], settings: p.settings ?? '(unknown settings)', source: 'assumed' };
    }
  }
  choice ??= { seconds: DEFAULT_TIMEOUT_SECONDS, settings: p.settings ?? '(unknown settings)', source: 'assumed' };
  cache.set(key, choice);
  return choice;
}

/** Resolve pending groups into classes; returns the time-outs used. */
function resolvePending(ws: Workspace, gateway: Gateway | undefined, access: AccessLogAggregate): TimeoutUsed[] {
  const cache = new Map<string, TimeoutChoice>();
  const used = new Map<string, TimeoutUsed>();
  const into = new Map<TrafficClass, ClassStats[]>();
  const push = (c: TrafficClass, s: ClassStats) => {
    const l = into.get(c);
    if (l) l.push(s);
    else into.set(c, [s]);
  };
  for (const p of access.pending) {
    const t = timeoutFor(ws, gateway, p, cache);
    const u = used.get(t.settings) ?? { settings: t.settings, seconds: t.seconds, source: t.source, rows: 0 };
    u.rows += p.stats.count;
    used.set(t.settings, u);
    const tally = new Map<TrafficClass, number>();
    for (const [value, n] of Object.entries(p.values)) {
      const v = Number(value);
      const c = resolveWithTimeout({ Status: p.status, IsV1: p.v1, Value: v < 0 ? null : v }, t.seconds) as RowClass;
      const cls: TrafficClass = c === 'none' || c === 'ignore' ? 'other' : c;
      tally.set(cls, (tally.get(cls) ?? 0) + n);
    }
    let stats = p.stats;
    if (!p.settings && t.source !== 'assumed' && !stats.dimensions.settings.length) {
      stats = { ...stats, dimensions: { ...stats.dimensions, settings: [{ key: t.settings, count: stats.count, error: 0, ...(stats.first ? { first: stats.first, last: stats.last } : {}) }] } };
    }
    const ranked = [...tally].sort((a, b) => b[1] - a[1]);
    if (ranked.length <= 1) {
      push(ranked[0]?.[0] ?? 'other', stats);
      continue;
    }
    // The group straddles a threshold: the majority keeps the details, the rest is counted (approximately placed).
    const [major, ...minor] = ranked;
    const minorTotal = minor.reduce((n, [, c]) => n + c, 0);
    push(major[0], { ...stats, count: stats.count - minorTotal, byStatus: { [String(p.status)]: stats.count - minorTotal }, approximate: true });
    for (const [c, n] of minor) push(c, { ...emptyStats(), count: n, byStatus: { [String(p.status)]: n }, approximate: true });
  }
  for (const [c, l] of into) {
    const existing = access.classes[c];
    access.classes[c] = mergeStats(existing ? [existing, ...l] : l);
  }
  access.pending = [];
  return [...used.values()].sort((a, b) => b.rows - a.rows);
}

// ---------------------------------------------------------------- capacity

const byName = (list: MetricSeries[], name: string) => list.filter((s) => s.name.toLowerCase() === name.toLowerCase());

function failureRange(access: AccessLogAggregate | undefined): { start: number; end: number } | undefined {
  if (!access) return undefined;
  let start = Infinity;
  let end = -Infinity;
  for (const c of ['no-healthy-backend', 'backend-timeout', 'backend-5xx', 'backend-closed', 'other'] as TrafficClass[]) {
    const s = access.classes[c];
    if (!s?.first || !s.last) continue;
    start = Math.min(start, Date.parse(s.first));
    end = Math.max(end, Date.parse(s.last));
  }
  return Number.isFinite(start) ? { start: start - WINDOW_MARGIN_MS, end: end + WINDOW_MARGIN_MS } : undefined;
}

export function assessCapacity(gateway: Gateway | undefined, metrics: MetricSeries[], access?: AccessLogAggregate, performance?: PerformanceAggregate): CapacityAssessment | undefined {
  const cu = byName(metrics, 'CapacityUnits');
  const unhealthy = byName(metrics, 'UnhealthyHostCount');
  const failed = byName(metrics, 'FailedRequests');
  if (!cu.length && !unhealthy.length && !failed.length && !performance) return undefined;
  const range = failureRange(access);
  const inRange = (t: string) => {
    if (!range) return true;
    const ms = Date.parse(t);
    return ms >= range.start && ms <= range.end;
  };
  const maxInstances = gateway?.autoscale?.maxCapacity ?? gateway?.sku.capacity;
  const from: CapacityAssessment['maxInstancesFrom'] = gateway?.autoscale?.maxCapacity !== undefined ? 'autoscaleConfiguration.maxCapacity' : gateway?.sku.capacity !== undefined ? 'sku.capacity' : undefined;
  const limit = maxInstances !== undefined ? maxInstances * UNITS_PER_INSTANCE : undefined;
  let cuMax: number | undefined;
  let cuMaxAt: string | undefined;
  const windows: CapacityWindow[] = [];
  let first: string | undefined;
  let last: string | undefined;
  for (const s of cu) {
    const grain = durationMinutes(s.interval) ?? 1;
    for (const p of s.points) {
      if (!inRange(p.time)) continue;
      const v = peak(p);
      if (v === undefined) continue;
      if (!first || p.time < first) first = p.time;
      if (!last || p.time > last) last = p.time;
      if (cuMax === undefined || v > cuMax) {
        cuMax = v;
        cuMaxAt = p.time;
      }
      if (limit !== undefined && v >= SATURATION_FRACTION * limit) {
        const start = p.time;
        const end = new Date(Date.parse(p.time) + grain * 60_000).toISOString();
        const prev = windows[windows.length - 1];
        if (prev && Date.parse(prev.end) >= Date.parse(start)) {
          prev.end = end > prev.end ? end : prev.end;
          prev.capacityUnitsMax = Math.max(prev.capacityUnitsMax, v);
        } else windows.push({ start, end, capacityUnitsMax: v });
      }
    }
  }
  windows.sort((a, b) => a.start.localeCompare(b.start));
  let unhealthyMax: number | undefined;
  let unhealthyAt: string | undefined;
  for (const s of unhealthy) {
    for (const p of s.points) {
      if (!inRange(p.time)) continue;
      const v = p.maximum ?? p.average;
      if (v === undefined) continue;
      if (unhealthyMax === undefined || v > unhealthyMax) {
        unhealthyMax = v;
        unhealthyAt = p.time;
      }
    }
  }
  if (performance) {
    for (const [m, e] of Object.entries(performance.minutes)) {
      const t = new Date(minuteOf(m)).toISOString();
      if (!inRange(t)) continue;
      if (unhealthyMax === undefined || e.unhealthy > unhealthyMax) {
        unhealthyMax = e.unhealthy;
        unhealthyAt = t;
      }
    }
  }
  let failedRequests: number | undefined;
  for (const s of failed) for (const p of s.points) if (inRange(p.time)) failedRequests = (failedRequests ?? 0) + (p.total ?? p.average ?? 0);
  const saturatedByInstances = limit !== undefined && cuMax !== undefined && cuMax >= SATURATION_FRACTION * limit;
  const saturatedDirect = maxInstances !== undefined && cuMax !== undefined && cuMax >= maxInstances;
  return {
    ...(cuMax !== undefined ? { capacityUnitsMax: cuMax, capacityUnitsMaxAt: cuMaxAt } : {}),
    ...(maxInstances !== undefined ? { maxInstances, maxInstancesFrom: from, limitByInstances: limit } : {}),
    saturatedByInstances,
    saturatedDirect,
    comparison: limit !== undefined && cuMax !== undefined ? 'ten-times-max-instances' : 'none',
    saturated: saturatedByInstances,
    windows,
    ...(unhealthyMax !== undefined ? { unhealthyHostMax: unhealthyMax, unhealthyHostMaxAt: unhealthyAt } : {}),
    ...(failedRequests !== undefined ? { failedRequests } : {}),
    ...(range ? { range: { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() } } : first ? { range: { start: first, end: last! } } : {}),
    movedToCapacity: 0,
  };
}

/** Gateway-made 502s (no backend status) inside saturated windows become `capacity`. */
function moveToCapacity(access: AccessLogAggregate, capacity: CapacityAssessment): void {
  const nhb = access.classes['no-healthy-backend'];
  if (!nhb || !capacity.windows.length) return;
  const wins = capacity.windows.map((w) => [Date.parse(w.start), Date.parse(w.end)] as const);
  const [inside, outside] = splitByMinute(nhb, (ms) => wins.some(([a, b]) => ms >= a && ms < b));
  if (!inside) return;
  capacity.movedToCapacity = inside.count;
  access.classes.capacity = access.classes.capacity ? mergeStats([access.classes.capacity, inside]) : inside;
  if (outside && outside.count > 0) access.classes['no-healthy-backend'] = outside;
  else delete access.classes['no-healthy-backend'];
}
