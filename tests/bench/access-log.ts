/**
 * A big, realistic access-log export for the streaming measurements (tests/bench/stream-browser.ts) and the
 * end-to-end test (tests/e2e/stream.test.ts): the storage-account `PT1H.json` shape (one v2 record per line,
 * ../shared/reference/logs-and-metrics.md §1–2, names at the top level and in `properties`) of the fixture gateway
 * (tests/fixtures/forms.ts: pool-web 10.10.2.4/.5 behind settings-web, pool-api 10.10.2.10 behind settings-api),
 * written to disk in 1 MB pieces, never held whole. Per 1,000 rows: 6 no healthy backend (502, no backend status,
 * ERRORINFO_UPSTREAM_NO_LIVE), 3 backend time-outs (504, ERRORINFO_UPSTREAM_TIMED_OUT), 5 backend 503s, 2 closed
 * connections, 2 clients giving up (499), 1 internal 127.0.0.1 row; the rest 200/304/404 with varied paths, clients,
 * user agents, instances and backends, spread over one hour.
 */
import { createWriteStream } from 'node:fs';
import { GW_ID } from '../fixtures/forms';

const RID = GW_ID.toUpperCase();
const START = Date.UTC(2025, 1, 25, 9, 0, 0);
const HOUR = 3_600_000;
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 KAKAOTALK 10.8.5',
  'Mozilla/5.0 (Linux; Android 14; SM-S928N) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
  'curl/8.5.0',
  'Azure-Monitor-Availability/1.0',
];
const PATHS = ['/', '/index.html', '/products', '/products/{id}', '/cart', '/api/orders', '/api/orders/{id}', '/api/search', '/static/app.{id}.js', '/static/site.css', '/상품/{id}', '/login'];

export type ExpectedClass = 'no-healthy-backend' | 'backend-timeout' | 'backend-5xx' | 'backend-closed' | 'client';

/** What row i is (by its place in each block of 1,000). */
function kindOf(i: number): ExpectedClass | 'internal' | 'ok' {
  const k = i % 1000;
  if (k % 167 === 5) return 'no-healthy-backend'; // 6 per 1,000: 5, 172, 339, 506, 673, 840
  if (k % 333 === 77) return 'backend-timeout'; // 3: 77, 410, 743
  if (k % 200 === 123) return 'backend-5xx'; // 5: 123, 323, 523, 723, 923
  if (k % 500 === 251) return 'backend-closed'; // 2: 251, 751
  if (k % 500 === 444) return 'client'; // 2: 444, 944
  if (k === 999) return 'internal';
  return 'ok';
}

/** One storage-account line (JSON, no newline). */
export function accessLogLine(i: number, rows: number): string {
  const kind = kindOf(i);
  const api = i % 3 === 0;
  const pool = api ? 'pool-api' : 'pool-web';
  const server = api ? '10.10.2.10:8080' : `10.10.2.${4 + (i % 2)}:80`;
  const host = api ? 'api.contoso.com' : 'www.contoso.com';
  const path = PATHS[(i * 7) % PATHS.length].replace('{id}', String((i * 2654435761) % 100000));
  const t = new Date(START + Math.floor((i * HOUR) / Math.max(1, rows))).toISOString();
  let status = 200;
  let serverStatus = '200';
  let latency = (0.004 + ((i * 13) % 97) / 1000).toFixed(3);
  let timeTaken = Number(latency) + 0.002;
  let errorInfo = 'ERRORINFO_NO_ERROR';
  let routed = server;
  switch (kind) {
    case 'no-healthy-backend':
      [status, serverStatus, latency, timeTaken, errorInfo, routed] = [502, '-', '', 0.001, 'ERRORINFO_UPSTREAM_NO_LIVE', ''];
      break;
    case 'backend-timeout':
      [status, serverStatus, latency, timeTaken, errorInfo] = [504, '-', api ? '60.002' : '30.001', api ? 120.01 : 60.01, 'ERRORINFO_UPSTREAM_TIMED_OUT'];
      break;
    case 'backend-5xx':
      [status, serverStatus] = [503, '503'];
      break;
    case 'backend-closed':
      [status, serverStatus, latency, errorInfo] = [502, '-', '0.512', 'ERRORINFO_UPSTREAM_CLOSED_CONNECTION'];
      break;
    case 'client':
      [status, serverStatus] = [499, '-'];
      break;
    default:
      if (i % 17 === 3) [status, serverStatus] = [304, '304'];
      else if (i % 53 === 8) [status, serverStatus] = [404, '404'];
  }
  const record = {
    timeStamp: t,
    resourceId: RID,
    listenerName: api ? 'listener-api' : 'listener-www',
    ruleName: api ? 'rule-api' : 'rule-www',
    backendPoolName: pool,
    backendSettingName: api ? 'settings-api' : 'settings-web',
    operationName: 'ApplicationGatewayAccess',
    category: 'ApplicationGatewayAccessLog',
    properties: {
      instanceId: `appgw_${i % 4}`,
      clientIP: kind === 'internal' ? '127.0.0.1' : `${(i * 37) % 223 + 1}.${(i * 11) % 256}.${(i * 7) % 256}.${(i % 254) + 1}`,
      clientPort: 1024 + ((i * 31) % 64000),
      httpMethod: i % 11 === 0 ? 'POST' : 'GET',
      originalRequestUriWithArgs: `${path}?v=${i % 5}`,
      requestUri: path,
      requestQuery: `v=${i % 5}`,
      userAgent: AGENTS[i % AGENTS.length],
      httpStatus: status,
      httpVersion: i % 5 === 0 ? 'HTTP/2.0' : 'HTTP/1.1',
      receivedBytes: 180 + (i % 900),
      sentBytes: status === 200 ? 2000 + ((i * 97) % 50000) : 250,
      clientResponseTime: 0,
      timeTaken: Math.round(timeTaken * 1000) / 1000,
      WAFEvaluationTime: '0.000',
      WAFMode: 'Detection',
      transactionId: `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}${i.toString(16).padStart(24, '0')}`,
      sslEnabled: 'on',
      sslCipher: 'ECDHE-RSA-AES256-GCM-SHA384',
      sslProtocol: 'TLSv1.2',
      sslClientVerify: 'NONE',
      serverRouted: routed,
      serverStatus,
      serverResponseLatency: latency,
      upstreamSourcePort: String(20000 + (i % 40000)),
      originalHost: host,
      host,
      error_info: errorInfo,
      contentType: path.endsWith('.css') ? 'text/css' : path.endsWith('.js') ? 'application/javascript' : 'text/html; charset=utf-8',
    },
  };
  return JSON.stringify(record);
}

/** A line's length is about this (to size the file). */
export const APPROX_LINE_BYTES = 1268;

export interface WrittenLog {
  path: string;
  bytes: number;
  rows: number;
  /** Rows per class, as the generator made them (the internal rows are not counted in any class). */
  expected: Record<ExpectedClass, number>;
}

/** Writes about `targetBytes` of PT1H.json lines to `path`, 1 MB at a time. */
export async function writeAccessLog(path: string, targetBytes: number): Promise<WrittenLog> {
  const rows = Math.max(1000, Math.round(targetBytes / APPROX_LINE_BYTES));
  const out = createWriteStream(path);
  const expected: Record<ExpectedClass, number> = { 'no-healthy-backend': 0, 'backend-timeout': 0, 'backend-5xx': 0, 'backend-closed': 0, client: 0 };
  let bytes = 0;
  let buf = '';
  const write = (s: string) => new Promise<void>((resolve, reject) => out.write(s, (e) => (e ? reject(e) : resolve())));
  for (let i = 0; i < rows; i++) {
    const k = kindOf(i);
    if (k !== 'ok' && k !== 'internal') expected[k]++;
    buf += accessLogLine(i, rows) + '\n';
    if (buf.length >= 1 << 20) {
      bytes += Buffer.byteLength(buf);
      await write(buf);
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { path, bytes, rows, expected };
}
