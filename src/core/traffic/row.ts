/**
 * One access-log row in the one record model, whatever shape it came in (JSON record with `properties`, flat
 * AzureDiagnostics / AGWAccessLogs row, CSV cells). Field names come from columns.ts.
 */
import { F, FIELDS, fieldIndexOf } from './columns';
import { parseTime } from './time';
import type { LogGeneration } from './types';

export interface AccessRow {
  time?: number;
  resourceId?: string;
  resourceName?: string;
  generation: LogGeneration;
  /** TLS/TCP proxy row (protocol TCP, sessionTime): kept apart. */
  layer4: boolean;
  clientIp: string;
  httpStatus?: number;
  /** Backend status as written (`"200"`, `"-"`, `""`), or v1 SERVER-STATUS from requestQuery. */
  serverStatus: string;
  /** serverResponseLatency as written: seconds, possibly empty. */
  serverLatency: string;
  /** timeTaken as written (v2 seconds, v1 milliseconds). */
  timeTaken: string;
  errorInfo: string;
  listener: string;
  rule: string;
  pool: string;
  settings: string;
  server: string;
  host: string;
  method: string;
  uri: string;
  instance: string;
  transactionId: string;
  requestQuery: string;
  category: string;
  operationName: string;
}

/**
 * A record as field → raw value, in an array indexed by `F` (columns.ts). An array, not an object: building an
 * object with up to 60 dynamic keys per row measured 3× slower than the whole rest of the field mapping.
 */
export type FieldValues = unknown[];

export function newFields(): FieldValues {
  return new Array(FIELDS.length).fill(undefined);
}

/** The defined fields as an object (for excerpts of odd rows). */
export function fieldsText(f: FieldValues): string {
  const o: Record<string, unknown> = {};
  f.forEach((v, i) => {
    if (v !== undefined) o[FIELDS[i]] = v;
  });
  return JSON.stringify(o);
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

function take(into: FieldValues, o: Record<string, unknown>, overwriteEmpty: boolean): void {
  for (const k in o) {
    const i = fieldIndexOf(k);
    if (i < 0) continue;
    const cur = into[i];
    if (cur === undefined || (overwriteEmpty && cur === '')) into[i] = o[k];
  }
}

/** Collect the fields of a JSON record: top level first, then `properties` (a field may sit at either level). */
export function fieldsOfObject(o: Record<string, unknown>, into: FieldValues = newFields()): FieldValues {
  let props: unknown;
  for (const k in o) {
    const v = o[k];
    if (k.length === 10 && v && typeof v === 'object' && !Array.isArray(v) && k.toLowerCase() === 'properties') {
      props = v;
      continue;
    }
    const i = fieldIndexOf(k);
    if (i >= 0 && into[i] === undefined) into[i] = v;
  }
  if (typeof props === 'object' && props) take(into, props as Record<string, unknown>, true);
  else if (typeof o['properties'] === 'string' || typeof o['Properties'] === 'string') {
    // Some exports keep `properties` as a JSON string.
    try {
      const p = JSON.parse(String(o['properties'] ?? o['Properties']));
      if (p && typeof p === 'object') fieldsOfObject(p as Record<string, unknown>, into);
    } catch {
      /* not JSON: ignore */
    }
  }
  const extra = into[F.additionalFields];
  if (extra !== undefined && extra !== '') {
    // AzureDiagnostics past 500 columns puts the rest in AdditionalFields (a JSON cell).
    let e: unknown = extra;
    if (typeof e === 'string') {
      try {
        e = JSON.parse(e);
      } catch {
        e = undefined;
      }
    }
    if (e && typeof e === 'object') take(into, e as Record<string, unknown>, true);
  }
  return into;
}

const V1_QUERY = /SERVER-(?:ROUTED|STATUS)=/;

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const s = v.trim();
    if (!s) return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Field values → the row model. `undefined` httpStatus means the row is no access-log row (or an odd one). */
export function toAccessRow(f: FieldValues): AccessRow {
  const requestQuery = text(f[F.requestQuery]);
  const instance = text(f[F.instanceId]);
  let generation: LogGeneration = 'unknown';
  if (/^ApplicationGatewayRole/i.test(instance) || V1_QUERY.test(requestQuery)) generation = 'v1';
  else if (/^appgw_/i.test(instance) || f[F.serverStatus] !== undefined || f[F.serverRouted] !== undefined || f[F.serverResponseLatency] !== undefined || f[F.errorInfo] !== undefined || f[F.backendPoolName] !== undefined) generation = 'v2';
  let serverStatus = text(f[F.serverStatus]).trim();
  let server = text(f[F.serverRouted]).trim();
  if (generation === 'v1') {
    // v1 keeps the backend used and its status inside requestQuery (DIAG).
    const st = /SERVER-STATUS=([0-9]+)/.exec(requestQuery);
    if (st && !serverStatus) serverStatus = st[1];
    const rt = /SERVER-ROUTED=([^&]+)/.exec(requestQuery);
    if (rt && !server) server = rt[1];
  }
  const protocol = text(f[F.protocol]);
  const layer4 = protocol.toUpperCase() === 'TCP' || f[F.sessionTime] !== undefined || f[F.upstreamSentBytes] !== undefined;
  const status = toNumber(f[F.httpStatus]);
  return {
    time: parseTime(f[F.time]),
    resourceId: f[F.resourceId] === undefined ? undefined : text(f[F.resourceId]),
    resourceName: f[F.resourceName] === undefined ? undefined : text(f[F.resourceName]),
    generation,
    layer4,
    clientIp: text(f[F.clientIp]).trim(),
    httpStatus: status === undefined ? (layer4 ? toNumber(f[F.serverStatus]) ?? 0 : undefined) : Math.trunc(status),
    serverStatus,
    serverLatency: text(f[F.serverResponseLatency]).trim(),
    timeTaken: text(f[F.timeTaken]).trim(),
    errorInfo: text(f[F.errorInfo]).trim(),
    listener: text(f[F.listenerName]),
    rule: text(f[F.ruleName]),
    pool: text(f[F.backendPoolName]),
    settings: text(f[F.backendSettingName]),
    server,
    host: text(f[F.host] || f[F.originalHost]),
    method: text(f[F.httpMethod]),
    uri: text(f[F.requestUri] || f[F.originalRequestUri]),
    instance,
    transactionId: text(f[F.transactionId]),
    requestQuery,
    category: text(f[F.category]),
    operationName: text(f[F.operationName]),
  };
}

/** Path without the query string, shortened. */
export function pathOf(uri: string): string {
  const q = uri.indexOf('?');
  const p = q >= 0 ? uri.slice(0, q) : uri;
  return p.length > 200 ? p.slice(0, 200) + '…' : p;
}

/** The first path segment (`/api/orders/1` → `/api`), for routing rows that carry no settings name. */
export function firstSegment(uri: string): string {
  const p = pathOf(uri);
  const m = /^\/[^/]*/.exec(p);
  return m ? m[0] : '/';
}
