/**
 * The streaming reader: text in chunks (a 500 MB blob from the Web Worker, or one whole paste) → a TrafficDocument.
 * The shape is sniffed from the first chunk (logs-and-metrics.md §1): storage JSON lines, a `records` wrapper
 * (storage / Event Hubs), a JSON array (az monitor log-analytics query), CSV (portal export), or a small whole
 * document (REST query response, metrics, App Service, control-plane error, generated-query result).
 * Rows are aggregated as they are read; nothing per row is kept beyond a few samples.
 */
import Papa from 'papaparse';
import type { Problem, SourceRef } from '../model/types';
import { ACCESS_SIGNS, F, FIREWALL_SIGNS, KQL_RESULT_SIGNS, PERFORMANCE_SIGNS, fieldOf, mapHeader, tableOfHeader, type Field } from './columns';
import { KNOWN_ERROR_INFO, classifyVars, latencyBin, mayBeClassified, varsOf, type Vars } from './classify';
import { errorsInJson, errorsInText, mentionsKnownCode } from './control-plane';
import { looksLikeMetrics, normalizeMetrics } from './metrics';
import { appServicesIn } from './app-service';
import { fieldsOfObject, fieldsText, firstSegment, newFields, pathOf, toAccessRow, type AccessRow, type FieldValues } from './row';
import { CsvBlocks, LineSplitter, ObjectScanner } from './scan';
import { ClassAccumulator, MAX_SAMPLES, MAX_SPREAD_SAMPLES_PENDING, TopK, round3, type RowFacts } from './stats';
import { iso, minuteIso, parseTime } from './time';
import type {
  AccessLogAggregate, AccessSample, AppService, ControlPlaneError, FirewallAggregate, GatewayLog, MetricSeries, OddRow, PendingGroup,
  PerformanceAggregate, TrafficClass, TrafficDocument, TrafficFormat, TrafficKind,
} from './types';

export interface TrafficResult {
  /** Undefined when the text turned out to be none of the traffic inputs (the loader then tries the other forms). */
  traffic?: TrafficDocument;
  problems: Problem[];
}

export interface TrafficAccumulator {
  push(chunk: string): void;
  finish(): TrafficResult;
  /** Records (log rows, CSV rows) read so far: the progress a big file's reader shows. */
  readonly records: number;
}

export interface AccumulatorOptions {
  /** Document name (for samples and evidence). */
  document: string;
}

const MAX_ODD_SAMPLES = 5;
const MAX_PENDING_GROUPS = 5000;
const MAX_ROUTE_KEYS = 200;
const MAX_FINE_VALUES = 512;
const MAX_FORBIDDEN_IDS = 10000;
const MAX_WAF_IDS = 10000;
/** Bytes read before the shape must be decided (a minified single line can be long). */
const SNIFF_LIMIT = 1024 * 1024;
/** Bytes enough to see the first keys of a pretty-printed document. */
const SNIFF_HEAD = 4096;

type Mode = 'json-lines' | 'records' | 'array' | 'concatenated' | 'csv' | 'whole';

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));

// ---------------------------------------------------------------- per-gateway accumulators

interface PendingAcc {
  settings?: string;
  routeKey?: string;
  status: number;
  isV1: boolean;
  bin: number;
  binWidth: number;
  acc: ClassAccumulator;
  /** Exact values (ms precision) → rows, so a group straddling a threshold splits exactly. */
  values: Map<number, number>;
  valuesApproximate: boolean;
}

class AccessAcc {
  rows = 0;
  ignored = 0;
  gens = { v1: 0, v2: 0, unknown: 0 };
  first = Infinity;
  last = -Infinity;
  byStatus = new Map<number, number>();
  minutes = new Map<number, { total: number; failed: number }>();
  classes = new Map<TrafficClass, ClassAccumulator>();
  pending = new Map<string, PendingAcc>();
  routeKeys = new Set<string>();
  unknown = new Map<string, { count: number; samples: AccessSample[] }>();
  layer4 = { rows: 0, unreachable: 0, samples: [] as AccessSample[] };
  forbidden = { count: 0, transactionIds: [] as string[] };
  summarized = false;

  classAcc(c: TrafficClass): ClassAccumulator {
    let a = this.classes.get(c);
    if (!a) this.classes.set(c, (a = new ClassAccumulator()));
    return a;
  }

  done(): AccessLogAggregate {
    const byStatus: Record<string, number> = {};
    for (const [s, n] of [...this.byStatus].sort((a, b) => a[0] - b[0])) byStatus[String(s)] = n;
    const minutes: Record<string, { total: number; failed: number }> = {};
    for (const m of [...this.minutes.keys()].sort((a, b) => a - b)) minutes[minuteIso(m)] = this.minutes.get(m)!;
    const classes: AccessLogAggregate['classes'] = {};
    for (const [c, a] of this.classes) classes[c] = a.done();
    const pending: PendingGroup[] = [];
    for (const p of this.pending.values()) {
      const values: Record<string, number> = {};
      for (const [v, n] of p.values) values[String(v)] = n;
      pending.push({
        ...(p.settings ? { settings: p.settings } : {}),
        ...(p.routeKey ? { routeKey: p.routeKey } : {}),
        status: p.status,
        v1: p.isV1,
        bin: p.bin,
        binWidth: p.binWidth,
        values,
        ...(p.valuesApproximate ? { valuesApproximate: true } : {}),
        stats: p.acc.done(),
      });
    }
    const gens = this.gens;
    const generation = gens.v1 && !gens.v2 ? 'v1' : gens.v2 && !gens.v1 ? 'v2' : gens.v1 && gens.v2 ? (gens.v1 >= gens.v2 ? 'v1' : 'v2') : 'unknown';
    return {
      rows: this.rows,
      ignoredInternal: this.ignored,
      generation,
      generations: { ...gens },
      ...(Number.isFinite(this.first) ? { first: iso(this.first), last: iso(this.last) } : {}),
      byStatus,
      minutes,
      classes,
      pending,
      unknownErrorInfo: [...this.unknown].map(([code, u]) => ({ code, count: u.count, samples: u.samples })).sort((a, b) => b.count - a.count),
      layer4: this.layer4,
      forbidden: this.forbidden,
      ...(this.summarized ? { summarized: true } : {}),
    };
  }
}

class PerfAcc {
  rows = 0;
  first = Infinity;
  last = -Infinity;
  minutes = new Map<number, { healthy: number; unhealthy: number; requests: number; failed: number; latencyMs: number; instances: number }>();
  add(f: FieldValues): void {
    this.rows++;
    const t = parseTime(f[F.time]);
    const num = (v: unknown) => {
      const n = Number(typeof v === 'string' ? v.trim() : v);
      return Number.isFinite(n) ? n : 0;
    };
    if (t === undefined) return;
    if (t < this.first) this.first = t;
    if (t > this.last) this.last = t;
    const m = Math.floor(t / 60000);
    let e = this.minutes.get(m);
    if (!e) this.minutes.set(m, (e = { healthy: 0, unhealthy: 0, requests: 0, failed: 0, latencyMs: 0, instances: 0 }));
    e.healthy = Math.max(e.healthy, num(f[F.healthyHostCount]));
    e.unhealthy = Math.max(e.unhealthy, num(f[F.unhealthyHostCount]));
    e.requests += num(f[F.requestCount]);
    e.failed += num(f[F.failedRequestCount]);
    e.latencyMs = Math.max(e.latencyMs, num(f[F.latency]));
    e.instances++;
  }
  done(): PerformanceAggregate {
    const minutes: PerformanceAggregate['minutes'] = {};
    let unhealthyMax = 0;
    let failedTotal = 0;
    let requestTotal = 0;
    for (const m of [...this.minutes.keys()].sort((a, b) => a - b)) {
      const e = this.minutes.get(m)!;
      minutes[minuteIso(m)] = e;
      unhealthyMax = Math.max(unhealthyMax, e.unhealthy);
      failedTotal += e.failed;
      requestTotal += e.requests;
    }
    return { rows: this.rows, ...(Number.isFinite(this.first) ? { first: iso(this.first), last: iso(this.last) } : {}), minutes, unhealthyMax, failedTotal, requestTotal };
  }
}

class FirewallAcc {
  rows = 0;
  byAction = new Map<string, number>();
  rules = new TopK();
  blocked = new Map<string, string>();
  add(f: FieldValues): void {
    this.rows++;
    const action = text(f[F.action]) || '(none)';
    this.byAction.set(action, (this.byAction.get(action) ?? 0) + 1);
    const rule = `${text(f[F.ruleId])} ${text(f[F.message])}`.trim().slice(0, 200);
    const t = parseTime(f[F.time]);
    if (rule) this.rules.add(rule, 1, t ?? NaN, -1);
    const tx = text(f[F.transactionId]);
    if (tx && /blocked|matched|detected/i.test(action) && this.blocked.size < MAX_WAF_IDS && !this.blocked.has(tx)) this.blocked.set(tx, rule);
  }
  done(): FirewallAggregate {
    const byAction: Record<string, number> = {};
    for (const [a, n] of this.byAction) byAction[a] = n;
    const blocked: Record<string, string> = {};
    for (const [k, v] of this.blocked) blocked[k] = v;
    return { rows: this.rows, byAction, rules: this.rules.entries(), blocked };
  }
}

interface GatewayAcc {
  key: string;
  resourceId?: string;
  name?: string;
  access?: AccessAcc;
  perf?: PerfAcc;
  fw?: FirewallAcc;
}

// ---------------------------------------------------------------- what a record is

type RecordKind = 'access' | 'performance' | 'firewall' | 'kql' | 'foreign' | 'unknown';

function has(f: FieldValues, list: Field[], min: number): boolean {
  let n = 0;
  for (const x of list) if (f[F[x]] !== undefined) n++;
  return n >= min;
}

/** What the category / operationName / table columns say (memoized: every row of a file repeats them). */
const kindMemo = { category: undefined as unknown, operation: undefined as unknown, table: undefined as unknown, kind: undefined as RecordKind | undefined };

function kindByCategory(f: FieldValues): RecordKind | undefined {
  const c = f[F.category];
  const o = f[F.operationName];
  const t = f[F.tableType];
  const m = kindMemo;
  if (m.category === c && m.operation === o && m.table === t && (typeof c === 'string' || typeof o === 'string' || typeof t === 'string')) return m.kind;
  const cat = `${text(c)} ${text(o)} ${text(t)}`.toLowerCase();
  let kind: RecordKind | undefined;
  if (cat.trim()) {
    if (/applicationgatewayaccess|agwaccesslogs/.test(cat)) kind = 'access';
    else if (/applicationgatewayperformance|agwperformancelogs/.test(cat)) kind = 'performance';
    else if (/applicationgatewayfirewall|agwfirewalllogs/.test(cat)) kind = 'firewall';
    else if (c !== undefined && !/applicationgateway|agw|primaryresult/.test(cat)) kind = 'foreign';
  }
  m.category = c;
  m.operation = o;
  m.table = t;
  m.kind = kind;
  return kind;
}

export function recordKind(f: FieldValues): RecordKind {
  if (f[F.kqlClass] !== undefined && f[F.kqlRequests] !== undefined) return 'kql';
  const byCategory = kindByCategory(f);
  if (byCategory) return byCategory;
  if (f[F.httpStatus] !== undefined || f[F.sessionTime] !== undefined) return 'access';
  if (has(f, PERFORMANCE_SIGNS, 2)) return 'performance';
  if (f[F.ruleId] !== undefined && f[F.action] !== undefined) return 'firewall';
  return 'unknown';
}

/** Is this parsed value a log record (or a generated-query result row)? */
function isRecordObject(v: unknown): boolean {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const k = recordKind(fieldsOfObject(v as Record<string, unknown>));
  return k !== 'unknown' && k !== 'foreign';
}

// ---------------------------------------------------------------- the accumulator

export function createTrafficAccumulator(options: AccumulatorOptions): TrafficAccumulator {
  const document = options.document;
  const gateways = new Map<string, GatewayAcc>();
  const odd = { count: 0, samples: [] as OddRow[] };
  const metrics: MetricSeries[] = [];
  const appServices: AppService[] = [];
  const controlPlaneErrors: ControlPlaneError[] = [];
  const problems: Problem[] = [];
  let records = 0;
  let foreign = 0;
  let format: TrafficFormat | undefined;
  let mode: Mode | undefined;
  let head = '';
  let whole: string[] = [];
  let stream: { push(s: string): void; end(): void } | undefined;
  let kqlBucketMinutes: number | undefined;
  let sawAccessFields = false;

  const src = (pointer: string): SourceRef => ({ document, pointer });

  const addOdd = (line: number | undefined, reason: string, excerpt: string) => {
    odd.count++;
    if (odd.samples.length < MAX_ODD_SAMPLES) odd.samples.push({ document, line, reason, excerpt: excerpt.length > 200 ? excerpt.slice(0, 200) + '…' : excerpt });
  };

  let lastGateway: { id?: string; name?: string; g: GatewayAcc } | undefined;
  const gatewayFor = (resourceId: string | undefined, resourceName: string | undefined): GatewayAcc => {
    // Rows of one file name the same gateway: skip the key building when nothing changed.
    if (lastGateway && lastGateway.id === resourceId && lastGateway.name === resourceName) return lastGateway.g;
    const g = gatewayForKey(resourceId, resourceName);
    lastGateway = { id: resourceId, name: resourceName, g };
    return g;
  };
  const gatewayForKey = (resourceId: string | undefined, resourceName: string | undefined): GatewayAcc => {
    const rid = resourceId?.trim();
    const key = rid ? rid.toLowerCase().replace(/\/+$/, '') : resourceName ? `name:${resourceName.trim().toLowerCase()}` : '';
    let g = gateways.get(key);
    if (!g) {
      const name = rid ? rid.split('/').filter(Boolean).pop() : resourceName?.trim();
      gateways.set(key, (g = { key, ...(rid ? { resourceId: rid } : {}), ...(name ? { name } : {}) }));
    }
    return g;
  };

  const sampleOf = (row: AccessRow, line: number | undefined, vars: Vars, weight?: number): AccessSample => {
    const s: AccessSample = { document };
    if (line !== undefined) s.line = line;
    if (row.time !== undefined) s.time = iso(row.time);
    if (row.httpStatus !== undefined) s.status = row.httpStatus;
    if (row.serverStatus) s.serverStatus = row.serverStatus;
    if (typeof vars.Latency === 'number') s.latency = vars.Latency;
    if (typeof vars.TimeTakenS === 'number') s.timeTaken = round3(vars.TimeTakenS);
    if (row.errorInfo) s.errorInfo = row.errorInfo;
    if (row.listener) s.listener = row.listener;
    if (row.rule) s.rule = row.rule;
    if (row.pool) s.pool = row.pool;
    if (row.settings) s.settings = row.settings;
    if (row.server) s.server = row.server;
    if (row.host) s.host = row.host;
    if (row.method) s.method = row.method;
    if (row.uri) s.path = pathOf(row.uri);
    if (row.instance) s.instance = row.instance;
    if (row.transactionId) s.transactionId = row.transactionId;
    if (weight !== undefined && weight !== 1) s.weight = weight;
    return s;
  };

  const factsOf = (row: AccessRow, vars: Vars, weight: number): RowFacts => ({
    time: row.time,
    status: row.httpStatus,
    latency: typeof vars.Value === 'number' ? vars.Value : undefined,
    errorInfo: row.errorInfo,
    weight,
    dims: {
      listener: row.listener,
      rule: row.rule,
      pool: row.pool,
      settings: row.settings,
      server: row.server,
      host: row.host,
      path: row.uri ? pathOf(row.uri) : '',
      instance: row.instance,
    },
  });

  const addAccess = (f: FieldValues, line: number | undefined): void => {
    const row = toAccessRow(f);
    if (row.httpStatus === undefined && !row.layer4) {
      addOdd(line, 'access-log record without httpStatus', fieldsText(f).slice(0, 200));
      return;
    }
    sawAccessFields = true;
    const g = gatewayFor(row.resourceId, row.resourceName);
    const a = (g.access ??= new AccessAcc());
    a.rows++;
    const vars = varsOf(row);
    if (row.clientIp === '127.0.0.1') {
      a.ignored++;
      return;
    }
    if (row.layer4) {
      a.layer4.rows++;
      if (row.serverStatus === '502' || row.httpStatus === 502) {
        a.layer4.unreachable++;
        if (a.layer4.samples.length < MAX_SAMPLES) a.layer4.samples.push(sampleOf(row, line, vars));
      }
      return;
    }
    a.gens[row.generation]++;
    const status = row.httpStatus!;
    a.byStatus.set(status, (a.byStatus.get(status) ?? 0) + 1);
    const t = row.time;
    if (t !== undefined) {
      if (t < a.first) a.first = t;
      if (t > a.last) a.last = t;
    } else addOdd(line, 'no readable time stamp', fieldsText(f).slice(0, 200));
    const failed = status >= 500 && status <= 599;
    if (t !== undefined) {
      const m = Math.floor(t / 60000);
      const e = a.minutes.get(m);
      if (e) {
        e.total++;
        if (failed) e.failed++;
      } else a.minutes.set(m, { total: 1, failed: failed ? 1 : 0 });
    }
    if (status === 403) {
      a.forbidden.count++;
      if (row.transactionId && a.forbidden.transactionIds.length < MAX_FORBIDDEN_IDS) a.forbidden.transactionIds.push(row.transactionId);
    }
    if (row.errorInfo) {
      const code = row.errorInfo.toUpperCase();
      if (!KNOWN_ERROR_INFO.has(code) && code !== '-') {
        let u = a.unknown.get(row.errorInfo);
        if (!u) a.unknown.set(row.errorInfo, (u = { count: 0, samples: [] }));
        u.count++;
        if (u.samples.length < MAX_SAMPLES) u.samples.push(sampleOf(row, line, vars));
      }
    }
    if (!mayBeClassified(status)) return;
    const c = classifyVars(vars);
    if (c.kind === 'class') {
      if (c.class === 'none' || c.class === 'ignore') return;
      a.classAcc(c.class).add(factsOf(row, vars, 1), () => sampleOf(row, line, vars));
      return;
    }
    addPending(a, row, vars, line);
  };

  const addPending = (a: AccessAcc, row: AccessRow, vars: Vars, line: number | undefined): void => {
    const value = typeof vars.Value === 'number' ? vars.Value : undefined;
    let [bin, binWidth] = value === undefined ? [-1, 0] : latencyBin(value);
    let routeKey: string | undefined;
    const settings = row.settings || undefined;
    if (!settings) {
      routeKey = `${row.host.toLowerCase()}${firstSegment(row.uri)}`;
      if (!a.routeKeys.has(routeKey)) {
        if (a.routeKeys.size >= MAX_ROUTE_KEYS) routeKey = '';
        else a.routeKeys.add(routeKey);
      }
    }
    const isV1 = vars.IsV1 === true;
    let key = `${settings ?? ''}|${routeKey ?? ''}|${row.httpStatus}|${isV1 ? 1 : 0}|${bin}`;
    let p = a.pending.get(key);
    if (!p && a.pending.size >= MAX_PENDING_GROUPS && value !== undefined) {
      // Too many groups: fall back to 10-second bins.
      bin = Math.floor(value / 10) * 10;
      binWidth = 10;
      key = `${settings ?? ''}|${routeKey ?? ''}|${row.httpStatus}|${isV1 ? 1 : 0}|c${bin}`;
      p = a.pending.get(key);
    }
    if (!p) {
      a.pending.set(key, (p = { settings, routeKey, status: row.httpStatus!, isV1, bin, binWidth, acc: new ClassAccumulator(MAX_SPREAD_SAMPLES_PENDING), values: new Map(), valuesApproximate: false }));
    }
    p.acc.add(factsOf(row, vars, 1), () => sampleOf(row, line, vars));
    const v = value === undefined ? -1 : Math.round(value * 1000) / 1000;
    if (p.values.has(v) || p.values.size < MAX_FINE_VALUES) p.values.set(v, (p.values.get(v) ?? 0) + 1);
    else {
      p.valuesApproximate = true;
      p.values.set(bin, (p.values.get(bin) ?? 0) + 1);
    }
  };

  /** A row of the generated query's result: already classified and counted server-side (kql.ts). */
  const addKql = (f: FieldValues, line: number | undefined): void => {
    const fields = f.slice();
    fields[F.requestUri] = f[F.kqlPath] ?? f[F.requestUri];
    fields[F.serverStatus] = f[F.kqlServerStatus] ?? f[F.serverStatus];
    fields[F.time] = f[F.kqlBucket] ?? f[F.time];
    const row = toAccessRow(fields);
    const weight = Math.max(0, Math.round(Number(f[F.kqlRequests]) || 0));
    if (!weight) return;
    const cls = text(f[F.kqlClass]).trim() as TrafficClass | 'none';
    const g = gatewayFor(row.resourceId, row.resourceName);
    const a = (g.access ??= new AccessAcc());
    a.summarized = true;
    a.rows += weight;
    const status = row.httpStatus ?? 0;
    a.byStatus.set(status, (a.byStatus.get(status) ?? 0) + weight);
    const t = row.time;
    const first = parseTime(f[F.kqlFirst]) ?? t;
    const last = parseTime(f[F.kqlLast]) ?? t;
    if (first !== undefined && first < a.first) a.first = first;
    if (last !== undefined && last > a.last) a.last = last;
    const failed = status >= 500 && status <= 599;
    if (t !== undefined) {
      const m = Math.floor(t / 60000);
      const e = a.minutes.get(m) ?? { total: 0, failed: 0 };
      e.total += weight;
      if (failed) e.failed += weight;
      a.minutes.set(m, e);
    }
    a.gens[row.generation] += weight;
    if (row.errorInfo && !KNOWN_ERROR_INFO.has(row.errorInfo.toUpperCase())) {
      let u = a.unknown.get(row.errorInfo);
      if (!u) a.unknown.set(row.errorInfo, (u = { count: 0, samples: [] }));
      u.count += weight;
      if (u.samples.length < MAX_SAMPLES) u.samples.push(sampleOf(row, line, {}, weight));
    }
    if (cls === 'none' || !cls) return;
    const known: TrafficClass[] = ['no-healthy-backend', 'backend-timeout', 'backend-5xx', 'backend-closed', 'client', 'capacity', 'other'];
    if (!known.includes(cls)) {
      addOdd(line, `unknown class "${cls}" in the query result`, fieldsText(f).slice(0, 200));
      return;
    }
    const latAvg = Number(f[F.kqlLatencyAvg]);
    const latMax = Number(f[F.kqlLatencyMax]);
    const vars: Vars = { Latency: Number.isFinite(latAvg) ? latAvg : null };
    const facts: RowFacts = {
      ...factsOf(row, vars, weight),
      latency: Number.isFinite(latAvg) ? latAvg : undefined,
      latencyMax: Number.isFinite(latMax) ? latMax : undefined,
      firstTime: first,
      lastTime: last,
    };
    a.classAcc(cls).add(facts, () => {
      const sample = sampleOf(row, line, {}, weight);
      if (Number.isFinite(latMax)) sample.latencyMax = latMax;
      return sample;
    });
  };

  const addRecord = (o: unknown, line: number | undefined): void => {
    records++;
    if (!o || typeof o !== 'object' || Array.isArray(o)) {
      addOdd(line, 'not a JSON object', JSON.stringify(o)?.slice(0, 200) ?? '');
      return;
    }
    addFields(fieldsOfObject(o as Record<string, unknown>), line, () => JSON.stringify(o));
  };

  const addFields = (f: FieldValues, line: number | undefined, excerpt: () => string): void => {
    switch (recordKind(f)) {
      case 'access':
        addAccess(f, line);
        break;
      case 'kql':
        addKql(f, line);
        break;
      case 'performance': {
        const g = gatewayFor(text(f[F.resourceId]) || undefined, text(f[F.resourceName]) || undefined);
        (g.perf ??= new PerfAcc()).add(f);
        break;
      }
      case 'firewall': {
        const g = gatewayFor(text(f[F.resourceId]) || undefined, text(f[F.resourceName]) || undefined);
        (g.fw ??= new FirewallAcc()).add(f);
        break;
      }
      case 'foreign':
        foreign++;
        break;
      default:
        addOdd(line, 'not an Application Gateway log record', excerpt().slice(0, 200));
    }
  };

  const parseAndAdd = (textOfRecord: string, line: number): void => {
    let o: unknown;
    try {
      o = JSON.parse(textOfRecord);
    } catch (e) {
      records++;
      addOdd(line, `not valid JSON (${(e as Error).message})`, textOfRecord);
      return;
    }
    addRecord(o, line);
  };

  // ---------------------------------------------------------------- CSV

  const csvStream = () => {
    let header: (Field | undefined)[] | undefined;
    let headerCells: string[] = [];
    let rowNo = 1;
    const blocks = new CsvBlocks((block) => {
      const parsed = Papa.parse<string[]>(block, { skipEmptyLines: true });
      for (const cells of parsed.data) {
        if (!header) {
          // Excel's "sep=," line.
          if (cells.length <= 2 && /^sep=.?$/i.test(cells[0].trim())) continue;
          headerCells = cells;
          header = mapHeader(cells);
          rowNo = 1;
          const table = tableOfHeader(cells);
          const isKql = KQL_RESULT_SIGNS.every((k) => header!.includes(k));
          format = isKql ? 'kql-result' : table === 'AzureDiagnostics' ? 'azurediagnostics-csv' : table === 'AGWAccessLogs' ? 'agwaccesslogs-csv' : 'log-csv';
          continue;
        }
        rowNo++;
        records++;
        if (cells.length !== headerCells.length && !(cells.length === 1 && cells[0] === '')) {
          addOdd(rowNo, `${cells.length} cells where the header has ${headerCells.length}`, cells.join(',').slice(0, 200));
          if (cells.length < Math.min(3, headerCells.length)) continue;
        }
        const f = newFields();
        for (let i = 0; i < cells.length && i < header.length; i++) {
          const field = header[i];
          if (field && cells[i] !== '') f[F[field]] = cells[i];
        }
        if (f[F.additionalFields] !== undefined) fieldsOfObject({}, f);
        addFields(f, rowNo, () => cells.join(','));
      }
      for (const e of parsed.errors.slice(0, 3)) if (e.code !== 'UndetectableDelimiter') addOdd(rowNo, `CSV: ${e.message}`, '');
    });
    return blocks;
  };

  // ---------------------------------------------------------------- deciding the shape

  const decide = (s: string, final: boolean): Mode | undefined => {
    const t = s.replace(/^\uFEFF/, '').trimStart();
    if (!t) return final ? 'whole' : undefined;
    if (t[0] === '{') {
      if (/^\{\s*"records"\s*:\s*\[/i.test(t)) return 'records';
      const nl = t.indexOf('\n');
      if (nl < 0) return final || t.length > SNIFF_LIMIT ? 'whole' : undefined;
      // Wait for a few KB (or the end) before deciding: a chunk may stop inside the first key.
      if (!final && t.length < SNIFF_HEAD && !t.slice(0, nl).trim().endsWith('}')) return undefined;
      const first = t.slice(0, nl).trim();
      if (first.endsWith('}')) {
        try {
          if (isRecordObject(JSON.parse(first))) return 'json-lines';
        } catch {
          /* not a one-line record */
        }
      }
      // Pretty-printed records one after another (no array): scan objects at depth 0.
      if (/"category"\s*:\s*"ApplicationGateway(Access|Performance|Firewall)Log"/i.test(t) && !/^\{\s*"\$schema"/.test(t) && /^\{\s*"(time|timeStamp|resourceId|category|operationName)"/i.test(t)) return 'concatenated';
      return 'whole';
    }
    if (t[0] === '[') {
      // Look at the first element: a log row (az monitor log-analytics query) streams; anything else is read whole.
      let firstObj: string | undefined;
      const probe = new ObjectScanner(1, (o) => {
        firstObj ??= o;
      });
      probe.push(t.length > SNIFF_LIMIT ? t.slice(0, SNIFF_LIMIT) : t);
      if (firstObj === undefined) return final || t.length > SNIFF_LIMIT ? 'whole' : undefined;
      try {
        if (isRecordObject(JSON.parse(firstObj))) return 'array';
      } catch {
        /* fall through */
      }
      return 'whole';
    }
    const nl = t.indexOf('\n');
    if (nl < 0 && !final && t.length < SNIFF_LIMIT) return undefined;
    let firstLine = (nl < 0 ? t : t.slice(0, nl)).replace(/\r$/, '');
    if (/^sep=.$/i.test(firstLine.trim())) {
      const rest = t.slice(nl + 1);
      const nl2 = rest.indexOf('\n');
      firstLine = (nl2 < 0 ? rest : rest.slice(0, nl2)).replace(/\r$/, '');
    }
    if (csvHeaderScore(firstLine) >= 3) return 'csv';
    return 'whole';
  };

  const start = (m: Mode) => {
    mode = m;
    switch (m) {
      case 'json-lines': {
        format = 'storage-json-lines';
        const lines = new LineSplitter((line, n) => {
          const l = line.trim();
          if (!l) return;
          if (l === '[' || l === ']' || l === ',') return;
          parseAndAdd(l.endsWith(',') ? l.slice(0, -1) : l, n);
        });
        stream = { push: (s) => lines.push(s), end: () => lines.end() };
        break;
      }
      case 'records':
      case 'array':
      case 'concatenated': {
        format = m === 'records' ? 'records-wrapper' : m === 'array' ? 'cli-query-json' : 'storage-json-lines';
        const scanner = new ObjectScanner(m === 'records' ? 2 : m === 'array' ? 1 : 0, (o, line) => parseAndAdd(o, line));
        stream = {
          push: (s) => scanner.push(s),
          end: () => {
            const rest = scanner.end();
            if (rest !== undefined) addOdd(undefined, 'the input ends inside a record (cut off?)', rest);
          },
        };
        break;
      }
      case 'csv': {
        format = 'log-csv';
        const blocks = csvStream();
        stream = { push: (s) => blocks.push(s), end: () => blocks.end() };
        break;
      }
      default:
        stream = undefined;
    }
  };

  // ---------------------------------------------------------------- whole documents

  const finishWhole = (all: string): void => {
    const t = all.replace(/^\uFEFF/, '').trim();
    if (!t) return;
    if (t[0] === '{' || t[0] === '[') {
      let value: unknown;
      try {
        value = JSON.parse(t);
      } catch {
        if (mentionsKnownCode(t)) {
          format = 'control-plane-text';
          controlPlaneErrors.push(...errorsInText(t, src('')));
        }
        return;
      }
      dispatchJson(value);
      return;
    }
    if (mentionsKnownCode(t)) {
      format = 'control-plane-text';
      controlPlaneErrors.push(...errorsInText(t, src('')));
    }
  };

  const prop = (o: Record<string, unknown>, name: string): unknown => {
    for (const k in o) if (k.toLowerCase() === name) return o[k];
    return undefined;
  };

  const dispatchJson = (value: unknown): void => {
    const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
    // REST query API: {tables: [{name, columns: [{name, type}], rows: [[...]]}]}
    if (isObj(value) && Array.isArray(prop(value, 'tables'))) {
      const tables = prop(value, 'tables') as unknown[];
      let any = false;
      tables.forEach((tb) => {
        if (!isObj(tb)) return;
        const cols = prop(tb, 'columns');
        const rows = prop(tb, 'rows');
        if (!Array.isArray(cols) || !Array.isArray(rows)) return;
        const names = cols.map((c) => (isObj(c) ? text(prop(c, 'name') ?? prop(c, 'columnname')) : text(c)));
        const fields = mapHeader(names);
        if (fields.filter(Boolean).length < 2) return;
        any = true;
        rows.forEach((r) => {
          if (!Array.isArray(r)) return;
          records++;
          const f = newFields();
          r.forEach((cell, j) => {
            const fl = fields[j];
            if (fl && cell !== null && cell !== '') f[F[fl]] = cell;
          });
          if (f[F.additionalFields] !== undefined) fieldsOfObject({}, f);
          addFields(f, undefined, () => JSON.stringify(r));
        });
      });
      if (any) format = gateways.size && [...gateways.values()].some((g) => g.access?.summarized) ? 'kql-result' : 'rest-query-json';
      return;
    }
    if (looksLikeMetrics(value)) {
      format = 'metrics-json';
      metrics.push(...normalizeMetrics(value, src));
      return;
    }
    const apps = appServicesIn(value, src);
    if (apps) {
      format = 'app-service-json';
      appServices.push(...apps);
      return;
    }
    if (Array.isArray(value)) {
      if (value.length && value.slice(0, 5).some(isRecordObject)) {
        format = 'cli-query-json';
        value.forEach((o) => addRecord(o, undefined));
        return;
      }
    } else if (isObj(value)) {
      const recs = prop(value, 'records');
      if (Array.isArray(recs)) {
        format = 'records-wrapper';
        recs.forEach((o) => addRecord(o, undefined));
        return;
      }
      if (isRecordObject(value)) {
        format = 'single-record';
        addRecord(value, 1);
        return;
      }
    }
    const errors = errorsInJson(value, src(''));
    if (errors.length && (errors.some((e) => e.known) || looksLikeErrorBody(value))) {
      format = 'control-plane-json';
      controlPlaneErrors.push(...errors);
    }
  };

  // ---------------------------------------------------------------- the API

  return {
    get records() {
      return records;
    },
    push(chunk: string): void {
      if (!chunk) return;
      if (mode === undefined) {
        head += chunk;
        const m = decide(head, false);
        if (m === undefined) return;
        start(m);
        const h = head.replace(/^\uFEFF/, '');
        head = '';
        if (stream) stream.push(h);
        else whole.push(h);
        return;
      }
      if (stream) stream.push(chunk);
      else whole.push(chunk);
    },
    finish(): TrafficResult {
      if (mode === undefined) {
        start(decide(head, true) ?? 'whole');
        const h = head.replace(/^\uFEFF/, '');
        head = '';
        if (stream) stream.push(h);
        else whole.push(h);
      }
      if (stream) stream.end();
      else {
        finishWhole(whole.join(''));
        whole = [];
      }
      return result();
    },
  };

  function result(): TrafficResult {
    const logs: GatewayLog[] = [...gateways.values()].map((g) => ({
      key: g.key,
      ...(g.resourceId ? { resourceId: g.resourceId } : {}),
      ...(g.name ? { name: g.name } : {}),
      ...(g.access ? { access: g.access.done() } : {}),
      ...(g.perf ? { performance: g.perf.done() } : {}),
      ...(g.fw ? { firewall: g.fw.done() } : {}),
    }));
    const streamed = mode !== 'whole';
    const accessRows = logs.reduce((n, l) => n + (l.access?.rows ?? 0), 0);
    const perfRows = logs.reduce((n, l) => n + (l.performance?.rows ?? 0), 0);
    const fwRows = logs.reduce((n, l) => n + (l.firewall?.rows ?? 0), 0);
    let kind: TrafficKind | undefined;
    if (accessRows || sawAccessFields) kind = 'access-log';
    else if (perfRows) kind = 'performance-log';
    else if (fwRows) kind = 'firewall-log';
    else if (metrics.length) kind = 'metrics';
    else if (appServices.length) kind = 'app-service';
    else if (controlPlaneErrors.length) kind = 'control-plane-error';
    else if (streamed && format) kind = 'access-log';
    if (!kind || !format) return { problems: [] };
    if (logs.some((l) => l.access?.summarized)) {
      format = 'kql-result';
      const buckets = logs.flatMap((l) => Object.keys(l.access?.minutes ?? {}));
      kqlBucketMinutes = guessBucketMinutes(buckets);
    }
    if (kind === 'access-log' && !accessRows && streamed) {
      problems.push({ message: `No access-log rows were found in this ${formatLabel(format)}.`, line: 1, column: 1, severity: 'error', hint: 'Export the ApplicationGatewayAccessLog category (see docs/logs.md), or paste the result of the generated KQL query.' });
    }
    if (odd.count) {
      const first = odd.samples[0];
      const total = records || odd.count;
      problems.push({
        message: `${odd.count} of ${total} record(s) could not be read as Application Gateway log rows and were skipped (first: ${first.reason}).`,
        line: first.line ?? 0,
        column: first.line ? 1 : 0,
        severity: odd.count * 20 > total ? 'warning' : 'info',
        excerpt: first.excerpt,
        hint: 'The other rows were analysed. Check that the file is a complete export of the access log.',
      });
    }
    if (foreign) {
      problems.push({ message: `${foreign} record(s) from other resources or log categories were skipped.`, line: 0, column: 0, severity: 'info' });
    }
    for (const l of logs) {
      if (l.access?.layer4.rows) {
        problems.push({ message: `${l.access.layer4.rows} layer-4 (TLS/TCP proxy) row(s) were kept apart from the HTTP analysis (${l.access.layer4.unreachable} with upstream unreachable, serverStatus 502).`, line: 0, column: 0, severity: 'info' });
      }
    }
    const traffic: TrafficDocument = {
      kind,
      format,
      records,
      foreign,
      logs,
      odd,
      metrics,
      appServices,
      controlPlaneErrors,
      ...(kqlBucketMinutes ? { kqlBucketMinutes } : {}),
    };
    return { traffic, problems };
  }
}

function looksLikeErrorBody(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  const s = JSON.stringify(v).slice(0, 20000);
  return /"error"\s*:\s*\{/i.test(s) || /"status(Message|Code)"/i.test(s) || /"provisioningState"\s*:\s*"Failed"/i.test(s) || /"status"\s*:\s*"Failed"/i.test(s);
}

function formatLabel(f: TrafficFormat): string {
  return f.replace(/-/g, ' ');
}

/** The smallest gap between distinct bucket starts (minutes), 1 when unknown. */
function guessBucketMinutes(minuteKeys: string[]): number {
  const ts = [...new Set(minuteKeys)].map((k) => Date.parse(k.slice(0, 16) + ':00Z')).sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < ts.length; i++) gap = Math.min(gap, ts[i] - ts[i - 1]);
  return Number.isFinite(gap) && gap > 0 ? Math.round(gap / 60000) : 1;
}

/** How many cells of a CSV header line name a known log column (0 when it is no header). */
export function csvHeaderScore(line: string): number {
  if (!line.includes(',') && !line.includes('\t')) return 0;
  const cells = Papa.parse<string[]>(line, { delimiter: line.includes(',') ? ',' : '\t' }).data[0] ?? [];
  const fields = new Set(cells.map((c) => fieldOf(c)).filter((x): x is Field => !!x));
  const score = (list: Field[]) => list.filter((x) => fields.has(x)).length;
  return Math.max(score(ACCESS_SIGNS) + (fields.has('time') ? 1 : 0), score(PERFORMANCE_SIGNS), score(FIREWALL_SIGNS), score(KQL_RESULT_SIGNS));
}
