/**
 * KQL for Log Analytics that computes the same classes, buckets and top offenders as the in-browser classifier,
 * server-side, for the legacy `AzureDiagnostics` table (`Category == "ApplicationGatewayAccessLog"`) and the
 * resource-specific `AGWAccessLogs` table (logs-and-metrics.md §4, GUIDE-2026 step 11).
 *
 * Built from the two shared tables: the column mapping (columns.ts) and the class predicates (classify.ts). The
 * summary query's result (columns Class, Bucket, Requests, ...) is itself an input: exported and dropped back in,
 * it gives the same findings (accumulate.ts reads it as `kql-result`).
 */
import type { Gateway } from '../model/types';
import { requestPaths } from '../model/topology';
import { COLUMNS, type Field } from './columns';
import { CLASS_RULES, KNOWN_ERROR_INFO, type Expr, type Operand, type Var } from './classify';
import { DEFAULT_TIMEOUT_SECONDS } from './merge';
import type { TrafficClass } from './types';

export type KqlTable = 'AzureDiagnostics' | 'AGWAccessLogs';

export interface KqlWindow {
  start?: string;
  end?: string;
}

export interface KqlOptions {
  table: KqlTable;
  gateway?: Gateway;
  window?: KqlWindow;
  /** Bucket size in minutes (1, 5 or 15); default: 1 for windows up to a day, else 5. */
  bucketMinutes?: number;
}

// ---------------------------------------------------------------- rendering the predicate table

export function kqlString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function kqlNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(n);
}

function renderOperand(o: Operand): string {
  if ('var' in o) return o.var;
  if ('lit' in o) return typeof o.lit === 'string' ? kqlString(o.lit) : typeof o.lit === 'boolean' ? String(o.lit) : kqlNumber(o.lit);
  return `(${kqlNumber(o.mul[0])} * ${renderOperand(o.mul[1])})`;
}

export function renderExpr(e: Expr): string {
  switch (e.op) {
    case 'true':
      return 'true';
    case 'is':
      return renderOperand(e.arg);
    case 'isnull':
      return `isnull(${renderOperand(e.arg)})`;
    case 'isnotnull':
      return `isnotnull(${renderOperand(e.arg)})`;
    case 'not':
      return `not(${renderExpr(e.arg)})`;
    case 'and':
    case 'or':
      return `(${e.args.map(renderExpr).join(` ${e.op} `)})`;
    case 'in':
      return `(${renderOperand(e.left)} in (${e.values.map((v) => (typeof v === 'string' ? kqlString(v) : kqlNumber(v))).join(', ')}))`;
    default:
      return `(${renderOperand(e.left)} ${e.op} ${renderOperand(e.right)})`;
  }
}

/** `case(pred, "class", ..., "other")` over the whole table. */
export function classCase(): string {
  const parts: string[] = [];
  for (const r of CLASS_RULES) {
    if (r.when.op === 'true') continue;
    parts.push(`    ${renderExpr(r.when)}, ${kqlString(r.class)}`);
  }
  return `case(\n${parts.join(',\n')},\n    "other")`;
}

// ---------------------------------------------------------------- columns per table

type As = 'string' | 'real' | 'int';

const CONVERT: Record<As, string> = { string: 'tostring', real: 'todouble', int: 'toint' };
const NULL_OF: Record<As, string> = { string: '""', real: 'real(null)', int: 'int(null)' };

/** The fields the queries read, as what type; each becomes one column `_<field>` at the top of the query. */
const READ: [Field, As][] = [
  ['instanceId', 'string'], ['requestQuery', 'string'], ['httpStatus', 'int'], ['serverStatus', 'string'], ['serverResponseLatency', 'real'],
  ['timeTaken', 'real'], ['errorInfo', 'string'], ['clientIp', 'string'], ['listenerName', 'string'], ['ruleName', 'string'],
  ['backendPoolName', 'string'], ['backendSettingName', 'string'], ['serverRouted', 'string'], ['host', 'string'], ['requestUri', 'string'],
  ['transactionId', 'string'],
];

/** The column a field was read into. */
export const f = (field: Field) => `_${field}`;

/**
 * One field's value, typed. Optional columns go through column_ifexists (not every workspace has every column); on
 * AzureDiagnostics a column past the 500-column limit lives in AdditionalFields (DIAG), so that is read too.
 */
function read(table: KqlTable, field: Field, as: As): string {
  const spec = table === 'AzureDiagnostics' ? COLUMNS[field].azureDiagnostics : COLUMNS[field].agw;
  if (!spec) return NULL_OF[as];
  const conv = CONVERT[as];
  const typed = { string: '""', real: 'real(null)', int: 'int(null)', datetime: 'datetime(null)' }[spec.type];
  const direct = `${conv}(column_ifexists(${kqlString(spec.column)}, ${typed}))`;
  if (table !== 'AzureDiagnostics') return direct;
  return `coalesce(${direct}, ${conv}(_extra[${kqlString(spec.column)}]))`;
}

/** `| extend _field = ...` for every field the queries read (the column mapping of columns.ts, per table). */
export function fieldExtends(table: KqlTable): string[] {
  const out: string[] = [];
  if (table === 'AzureDiagnostics') out.push('| extend _extra = todynamic(column_ifexists("AdditionalFields", ""))');
  for (const [field, as] of READ) out.push(`| extend ${f(field)} = ${read(table, field, as)}`);
  return out;
}

/** The KQL derivation of each classifier variable (the JS derivation is classify.ts `varsOf`). */
export function variableExtends(timeoutExpr: string): string[] {
  return [
    `| extend IsV1 = ${f('instanceId')} startswith "ApplicationGatewayRole" or ${f('requestQuery')} contains_cs "SERVER-ROUTED=" or ${f('requestQuery')} contains_cs "SERVER-STATUS="`,
    `| extend Status = ${f('httpStatus')}`,
    `| extend BackendStatus = toint(iff(isempty(${f('serverStatus')}) and IsV1, extract("SERVER-STATUS=([0-9]+)", 1, ${f('requestQuery')}), ${f('serverStatus')}))`,
    `| extend Latency = ${f('serverResponseLatency')}`,
    `| extend TimeTakenS = iff(IsV1, ${f('timeTaken')} / 1000.0, ${f('timeTaken')})`,
    `| extend ErrorInfo = toupper(trim(" ", ${f('errorInfo')}))`,
    `| extend ClientIp = trim(" ", ${f('clientIp')})`,
    `| extend Value = iff(Status == 504, iff(isnull(Latency) and isnull(TimeTakenS), real(null), max_of(coalesce(Latency, 0.0), coalesce(TimeTakenS, 0.0))), coalesce(Latency, TimeTakenS))`,
    `| extend Timeout = ${timeoutExpr}`,
  ];
}

/** Request time-out per row: by backendSettingName, else (v1 rows) by host through a basic rule, else the common/default value. */
export function timeoutCase(gateway: Gateway | undefined): string {
  if (!gateway) return `${DEFAULT_TIMEOUT_SECONDS}.0`;
  const setting = f('backendSettingName');
  const host = f('host');
  const clauses: string[] = [];
  const t = (n: number | undefined) => `${(n ?? DEFAULT_TIMEOUT_SECONDS).toFixed(1)}`;
  for (const s of gateway.backendHttpSettingsCollection) clauses.push(`${setting} =~ ${kqlString(s.name)}, ${t(s.requestTimeout)}`);
  // v1 rows carry no settings name: a host whose every route ends at one time-out gets it.
  const byHost = new Map<string, Set<number>>();
  for (const p of requestPaths(gateway)) {
    if (!p.settings || !p.listener) continue;
    for (const h of p.listener.hostNames) {
      if (h.includes('*') || h.includes('?')) continue;
      const set = byHost.get(h.toLowerCase()) ?? new Set<number>();
      set.add(p.settings.requestTimeout ?? DEFAULT_TIMEOUT_SECONDS);
      byHost.set(h.toLowerCase(), set);
    }
  }
  for (const [h, set] of byHost) if (set.size === 1) clauses.push(`isempty(${setting}) and ${host} =~ ${kqlString(h)}, ${t([...set][0])}`);
  const all = new Set(gateway.backendHttpSettingsCollection.map((s) => s.requestTimeout ?? DEFAULT_TIMEOUT_SECONDS));
  const fallback = all.size === 1 ? t([...all][0]) : t(DEFAULT_TIMEOUT_SECONDS);
  return clauses.length ? `case(${clauses.join(', ')}, ${fallback})` : fallback;
}

function windowFilter(w: KqlWindow | undefined): string {
  if (w?.start && w.end) {
    const pad = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
    return `| where TimeGenerated between (datetime(${pad(w.start, -15 * 60_000)}) .. datetime(${pad(w.end, 15 * 60_000)}))`;
  }
  return '| where TimeGenerated > ago(1d)';
}

function source(table: KqlTable, gateway: Gateway | undefined): string[] {
  if (table === 'AzureDiagnostics') {
    const lines = ['AzureDiagnostics', '| where ResourceProvider == "MICROSOFT.NETWORK" and Category == "ApplicationGatewayAccessLog"'];
    if (gateway) lines.push(`| where ResourceId =~ ${kqlString(gateway.id)}`);
    return lines;
  }
  const lines = ['AGWAccessLogs'];
  if (gateway) lines.push(`| where _ResourceId =~ ${kqlString(gateway.id)}`);
  return lines;
}

/** Rows with their class and every variable (the common prefix of all queries). */
export function classifiedRows(o: KqlOptions): string {
  return [
    ...source(o.table, o.gateway),
    windowFilter(o.window),
    ...fieldExtends(o.table),
    ...variableExtends(timeoutCase(o.gateway)),
    `| extend Class = ${classCase()}`,
    '| where Class != "ignore"',
  ].join('\n');
}

function bucketOf(o: KqlOptions): number {
  if (o.bucketMinutes) return o.bucketMinutes;
  if (o.window?.start && o.window.end && Date.parse(o.window.end) - Date.parse(o.window.start) > 86_400_000) return 5;
  return 1;
}

/**
 * The summary query: classes × buckets × offenders, small enough to export. Its result, dropped back into the
 * analyzer, gives the same findings as the raw log.
 */
export function summaryQuery(o: KqlOptions): string {
  const keep = (expr: string) => `iff(Class == "none", "", ${expr})`;
  return [
    `// AppGW 502 Doctor: 502/504 classes (logs-and-metrics.md §6) of ${o.gateway?.name ?? 'the gateway'} — export the result (CSV or JSON) and add it to the analysis.`,
    classifiedRows(o),
    `| extend Path = tostring(split(${f('requestUri')}, "?")[0])`,
    `| summarize Requests = count(), LatencyMax = max(Value), LatencyAvg = avg(Value), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), TransactionId = take_any(${f('transactionId')})`,
    `    by Class, Bucket = bin(TimeGenerated, ${bucketOf(o)}m), HttpStatus = Status, BackendStatus = ${keep('tostring(BackendStatus)')},`,
    `       ErrorInfo = iff(Class == "none" and (isempty(ErrorInfo) or ErrorInfo in (${[...KNOWN_ERROR_INFO].map(kqlString).join(', ')})), "", ErrorInfo),`,
    `       ListenerName = ${keep(f('listenerName'))}, RuleName = ${keep(f('ruleName'))}, BackendPoolName = ${keep(f('backendPoolName'))}, BackendSettingName = ${keep(f('backendSettingName'))},`,
    `       ServerRouted = ${keep(f('serverRouted'))}, Host = ${keep(f('host'))}, Path = ${keep('Path')}, InstanceId = ${keep(f('instanceId'))}`,
    '| order by Bucket asc, Requests desc',
  ].join('\n');
}

/** One class's top offenders (drill-down). */
export function classQuery(o: KqlOptions, cls: TrafficClass): string {
  return [
    `// AppGW 502 Doctor: top offenders of class "${cls}"`,
    classifiedRows(o),
    `| where Class == ${kqlString(cls)}`,
    `| summarize Requests = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), LatencyMax = max(Value), Timeout = max(Timeout)`,
    `    by BackendPoolName = ${f('backendPoolName')}, BackendSettingName = ${f('backendSettingName')}, ServerRouted = ${f('serverRouted')}, Host = ${f('host')}, HttpStatus = Status`,
    '| top 20 by Requests',
  ].join('\n');
}

export interface GeneratedQuery {
  table: KqlTable;
  class?: TrafficClass;
  title: string;
  text: string;
}

/** Every query for a gateway and window: the summary per table, then one drill-down per class. */
export function queriesFor(gateway: Gateway | undefined, window?: KqlWindow, classes: TrafficClass[] = []): GeneratedQuery[] {
  const out: GeneratedQuery[] = [];
  for (const table of ['AGWAccessLogs', 'AzureDiagnostics'] as KqlTable[]) {
    const o: KqlOptions = { table, gateway, window };
    out.push({ table, title: `Summary (${table})`, text: summaryQuery(o) });
    for (const c of classes) out.push({ table, class: c, title: `${c} (${table})`, text: classQuery(o, c) });
  }
  return out;
}

/** Variable names as KQL writes them (for tests and docs). */
export const KQL_VARIABLES: Var[] = ['IsV1', 'Status', 'BackendStatus', 'Latency', 'TimeTakenS', 'ErrorInfo', 'ClientIp', 'Value', 'Timeout'];
