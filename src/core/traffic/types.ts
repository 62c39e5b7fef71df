/**
 * Traffic: what access logs, metrics, App Service outputs and control-plane errors say about a 502.
 *
 * Everything here is plain data (no Map, no class, no function) so it can cross a Web Worker boundary and be
 * stored in IndexedDB. Big logs are never kept: rows are aggregated while reading (counts per class × minute
 * and per class × dimension, bounded) and only a few sample rows per class are kept.
 * Field meanings and classes: ../shared/reference/logs-and-metrics.md (sections 1–7).
 */
import type { SourceRef } from '../model/types';

// ---------------------------------------------------------------- classes (logs-and-metrics.md §6)

/**
 * `no-healthy-backend`: 502 with no backend status and no latency (ERRORINFO_UPSTREAM_NO_LIVE): the gateway had
 *   no healthy or reachable member to send it to.
 * `backend-timeout`: the backend did not answer within the settings' request time-out (ERRORINFO_UPSTREAM_TIMED_OUT,
 *   or latency ≈ requestTimeout).
 * `backend-5xx`: the backend answered 5xx itself and the gateway relayed it (serverStatus 5xx).
 * `backend-closed`: the backend closed the connection early (ERRORINFO_UPSTREAM_CLOSED_CONNECTION).
 * `client`: 499 (client closed), 408 (client did not send in time), v1 status 0.
 * `capacity`: gateway-made 502s while capacity was saturated and no backend was unhealthy (needs metrics).
 * `other`: a 5xx that fits none of these (a gateway 500/503, latency below the time-out, unknown error codes).
 */
export type TrafficClass = 'no-healthy-backend' | 'backend-timeout' | 'backend-5xx' | 'backend-closed' | 'client' | 'capacity' | 'other';

export const TRAFFIC_CLASSES: readonly TrafficClass[] = ['no-healthy-backend', 'backend-timeout', 'backend-5xx', 'backend-closed', 'capacity', 'client', 'other'];

/** Aggregation dimensions of failure rows. `server` is serverRouted (ip:port) or v1 SERVER-ROUTED. */
export type Dimension = 'listener' | 'rule' | 'pool' | 'settings' | 'server' | 'host' | 'path' | 'instance';

export const DIMENSIONS: readonly Dimension[] = ['listener', 'rule', 'pool', 'settings', 'server', 'host', 'path', 'instance'];

export type LogGeneration = 'v1' | 'v2' | 'unknown';

/** How the input was shaped (logs-and-metrics.md §1). */
export type TrafficFormat =
  | 'storage-json-lines'
  | 'records-wrapper'
  | 'json-array'
  | 'azurediagnostics-csv'
  | 'agwaccesslogs-csv'
  | 'log-csv'
  | 'cli-query-json'
  | 'rest-query-json'
  | 'kql-result'
  | 'metrics-json'
  | 'app-service-json'
  | 'control-plane-json'
  | 'control-plane-text'
  | 'single-record';

// ---------------------------------------------------------------- rows and samples

/** One sampled row, as evidence (no client IP or query string: not needed to diagnose, and private). */
export interface AccessSample {
  document: string;
  /** 1-based line (row for CSV) in the document, when known. */
  line?: number;
  time?: string;
  status?: number;
  serverStatus?: string;
  /** serverResponseLatency, seconds. */
  latency?: number;
  /** timeTaken, seconds (v1 milliseconds converted). */
  timeTaken?: number;
  errorInfo?: string;
  listener?: string;
  rule?: string;
  pool?: string;
  settings?: string;
  server?: string;
  host?: string;
  method?: string;
  /** Request path without the query string. */
  path?: string;
  instance?: string;
  transactionId?: string;
  /** Rows this sample stands for (KQL results are already summarized). */
  weight?: number;
  /** Summarized rows: the largest latency compared with the time-out in the group, seconds. */
  latencyMax?: number;
}

/** A row that could not be read as a record (kept as evidence, never fatal). */
export interface OddRow {
  document: string;
  line?: number;
  reason: string;
  excerpt: string;
}

// ---------------------------------------------------------------- aggregates

export interface DimensionEntry {
  key: string;
  count: number;
  /** Upper bound of over-counting when the bounded counter had to evict keys (0 = exact). */
  error: number;
  first?: string;
  last?: string;
  /** Largest latency (serverResponseLatency, else timeTaken), seconds. */
  latencyMax?: number;
}

export interface LatencyStats {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Histogram: bin lower edge (seconds, as a string key) → rows. Bins: 0.1 s below 10 s, 1 s to 300 s, 10 s above. */
  bins: Record<string, number>;
}

export interface ClassStats {
  count: number;
  byStatus: Record<string, number>;
  first?: string;
  last?: string;
  /** ISO minute (`2025-02-25T09:19Z`) → rows. */
  minutes: Record<string, number>;
  dimensions: Record<Dimension, DimensionEntry[]>;
  latency: LatencyStats;
  errorInfo: Record<string, number>;
  samples: AccessSample[];
  /**
   * More rows for the Traffic view's drill-down, spread over time: the first row of each 5-minute bucket (besides
   * `samples`), bounded (stats.ts MAX_SPREAD_SAMPLES). Absent in reports of older versions.
   */
  spread?: AccessSample[];
  /** Dimensions could only be kept approximately (after a split by time, e.g. capacity windows). */
  approximate?: boolean;
}

/**
 * Rows whose class depends on the configuration (latency against the request time-out of their settings):
 * kept by settings (or, without a settings name, by route key `host/first-segment`) and latency bin until the
 * workspace knows the gateway.
 */
export interface PendingGroup {
  settings?: string;
  /** `host` + first path segment, for rows without a settings name (v1). */
  routeKey?: string;
  status: number;
  /** Rows from a v1 gateway. */
  v1: boolean;
  /** Lower edge of the latency bin, seconds (-1: no latency at all); `binWidth` its width. */
  bin: number;
  binWidth: number;
  /** Exact latencies (seconds, ms precision; "-1" = none) → rows, so a group on a threshold splits exactly. */
  values: Record<string, number>;
  /** Too many distinct latencies: the overflow was counted at the bin's lower edge. */
  valuesApproximate?: boolean;
  stats: ClassStats;
}

export interface UnknownCode {
  code: string;
  count: number;
  samples: AccessSample[];
}

/** Access-log aggregate of one gateway in one document (or merged). */
export interface AccessLogAggregate {
  /** Rows that were access-log records (including ignored ones). */
  rows: number;
  /** Rows from 127.0.0.1, the gateway's internal process (DIAG): not counted anywhere else. */
  ignoredInternal: number;
  generation: LogGeneration;
  /** v1 / v2 rows seen (a file can mix them). */
  generations: { v1: number; v2: number; unknown: number };
  first?: string;
  last?: string;
  byStatus: Record<string, number>;
  /** ISO minute → { total requests, 5xx }. */
  minutes: Record<string, { total: number; failed: number }>;
  classes: Partial<Record<TrafficClass, ClassStats>>;
  pending: PendingGroup[];
  unknownErrorInfo: UnknownCode[];
  /** Layer-4 (TLS/TCP proxy) rows: kept apart (their serverStatus 502 = upstream unreachable). */
  layer4: { rows: number; unreachable: number; samples: AccessSample[] };
  /** 403 rows and up to a bounded number of their transaction ids, for the firewall-log join. */
  forbidden: { count: number; transactionIds: string[] };
  /** KQL result rows: counts were summarized server-side by the generated query. */
  summarized?: boolean;
}

export interface PerformanceAggregate {
  rows: number;
  first?: string;
  last?: string;
  /** ISO minute → values summed/maxed over instances. */
  minutes: Record<string, { healthy: number; unhealthy: number; requests: number; failed: number; latencyMs: number; instances: number }>;
  unhealthyMax: number;
  failedTotal: number;
  requestTotal: number;
}

export interface FirewallAggregate {
  rows: number;
  byAction: Record<string, number>;
  rules: DimensionEntry[];
  /** transactionId → "ruleId message" of Blocked/Matched rows, bounded. */
  blocked: Record<string, string>;
}

/** Everything one gateway's logs say, in one document or merged. Keyed by the lower-cased resource id ('' = unknown). */
export interface GatewayLog {
  key: string;
  resourceId?: string;
  /** Gateway name from the resource id or the `Resource` column. */
  name?: string;
  access?: AccessLogAggregate;
  performance?: PerformanceAggregate;
  firewall?: FirewallAggregate;
}

// ---------------------------------------------------------------- metrics (logs-and-metrics.md §7)

export interface MetricPoint {
  time: string;
  average?: number;
  maximum?: number;
  minimum?: number;
  total?: number;
  count?: number;
}

export interface MetricSeries {
  /** REST name (`CapacityUnits`). */
  name: string;
  unit?: string;
  resourceId?: string;
  /** Dimension name (lower-cased) → value. */
  dimensions: Record<string, string>;
  /** ISO 8601 duration of the grain (`PT5M`), when the input says. */
  interval?: string;
  points: MetricPoint[];
  source: SourceRef;
}

// ---------------------------------------------------------------- App Service (GUIDE-2026 Resolution I)

export interface AccessRestrictionRule {
  name?: string;
  priority: number;
  action: 'Allow' | 'Deny' | string;
  ipAddress?: string;
  subnetId?: string;
  serviceTag?: string;
  /** `Default`, `XffProxy`, `ServiceTag`. */
  tag?: string;
  headers?: Record<string, string[]>;
}

export interface AccessRestrictions {
  /** As the input says; absent in older outputs (then an implicit Deny follows any rule list, Allow when empty). */
  defaultAction?: string;
  rules: AccessRestrictionRule[];
  source: SourceRef;
}

export interface AppService {
  /** Site name (`contoso-web`); undefined for an access-restriction output, which carries no name. */
  name?: string;
  id?: string;
  resourceGroup?: string;
  defaultHostName?: string;
  /** Host names bound to the app (hostNames, enabledHostNames and hostname bindings merged, lower-cased). */
  hostNames: string[];
  state?: string;
  publicNetworkAccess?: string;
  accessRestrictions?: AccessRestrictions;
  source: SourceRef;
}

// ---------------------------------------------------------------- control-plane errors

export interface ControlPlaneError {
  code: string;
  message: string;
  /** Known code: explanation and fix in both languages (from control-plane.ts). */
  known: boolean;
  /** Resource id or name the error names, when it does. */
  target?: string;
  operation?: string;
  time?: string;
  source: SourceRef;
}

// ---------------------------------------------------------------- one document

export type TrafficKind = 'access-log' | 'metrics' | 'app-service' | 'control-plane-error' | 'performance-log' | 'firewall-log';

export interface TrafficDocument {
  /** What the document mainly holds (a log file can hold several categories). */
  kind: TrafficKind;
  format: TrafficFormat;
  /** Records read (all categories), and records that were not Application Gateway records (Event Hubs mixes). */
  records: number;
  foreign: number;
  logs: GatewayLog[];
  odd: { count: number; samples: OddRow[] };
  metrics: MetricSeries[];
  appServices: AppService[];
  controlPlaneErrors: ControlPlaneError[];
  /** Generated-query result: the query's bucket size in minutes. */
  kqlBucketMinutes?: number;
}

// ---------------------------------------------------------------- the workspace view

export interface TimeoutUsed {
  settings: string;
  seconds: number;
  /** `config`: the settings' requestTimeout; `default`: not set, Azure's 20 s; `assumed`: settings unknown. */
  source: 'config' | 'default' | 'assumed';
  rows: number;
}

export interface CapacityWindow {
  start: string;
  end: string;
  capacityUnitsMax: number;
}

export interface CapacityAssessment {
  capacityUnitsMax?: number;
  capacityUnitsMaxAt?: string;
  /** Instances: autoscale maxCapacity, else fixed sku.capacity. */
  maxInstances?: number;
  maxInstancesFrom?: 'autoscaleConfiguration.maxCapacity' | 'sku.capacity';
  /** 10 × maxInstances (one instance ≈ 10 capacity units). */
  limitByInstances?: number;
  /** CapacityUnits ≥ 90 % of 10 × maxInstances. */
  saturatedByInstances: boolean;
  /** The 2026 guide's comparison: CapacityUnits ≥ maxCapacity. */
  saturatedDirect: boolean;
  /** Which comparison decided `saturated`. */
  comparison: 'ten-times-max-instances' | 'direct-max-capacity' | 'none';
  saturated: boolean;
  windows: CapacityWindow[];
  unhealthyHostMax?: number;
  unhealthyHostMaxAt?: string;
  failedRequests?: number;
  /** Time range the assessment looked at. */
  range?: { start: string; end: string };
  /** Gateway-made 502s (no backend status) inside saturated windows, moved to the `capacity` class. */
  movedToCapacity: number;
}

export interface GatewayTraffic {
  /** Lower-cased resource id of the logs, or '' when the logs did not say. */
  key: string;
  resourceId?: string;
  name?: string;
  /** Id of the configuration's gateway these logs/metrics belong to, when one matched. */
  gatewayId?: string;
  access?: AccessLogAggregate;
  performance?: PerformanceAggregate;
  firewall?: FirewallAggregate;
  metrics: MetricSeries[];
  capacity?: CapacityAssessment;
  timeouts: TimeoutUsed[];
  /** 403 rows whose transactionId the firewall log blocked/matched, by rule. */
  wafJoined?: { matched: number; byRule: Record<string, number> };
  documents: string[];
}

export interface TrafficDocumentSummary {
  name: string;
  kind: TrafficKind;
  format: TrafficFormat;
  records: number;
  foreign: number;
  odd: number;
}

export interface TrafficWorkspace {
  gateways: GatewayTraffic[];
  appServices: AppService[];
  controlPlaneErrors: ControlPlaneError[];
  documents: TrafficDocumentSummary[];
  odd: { count: number; samples: OddRow[] };
}

// ---------------------------------------------------------------- the report section (report/contract.ts `traffic`)

export interface ReportTrafficClass {
  class: TrafficClass;
  label: { en: string; ko: string };
  count: number;
  /** Share of the gateway's 5xx (+ client-side) rows, 0..1. */
  share: number;
  byStatus: Record<string, number>;
  window?: { start: string; end: string };
  peak?: { bucket: string; minutes: number; count: number };
  latency?: { min: number; avg: number; max: number };
  errorInfo: Record<string, number>;
  top: Partial<Record<Dimension, { key: string; count: number }[]>>;
  samples: AccessSample[];
  /** More sample rows spread over the window (ClassStats.spread), for drill-down by bucket or offender. */
  drill?: AccessSample[];
  approximate?: boolean;
}

export interface ReportTrafficBucket {
  start: string;
  total: number;
  failed: number;
  classes: Partial<Record<TrafficClass, number>>;
}

export interface ReportTrafficOffender {
  dimension: Dimension;
  key: string;
  count: number;
  classes: Partial<Record<TrafficClass, number>>;
}

export interface ReportTrafficGateway {
  name?: string;
  resourceId?: string;
  /** Name of the configured gateway the logs were joined with. */
  gateway?: string;
  documents: string[];
  window?: { start: string; end: string };
  totals: { rows: number; ignoredInternal: number; layer4: number; byStatus: Record<string, number>; failed: number; classified: number };
  classes: ReportTrafficClass[];
  /** Sparse: only buckets with requests. `1` is left out when the window is longer than a day. */
  buckets: { 1?: ReportTrafficBucket[]; 5: ReportTrafficBucket[]; 15: ReportTrafficBucket[] };
  topOffenders: ReportTrafficOffender[];
  timeouts: TimeoutUsed[];
  capacity?: CapacityAssessment;
  metrics: {
    name: string;
    dimensions: Record<string, string>;
    points: number;
    max?: number;
    average?: number;
    unit?: string;
    /** The points for the timeline (maximum, else average, else total), time-ordered, bounded (report.ts MAX_SERIES_POINTS). */
    series?: { time: string; value: number }[];
  }[];
  unknownErrorInfo: { code: string; count: number }[];
  layer4?: { rows: number; unreachable: number };
  performance?: { rows: number; unhealthyMax: number; failedTotal: number; requestTotal: number };
  waf?: { rows: number; byAction: Record<string, number>; joined403: number; topRules: { key: string; count: number }[] };
  summarized?: boolean;
  /** KQL that computes the same classes server-side (summary per table, then one drill-down per class present). */
  queries: { table: string; class?: TrafficClass; title: string; text: string }[];
}

export interface ReportTraffic {
  gateways: ReportTrafficGateway[];
  documents: TrafficDocumentSummary[];
  odd: { count: number; samples: OddRow[] };
  appServices: { name?: string; hostNames: string[]; defaultAction?: string; rules: number }[];
  controlPlaneErrors: { code: string; message: string; document: string; title: { en: string; ko: string }; explanation: { en: string; ko: string }; fix: { en: string; ko: string } }[];
}
