/**
 * Builders for the traffic rules' tests: access-log records of the helpers' gateway gw1, and a workspace with the
 * traffic documents loaded and merged the way buildWorkspace does it.
 */
import type { Workspace } from '../../src/core/model/types';
import { loadText } from '../../src/core/input/load';
import { mergeTraffic } from '../../src/core/traffic/merge';
import { GW_ID } from './helpers';

export interface RowOver {
  time?: string;
  status?: number;
  serverStatus?: string;
  latency?: string;
  timeTaken?: number;
  errorInfo?: string;
  pool?: string;
  settings?: string;
  listener?: string;
  server?: string;
  uri?: string;
  clientIp?: string;
  gateway?: string;
}

/** A v2 access-log record of gw1 (defaults: a 200 through listener1 → pool1 / settings1 → 10.0.1.4:80). */
export function accessRecord(o: RowOver = {}): Record<string, unknown> {
  const props: Record<string, unknown> = {
    instanceId: 'appgw_0', clientIP: o.clientIp ?? '203.0.113.9', httpMethod: 'GET', requestUri: o.uri ?? '/', httpStatus: o.status ?? 200,
    timeTaken: o.timeTaken ?? 0.02, serverRouted: o.server ?? '10.0.1.4:80', serverStatus: o.serverStatus ?? String(o.status ?? 200),
    serverResponseLatency: o.latency ?? '0.01', host: 'www.example.com', transactionId: `tx-${Math.random().toString(36).slice(2)}`,
  };
  if (o.errorInfo !== undefined) props.error_info = o.errorInfo;
  return {
    timeStamp: o.time ?? '2025-02-25T09:20:00Z', resourceId: (o.gateway ?? GW_ID).toUpperCase(), listenerName: o.listener ?? 'listener1', ruleName: 'rule1',
    backendPoolName: o.pool ?? 'pool1', backendSettingName: o.settings ?? 'settings1', operationName: 'ApplicationGatewayAccess', category: 'ApplicationGatewayAccessLog', properties: props,
  };
}

/** `n` rows, one a minute from 09:20, each from `over(i)`. */
export function accessLog(n: number, over: (i: number) => RowOver): string {
  return Array.from({ length: n }, (_, i) => JSON.stringify(accessRecord({ time: new Date(Date.UTC(2025, 1, 25, 9, 20 + i)).toISOString(), ...over(i) }))).join('\n') + '\n';
}

/** The workspace with these traffic documents (name → text) loaded and merged. */
export function withTraffic(ws: Workspace, docs: Record<string, string>): Workspace {
  const models = Object.entries(docs).map(([name, text]) => {
    const m = loadText(name, text).model;
    if (!m.traffic) throw new Error(`${name} was not read as a traffic input: ${JSON.stringify(m.problems)}`);
    return m;
  });
  ws.documents = [...ws.documents, ...models];
  ws.traffic = mergeTraffic(ws);
  return ws;
}

/** An `az monitor metrics list` body for gw1. */
export function metricsBody(series: { name: string; points: { time: string; maximum?: number; average?: number; total?: number }[]; dims?: Record<string, string> }[]): string {
  return JSON.stringify({
    cost: 0, interval: 'PT5M', timespan: '2025-02-25T09:00:00Z/2025-02-25T10:00:00Z',
    value: series.map((s) => ({
      id: `${GW_ID}/providers/Microsoft.Insights/metrics/${s.name}`, name: { value: s.name, localizedValue: s.name }, unit: 'Count', type: 'Microsoft.Insights/metrics',
      timeseries: [{ metadatavalues: Object.entries(s.dims ?? {}).map(([k, v]) => ({ name: { value: k }, value: v })), data: s.points.map((p) => ({ timeStamp: p.time, average: p.average ?? null, maximum: p.maximum ?? null, minimum: null, total: p.total ?? null, count: null })) }],
    })),
  });
}
