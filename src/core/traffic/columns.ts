/**
 * The one column mapping: every name an access-log field has in every shape users export
 * (storage/Event Hubs JSON, AzureDiagnostics with type suffixes, AGWAccessLogs PascalCase, CSV headers such as
 * `TimeGenerated [UTC]`) → one field of the record model. Used by the reader (classify/accumulate) and by the KQL
 * generator, so the query and the in-browser classifier read the same columns.
 * Source: ../shared/reference/logs-and-metrics.md §2–4 (DIAG, MONREF, AGWTABLE).
 */

export type Field =
  | 'time'
  | 'resourceId'
  | 'resourceName'
  | 'category'
  | 'operationName'
  | 'tableType'
  | 'instanceId'
  | 'clientIp'
  | 'clientPort'
  | 'httpMethod'
  | 'requestUri'
  | 'originalRequestUri'
  | 'requestQuery'
  | 'userAgent'
  | 'httpStatus'
  | 'httpVersion'
  | 'receivedBytes'
  | 'sentBytes'
  | 'timeTaken'
  | 'serverRouted'
  | 'serverStatus'
  | 'serverResponseLatency'
  | 'host'
  | 'originalHost'
  | 'errorInfo'
  | 'listenerName'
  | 'ruleName'
  | 'backendPoolName'
  | 'backendSettingName'
  | 'transactionId'
  | 'sslEnabled'
  | 'protocol'
  | 'sessionTime'
  | 'upstreamSentBytes'
  | 'additionalFields'
  // v1 performance log
  | 'healthyHostCount'
  | 'unhealthyHostCount'
  | 'requestCount'
  | 'latency'
  | 'failedRequestCount'
  | 'throughput'
  // firewall log
  | 'ruleId'
  | 'action'
  | 'message'
  // generated-query result (kql.ts)
  | 'kqlClass'
  | 'kqlBucket'
  | 'kqlRequests'
  | 'kqlLatencyMax'
  | 'kqlLatencyAvg'
  | 'kqlFirst'
  | 'kqlLast'
  | 'kqlPath'
  | 'kqlServerStatus';

export type KqlType = 'string' | 'real' | 'int' | 'datetime';

export interface ColumnSpec {
  /** Names in JSON records (storage, Event Hubs), top level or under `properties`. */
  json: string[];
  /** `AzureDiagnostics` column (type-suffixed) and its type; absent when the table has none. */
  azureDiagnostics?: { column: string; type: KqlType };
  /** `AGWAccessLogs` column and its type. */
  agw?: { column: string; type: KqlType };
  /** Other names seen (alternative spellings). */
  also?: string[];
}

/** Field → names. Matching is case-insensitive and ignores the AzureDiagnostics type suffix, `_`, `-` and ` [UTC]`. */
export const COLUMNS: Record<Field, ColumnSpec> = {
  time: { json: ['timeStamp', 'time'], azureDiagnostics: { column: 'TimeGenerated', type: 'datetime' }, agw: { column: 'TimeGenerated', type: 'datetime' }, also: ['timeStamp_t', 'TimeGenerated [UTC]', 'timestamp'] },
  resourceId: { json: ['resourceId'], azureDiagnostics: { column: 'ResourceId', type: 'string' }, agw: { column: '_ResourceId', type: 'string' } },
  resourceName: { json: [], azureDiagnostics: { column: 'Resource', type: 'string' } },
  category: { json: ['category'], azureDiagnostics: { column: 'Category', type: 'string' } },
  operationName: { json: ['operationName'], azureDiagnostics: { column: 'OperationName', type: 'string' }, agw: { column: 'OperationName', type: 'string' } },
  tableType: { json: [], agw: { column: 'Type', type: 'string' }, also: ['TableName'] },
  instanceId: { json: ['instanceId'], azureDiagnostics: { column: 'instanceId_s', type: 'string' }, agw: { column: 'InstanceId', type: 'string' } },
  clientIp: { json: ['clientIP', 'clientIp'], azureDiagnostics: { column: 'clientIP_s', type: 'string' }, agw: { column: 'ClientIp', type: 'string' }, also: ['clientIp_s'] },
  clientPort: { json: ['clientPort'], azureDiagnostics: { column: 'clientPort_d', type: 'int' }, agw: { column: 'ClientPort', type: 'int' } },
  httpMethod: { json: ['httpMethod'], azureDiagnostics: { column: 'httpMethod_s', type: 'string' }, agw: { column: 'HttpMethod', type: 'string' } },
  requestUri: { json: ['requestUri'], azureDiagnostics: { column: 'requestUri_s', type: 'string' }, agw: { column: 'RequestUri', type: 'string' } },
  originalRequestUri: { json: ['originalRequestUriWithArgs'], azureDiagnostics: { column: 'originalRequestUriWithArgs_s', type: 'string' }, agw: { column: 'OriginalRequestUriWithArgs', type: 'string' } },
  requestQuery: { json: ['requestQuery'], azureDiagnostics: { column: 'requestQuery_s', type: 'string' } },
  userAgent: { json: ['userAgent'], azureDiagnostics: { column: 'userAgent_s', type: 'string' }, agw: { column: 'UserAgent', type: 'string' } },
  httpStatus: { json: ['httpStatus'], azureDiagnostics: { column: 'httpStatus_d', type: 'real' }, agw: { column: 'HttpStatus', type: 'int' } },
  httpVersion: { json: ['httpVersion'], azureDiagnostics: { column: 'httpVersion_s', type: 'string' }, agw: { column: 'HttpVersion', type: 'string' } },
  receivedBytes: { json: ['receivedBytes'], azureDiagnostics: { column: 'receivedBytes_d', type: 'real' }, agw: { column: 'ReceivedBytes', type: 'int' } },
  sentBytes: { json: ['sentBytes'], azureDiagnostics: { column: 'sentBytes_d', type: 'real' }, agw: { column: 'SentBytes', type: 'int' } },
  timeTaken: { json: ['timeTaken'], azureDiagnostics: { column: 'timeTaken_d', type: 'real' }, agw: { column: 'TimeTaken', type: 'real' } },
  serverRouted: { json: ['serverRouted'], azureDiagnostics: { column: 'serverRouted_s', type: 'string' }, agw: { column: 'ServerRouted', type: 'string' } },
  serverStatus: { json: ['serverStatus'], azureDiagnostics: { column: 'serverStatus_s', type: 'string' }, agw: { column: 'ServerStatus', type: 'int' } },
  serverResponseLatency: { json: ['serverResponseLatency'], azureDiagnostics: { column: 'serverResponseLatency_s', type: 'string' }, agw: { column: 'ServerResponseLatency', type: 'real' }, also: ['serverResponseLatency_d'] },
  host: { json: ['host'], azureDiagnostics: { column: 'host_s', type: 'string' }, agw: { column: 'Host', type: 'string' } },
  originalHost: { json: ['originalHost'], azureDiagnostics: { column: 'originalHost_s', type: 'string' }, agw: { column: 'OriginalHost', type: 'string' } },
  errorInfo: { json: ['error_info', 'errorInfo'], azureDiagnostics: { column: 'error_info_s', type: 'string' }, agw: { column: 'ErrorInfo', type: 'string' } },
  listenerName: { json: ['listenerName'], azureDiagnostics: { column: 'listenerName_s', type: 'string' }, agw: { column: 'ListenerName', type: 'string' } },
  ruleName: { json: ['ruleName'], azureDiagnostics: { column: 'ruleName_s', type: 'string' }, agw: { column: 'RuleName', type: 'string' } },
  backendPoolName: { json: ['backendPoolName'], azureDiagnostics: { column: 'backendPoolName_s', type: 'string' }, agw: { column: 'BackendPoolName', type: 'string' } },
  backendSettingName: { json: ['backendSettingName'], azureDiagnostics: { column: 'backendSettingName_s', type: 'string' }, agw: { column: 'BackendSettingName', type: 'string' } },
  transactionId: { json: ['transactionId'], azureDiagnostics: { column: 'transactionId_g', type: 'string' }, agw: { column: 'TransactionId', type: 'string' } },
  sslEnabled: { json: ['sslEnabled'], azureDiagnostics: { column: 'sslEnabled_s', type: 'string' }, agw: { column: 'SslEnabled', type: 'string' } },
  protocol: { json: ['protocol'], azureDiagnostics: { column: 'protocol_s', type: 'string' } },
  sessionTime: { json: ['sessionTime'], azureDiagnostics: { column: 'sessionTime_d', type: 'real' } },
  upstreamSentBytes: { json: ['upstreamSentBytes'], azureDiagnostics: { column: 'upstreamSentBytes_d', type: 'real' } },
  additionalFields: { json: [], azureDiagnostics: { column: 'AdditionalFields', type: 'string' } },
  healthyHostCount: { json: ['healthyHostCount'], azureDiagnostics: { column: 'healthyHostCount_d', type: 'real' } },
  unhealthyHostCount: { json: ['unHealthyHostCount', 'unhealthyHostCount'], azureDiagnostics: { column: 'unHealthyHostCount_d', type: 'real' } },
  requestCount: { json: ['requestCount'], azureDiagnostics: { column: 'requestCount_d', type: 'real' } },
  latency: { json: ['latency'], azureDiagnostics: { column: 'latency_d', type: 'real' } },
  failedRequestCount: { json: ['failedRequestCount'], azureDiagnostics: { column: 'failedRequestCount_d', type: 'real' } },
  throughput: { json: ['throughput'], azureDiagnostics: { column: 'throughput_d', type: 'real' } },
  ruleId: { json: ['ruleId'], azureDiagnostics: { column: 'ruleId_s', type: 'string' } },
  action: { json: ['action'], azureDiagnostics: { column: 'action_s', type: 'string' } },
  message: { json: ['message'], azureDiagnostics: { column: 'Message', type: 'string' } },
  kqlClass: { json: ['Class'] },
  kqlBucket: { json: ['Bucket'] },
  kqlRequests: { json: ['Requests'] },
  kqlLatencyMax: { json: ['LatencyMax'] },
  kqlLatencyAvg: { json: ['LatencyAvg'] },
  kqlFirst: { json: ['FirstSeen'] },
  kqlLast: { json: ['LastSeen'] },
  kqlPath: { json: ['Path'] },
  kqlServerStatus: { json: ['BackendStatus'] },
};

/**
 * A column or key name reduced to what identifies it: lower case, no ` [UTC]`-style bracket, no leading `_`,
 * no `properties.` prefix, no AzureDiagnostics type suffix (`_s _d _b _t _g`), no `_`/`-`/spaces.
 */
export function normalizeColumn(name: string): string {
  let n = name.trim().toLowerCase();
  n = n.replace(/\s*\[[^\]]*\]\s*$/, '');
  n = n.replace(/^properties[._]/, '');
  n = n.replace(/^_+/, '');
  n = n.replace(/_(s|d|b|t|g)$/, '');
  return n.replace(/[_\-\s.]/g, '');
}

const BY_NORMALIZED = new Map<string, Field>();
for (const [field, spec] of Object.entries(COLUMNS) as [Field, ColumnSpec][]) {
  const names = [...spec.json, ...(spec.also ?? [])];
  if (spec.azureDiagnostics) names.push(spec.azureDiagnostics.column);
  if (spec.agw) names.push(spec.agw.column);
  for (const n of names) {
    const k = normalizeColumn(n);
    if (!BY_NORMALIZED.has(k)) BY_NORMALIZED.set(k, field);
  }
}
// `TimeGenerated` and `timeStamp` both mean the time; `Resource` is the upper-cased gateway name.
BY_NORMALIZED.set('timegenerated', 'time');

/** Every field, and its position in a FieldValues array (row.ts): records are read into arrays, not objects. */
export const FIELDS = Object.keys(COLUMNS) as Field[];
export const F = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<Field, number>;

const indexCache = new Map<string, number>();

/** The position of the field a column/key name means, or -1. Cached: called per key per record. */
export function fieldIndexOf(name: string): number {
  let i = indexCache.get(name);
  if (i === undefined) {
    const f = fieldOf(name);
    i = f ? F[f] : -1;
    if (indexCache.size < 4096) indexCache.set(name, i);
  }
  return i;
}

const cache = new Map<string, Field | null>();

/** The field a column/key name means, or undefined. Cached: called per key per record. */
export function fieldOf(name: string): Field | undefined {
  let f = cache.get(name);
  if (f === undefined) {
    f = BY_NORMALIZED.get(normalizeColumn(name)) ?? null;
    if (cache.size < 4096) cache.set(name, f);
  }
  return f ?? undefined;
}

/** Header cells → field per position (first occurrence wins; `TimeGenerated` over `timeStamp_t`). */
export function mapHeader(cells: string[]): (Field | undefined)[] {
  const seen = new Set<Field>();
  return cells.map((c) => {
    const f = fieldOf(c);
    if (!f || seen.has(f)) return undefined;
    seen.add(f);
    return f;
  });
}

/** Which table a header looks like: AzureDiagnostics (suffixed names), AGWAccessLogs (PascalCase), or neither. */
export function tableOfHeader(cells: string[]): 'AzureDiagnostics' | 'AGWAccessLogs' | 'other' {
  const lower = cells.map((c) => c.trim().replace(/\s*\[[^\]]*\]\s*$/, ''));
  if (lower.some((c) => /_(s|d|g)$/i.test(c) && fieldOf(c))) return 'AzureDiagnostics';
  if (lower.some((c) => c === 'HttpStatus' || c === 'ServerStatus' || c === 'BackendPoolName')) return 'AGWAccessLogs';
  return 'other';
}

export const ACCESS_SIGNS: Field[] = ['httpStatus', 'requestUri', 'clientIp', 'timeTaken', 'serverStatus', 'serverRouted', 'backendPoolName', 'httpMethod', 'host', 'instanceId'];
export const PERFORMANCE_SIGNS: Field[] = ['healthyHostCount', 'unhealthyHostCount', 'requestCount', 'failedRequestCount', 'throughput'];
export const FIREWALL_SIGNS: Field[] = ['ruleId', 'action', 'message', 'transactionId'];
export const KQL_RESULT_SIGNS: Field[] = ['kqlClass', 'kqlBucket', 'kqlRequests'];
