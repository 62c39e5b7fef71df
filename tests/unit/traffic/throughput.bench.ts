/**
 * Throughput of the traffic reader on a generated 100,000-row storage log (JSON lines, the DIAG v2 record shape,
 * 10 % 5xx), against the floor of splitting lines and JSON.parse-ing each; and on the same rows as AGWAccessLogs CSV.
 * Not a test (no .test.ts): run with `npx tsx tests/unit/traffic/throughput.bench.ts`.
 */
import { createTrafficAccumulator } from '../../../src/core/traffic/accumulate';

const N = 100_000;
const base = Date.UTC(2025, 1, 25, 9, 0, 0);
const statuses = [200, 200, 200, 200, 200, 200, 200, 200, 304, 502, 503, 504, 404, 200, 200, 200, 200, 200, 200, 499];
function record(i: number) {
  const status = statuses[i % statuses.length];
  const pool = i % 3 ? 'pool-web' : 'pool-api';
  return {
    timeStamp: new Date(base + i * 36).toISOString().replace('Z', '+00:00'), resourceId: '/SUBSCRIPTIONS/S/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.NETWORK/APPLICATIONGATEWAYS/AGW',
    listenerName: 'listener-www', ruleName: 'rule-www', backendPoolName: pool, backendSettingName: pool === 'pool-web' ? 'settings-web' : 'settings-api', operationName: 'ApplicationGatewayAccess', category: 'ApplicationGatewayAccessLog',
    properties: {
      instanceId: `appgw_${i % 4}`, clientIP: `203.0.113.${i % 250}`, clientPort: 40000 + (i % 20000), httpMethod: 'GET', originalRequestUriWithArgs: `/items/${i % 5000}?q=1`, requestUri: `/items/${i % 5000}`, requestQuery: 'q=1',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', httpStatus: status, httpVersion: 'HTTP/1.1', receivedBytes: 184, sentBytes: 4660, clientResponseTime: 0,
      timeTaken: status === 504 ? 40.1 : 0.034, WAFEvaluationTime: '0.000', WAFMode: 'Detection', transactionId: `tx${i.toString(16).padStart(12, '0')}`, sslEnabled: 'off', sslCipher: '', sslProtocol: '', sslClientVerify: 'NONE',
      serverRouted: status === 502 ? '' : `10.0.2.${4 + (i % 8)}:80`, serverStatus: status === 502 ? '-' : String(status), serverResponseLatency: status === 502 ? '' : status === 504 ? '20.01' : '0.028',
      upstreamSourcePort: '21564', originalHost: 'www.contoso.com', host: 'www.contoso.com', error_info: status === 502 ? 'ERRORINFO_UPSTREAM_NO_LIVE' : status === 504 ? 'ERRORINFO_UPSTREAM_TIMED_OUT' : 'ERRORINFO_NO_ERROR', contentType: 'text/html',
    },
  };
}
const lines: string[] = [];
for (let i = 0; i < N; i++) lines.push(JSON.stringify(record(i)));
const jsonl = lines.join('\n') + '\n';
const cols = ['TimeGenerated [UTC]', 'HttpStatus', 'ServerStatus', 'ServerResponseLatency', 'TimeTaken', 'ServerRouted', 'BackendPoolName', 'BackendSettingName', 'ListenerName', 'RuleName', 'ClientIp', 'Host', 'RequestUri', 'HttpMethod', 'InstanceId', 'TransactionId', 'ErrorInfo', 'UserAgent', '_ResourceId'];
const csv = [cols.join(','), ...lines.map((l) => {
  const r = JSON.parse(l);
  const p = r.properties;
  return [r.timeStamp, p.httpStatus, /^\d+$/.test(p.serverStatus) ? p.serverStatus : '', p.serverResponseLatency, p.timeTaken, p.serverRouted, r.backendPoolName, r.backendSettingName, r.listenerName, r.ruleName, p.clientIP, p.host, p.requestUri, p.httpMethod, p.instanceId, p.transactionId, p.error_info, `"${p.userAgent}"`, r.resourceId.toLowerCase()].join(',');
})].join('\r\n') + '\r\n';

const CHUNK = 4 * 1024 * 1024;
function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}
function time(name: string, fn: () => unknown, runs = 7) {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  const ms = median(xs);
  console.log(`${name.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ${Math.round(N / (ms / 1000)).toLocaleString('en-US').padStart(10)} rows/s`);
  return ms;
}
const feed = (text: string) => () => {
  const acc = createTrafficAccumulator({ document: 'bench' });
  for (let i = 0; i < text.length; i += CHUNK) acc.push(text.slice(i, i + CHUNK));
  return acc.finish();
};

console.log(`100,000 rows: JSON lines ${(jsonl.length / 1048576).toFixed(1)} MB, CSV ${(csv.length / 1048576).toFixed(1)} MB; node ${process.version}`);
const floor = time('floor: split lines + JSON.parse each', () => {
  let n = 0;
  for (const l of jsonl.split('\n')) if (l) n += JSON.parse(l).properties.httpStatus > 0 ? 1 : 0;
  return n;
});
const reader = time('reader: JSON lines, 4 MB chunks, classify + aggregate', feed(jsonl));
const records = time('reader: same rows in a {"records": [...]} wrapper', feed(`{"records":[\n${lines.join(',\n')}\n]}`));
const csvMs = time('reader: same rows as AGWAccessLogs CSV (papaparse)', feed(csv));
console.log(`reader / floor: JSON lines ${(reader / floor).toFixed(2)}×, records ${(records / floor).toFixed(2)}×, CSV ${(csvMs / floor).toFixed(2)}×`);
const heap0 = process.memoryUsage().heapUsed;
const r = feed(jsonl)();
console.log(`result: ${r.traffic!.logs[0].access!.rows} rows, classes ${JSON.stringify(Object.fromEntries(Object.entries(r.traffic!.logs[0].access!.classes).map(([k, v]) => [k, v!.count])))}, aggregate ${(JSON.stringify(r.traffic).length / 1024).toFixed(0)} KB (heap delta ${((process.memoryUsage().heapUsed - heap0) / 1048576).toFixed(1)} MB)`);
