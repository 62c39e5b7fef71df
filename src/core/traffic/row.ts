/**
 * One access-log row in the one record model, whatever shape it came in (JSON record with `properties`, flat
 * AzureDiagnostics / AGWAccessLogs row, CSV cells). Field names come from columns.ts.
 */
import { fieldOf, type Field } from './columns';
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

/** A record as field → raw value. */
export type FieldValues = Partial<Record<Field, unknown>>;

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Collect the fields of a JSON record: top level first, then `properties` (a field may sit at either level). */
export function fieldsOfObject(o: Record<string, unknown>, into: FieldValues = {}): FieldValues {
  let props: unknown;
  for (const k in o) {
    const v = o[k];
    if (k.length === 10 && k.toLowerCase() === 'properties' && v && typeof v === 'object' && !Array.isArray(v)) {
      props = v;
      continue;
    }
    const f = fieldOf(k);
    if (f && into[f] === undefined) into[f] = v;
  }
  if (typeof props === 'object' && props) {
    for (const k in props as Record<string, unknown>) {
      const f = fieldOf(k);
      if (f && (into[f] === undefined || into[f] === '')) into[f] = (props as Record<string, unknown>)[k];
    }
  } else if (typeof o['properties'] === 'string' || typeof o['Properties'] === 'string') {
    // Some exports keep `properties` as a JSON string.
    try {
      const p = JSON.parse(String(o['properties'] ?? o['Properties']));
      if (p && typeof p === 'object') fieldsOfObject(p as Record<string, unknown>, into);
    } catch {
      /* not JSON: ignore */
    }
  }
  const extra = into.additionalFields;
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
    if (e && typeof e === 'object') {
      for (const k in e as Record<string, unknown>) {
        const f = fieldOf(k);
        if (f && (into[f] === undefined || into[f] === '')) into[f] = (e as Record<string, unknown>)[k];
      }
    }
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
  const requestQuery = text(f.requestQuery);
  const instance = text(f.instanceId);
  let generation: LogGeneration = 'unknown';
  if (/^ApplicationGatewayRole/i.test(instance) || V1_QUERY.test(requestQuery)) generation = 'v1';
  else if (/^appgw_/i.test(instance) || f.serverStatus !== undefined || f.serverRouted !== undefined || f.serverResponseLatency !== undefined || f.errorInfo !== undefined || f.backendPoolName !== undefined) generation = 'v2';
  let serverStatus = text(f.serverStatus).trim();
  let server = text(f.serverRouted).trim();
  if (generation === 'v1') {
    // v1 keeps the backend used and its status inside requestQuery (DIAG).
    const st = /SERVER-STATUS=([0-9]+)/.exec(requestQuery);
    if (st && !serverStatus) serverStatus = st[1];
    const rt = /SERVER-ROUTED=([^&]+)/.exec(requestQuery);
    if (rt && !server) server = rt[1];
  }
  const protocol = text(f.protocol);
  const layer4 = protocol.toUpperCase() === 'TCP' || f.sessionTime !== undefined || f.upstreamSentBytes !== undefined;
  const status = toNumber(f.httpStatus);
  return {
    time: parseTime(f.time),
    resourceId: f.resourceId === undefined ? undefined : text(f.resourceId),
    resourceName: f.resourceName === undefined ? undefined : text(f.resourceName),
    generation,
    layer4,
    clientIp: text(f.clientIp).trim(),
    httpStatus: status === undefined ? (layer4 ? toNumber(f.serverStatus) ?? 0 : undefined) : Math.trunc(status),
    serverStatus,
    serverLatency: text(f.serverResponseLatency).trim(),
    timeTaken: text(f.timeTaken).trim(),
    errorInfo: text(f.errorInfo).trim(),
    listener: text(f.listenerName),
    rule: text(f.ruleName),
    pool: text(f.backendPoolName),
    settings: text(f.backendSettingName),
    server,
    host: text(f.host || f.originalHost),
    method: text(f.httpMethod),
    uri: text(f.requestUri || f.originalRequestUri),
    instance,
    transactionId: text(f.transactionId),
    requestQuery,
    category: text(f.category),
    operationName: text(f.operationName),
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
