/**
 * End to end: a gateway (tests/fixtures/forms.ts) plus a log export (and backend health / metrics) → the right
 * traffic finding with counts and the time window, and nothing else at error severity that the configuration alone
 * does not already give. One scenario per fingerprint: (a) v1 502s at the request time-out, (b) v2 502s with no
 * backend status on a pool with an unhealthy member, (c) the backend answering 503 itself, (d) saturated capacity.
 */
import { describe, expect, it } from 'vitest';
import { analyze, type InputDocument } from '../../src/core/analyze';
import { allRules } from '../../src/core/rules';
import { trafficRules } from '../../src/core/rules/groups/traffic';
import { GW_ID, restBackendNsg, restGateway, restGatewayNsg, restVnet } from '../fixtures/forms';

type J = any;
const NOW = new Date('2026-11-25T00:00:00Z');
const RULES = [...new Set([...allRules, ...trafficRules])];
const RID = GW_ID.toUpperCase();

function health(gw: J, down: string[] = []): J {
  return {
    backendAddressPools: gw.properties.backendAddressPools.map((p: J) => ({
      backendAddressPool: { id: p.id },
      backendHttpSettingsCollection: [{
        backendHttpSettings: { id: `${GW_ID}/backendHttpSettingsCollection/${p.name === 'pool-api' ? 'settings-api' : 'settings-web'}` },
        servers: p.properties.backendAddresses.map((a: J) => ({ address: a.ipAddress, health: down.includes(a.ipAddress) ? 'Down' : 'Up', healthProbeLog: down.includes(a.ipAddress) ? 'Application Gateway could not connect to the backend. Check that the backend responds on the port used for the probe. Also check whether any NSG/UDR/Firewall is blocking access to the Ip and port of this backend.' : 'Success. Received 200 status code' })),
      }],
    })),
  };
}

function config(gw: J, healthDoc?: J): InputDocument[] {
  return [
    { name: 'gateway.json', text: JSON.stringify(gw) },
    { name: 'vnet.json', text: JSON.stringify(restVnet()) },
    { name: 'nsg-appgw.json', text: JSON.stringify(restGatewayNsg()) },
    { name: 'nsg-backend.json', text: JSON.stringify(restBackendNsg()) },
    ...(healthDoc ? [{ name: 'health.json', text: JSON.stringify(healthDoc) }] : []),
  ];
}

const at = (m: number, s = 0) => new Date(Date.UTC(2025, 1, 25, 9, m, s)).toISOString();

function v2(t: string, o: { status: number; serverStatus?: string; latency?: string; timeTaken?: number; errorInfo?: string; pool: string; settings: string; listener: string; server: string; host: string; uri: string }): string {
  return JSON.stringify({
    timeStamp: t, resourceId: RID, listenerName: o.listener, ruleName: o.listener === 'listener-api' ? 'rule-api' : 'rule-www', backendPoolName: o.pool, backendSettingName: o.settings,
    operationName: 'ApplicationGatewayAccess', category: 'ApplicationGatewayAccessLog',
    properties: { instanceId: 'appgw_0', clientIP: '203.0.113.5', httpMethod: 'GET', requestUri: o.uri, httpStatus: o.status, timeTaken: o.timeTaken ?? 0.05, serverRouted: o.server, serverStatus: o.serverStatus ?? String(o.status), serverResponseLatency: o.latency ?? '0.03', host: o.host, originalHost: o.host, error_info: o.errorInfo ?? 'ERRORINFO_NO_ERROR', transactionId: `t${t}` },
  });
}
const WEB = { pool: 'pool-web', settings: 'settings-web', listener: 'listener-www', host: 'www.contoso.com' };
const API = { pool: 'pool-api', settings: 'settings-api', listener: 'listener-api', host: 'api.contoso.com' };
const okRows = (from: number, n: number) => Array.from({ length: n }, (_, i) => v2(at(from + (i % 20), i % 60), { status: 200, ...(i % 2 ? API : WEB), server: i % 2 ? '10.10.2.10:8080' : '10.10.2.4:80', uri: i % 2 ? '/api/items' : '/' }));

/** Errors the log adds to what the configuration alone gives. */
async function run(configDocs: InputDocument[], logs: InputDocument[]) {
  const base = await analyze(configDocs, { now: NOW, rules: RULES });
  const full = await analyze([...configDocs, ...logs], { now: NOW, rules: RULES });
  const key = (f: { ruleId: string; resource: { name: string } }) => `${f.ruleId} ${f.resource.name}`;
  const before = new Set(base.report.findings.filter((f) => f.severity === 'error').map(key));
  const added = full.report.findings.filter((f) => f.severity === 'error' && !before.has(key(f)));
  return { report: full.report, added };
}

describe('traffic end to end', () => {
  it('(a) v1: 502s at the request time-out of settings-web (30 s), found through the host since v1 logs name no settings', async () => {
    const gw = restGateway();
    gw.properties.sku = { name: 'Standard_Medium', tier: 'Standard', capacity: 2 };
    delete gw.properties.autoscaleConfiguration;
    const rows = [
      ...Array.from({ length: 8 }, (_, i) => ({ time: at(40 + i), properties: { httpStatus: 200, timeTaken: 41, requestQuery: 'SERVER-ROUTED=10.10.2.4&SERVER-STATUS=200', requestUri: '/' } })),
      ...Array.from({ length: 5 }, (_, i) => ({ time: at(42 + i, 10), properties: { httpStatus: 502, timeTaken: 30015 + i, requestQuery: 'SERVER-ROUTED=10.10.2.5&X-AzureApplicationGateway-LOG-ID=x', requestUri: '/export' } })),
    ].map((r) => ({ resourceId: RID, operationName: 'ApplicationGatewayAccess', time: r.time, category: 'ApplicationGatewayAccessLog', properties: { instanceId: 'ApplicationGatewayRole_IN_0', clientIP: '191.96.249.97', clientPort: 46886, httpMethod: 'GET', userAgent: '-', httpVersion: 'HTTP/1.1', receivedBytes: 65, sentBytes: 553, sslEnabled: 'off', host: 'www.contoso.com', originalHost: 'www.contoso.com', ...r.properties } }));
    const { report, added } = await run(config(gw), [{ name: 'PT1H.json', text: JSON.stringify({ records: rows }) }]);
    expect(added.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['traffic-backend-timeout settings-web']);
    const f = added[0];
    expect(f.category).toBe('request-timeout');
    expect(f.message).toContain('5 requests (100% of the classified 5xx) timed out');
    expect(f.message).toContain('between 2025-02-25 09:42:10–09:46:10 UTC');
    expect(f.message).toContain('latency up to 30.019 s against a request time-out of 30 s');
    expect(f.effect).toContain('v1 gateway a request whose backend does not answer within 30 s gets 502');
    expect(f.evidence.filter((e) => e.path.startsWith('accessLog[')).length).toBe(3);
    expect(report.traffic?.gateways[0].timeouts).toEqual([{ settings: 'settings-web', seconds: 30, source: 'config', rows: 5 }]);
  });

  it('(b) v2: 502s with no backend status on pool-web, whose member 10.10.2.4 backend health shows Down', async () => {
    const gw = restGateway();
    const log = [
      ...okRows(10, 30),
      ...Array.from({ length: 6 }, (_, i) => v2(at(21, i * 7), { status: 502, serverStatus: '-', latency: '', timeTaken: 0.001, errorInfo: 'ERRORINFO_UPSTREAM_NO_LIVE', ...WEB, server: '', uri: '/' })),
    ].join('\n');
    const { report, added } = await run(config(gw, health(gw, ['10.10.2.4'])), [{ name: 'PT1H.json', text: log }]);
    expect(added.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['traffic-no-healthy-backend pool-web']);
    const f = added[0];
    expect(f.category).toBe('unhealthy-backend');
    expect(f.message).toContain('6 requests (100% of the classified 5xx) got 502 with no backend status and no backend latency on backend pool pool-web between 2025-02-25 09:21:00–09:21:35 UTC');
    expect(f.effect).toContain('Backend health shows 1 of 2 member(s) of pool-web not healthy: 10.10.2.4 Unhealthy');
    expect(f.affected).toEqual(['listener-www (www.contoso.com)', 'listener-api (api.contoso.com)']);
    expect(report.traffic!.gateways[0].classes.map((c) => [c.class, c.count])).toEqual([['no-healthy-backend', 6]]);
  });

  it('(c) the backend answers 503 itself: backend-app, not a gateway fault', async () => {
    const gw = restGateway();
    const log = [...okRows(10, 20), ...Array.from({ length: 7 }, (_, i) => v2(at(30 + (i % 3), i), { status: 503, serverStatus: '503', latency: '0.012', ...API, server: '10.10.2.10:8080', uri: '/api/pay' }))].join('\n');
    const { added } = await run(config(gw, health(gw)), [{ name: 'log.json', text: log }]);
    expect(added.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['traffic-backend-5xx pool-api']);
    const f = added[0];
    expect(f.category).toBe('backend-app');
    expect(f.message).toContain('7 requests (100% of the classified 5xx) got a 5xx that the backend itself returned (serverStatus 503) on backend pool pool-api between 2025-02-25 09:30:00–09:32:05 UTC');
    expect(f.effect).toContain('not a gateway fault');
  });

  it('(d) capacity saturated (CapacityUnits at 10 × maxCapacity 4), all backends healthy', async () => {
    const gw = restGateway();
    const log = [
      ...okRows(10, 30),
      ...Array.from({ length: 9 }, (_, i) => v2(at(22 + i, 5), { status: 502, serverStatus: '-', latency: '', timeTaken: 0.002, ...WEB, server: '', uri: '/' })),
    ].join('\n');
    const metrics = (await import('node:fs')).readFileSync(new URL('../fixtures/traffic/metrics-saturated.json', import.meta.url), 'utf8');
    const { report, added } = await run(config(gw, health(gw)), [{ name: 'PT1H.json', text: log }, { name: 'metrics.json', text: metrics }]);
    expect(added.map((f) => `${f.ruleId} ${f.resource.name}`)).toEqual(['traffic-capacity agw-shop']);
    const f = added[0];
    expect(f.category).toBe('capacity');
    expect(f.message).toContain('CapacityUnits peaked at 39.9 (2025-02-25 09:30:00 UTC)');
    expect(f.message).toContain('100% of 40 units (10 × 4 maximum instances, autoscaleConfiguration.maxCapacity)');
    expect(f.message).toContain("The 2026 guide's direct comparison with maxCapacity: 39.9 against 4");
    expect(f.message).toContain('gateway-made 502s in the saturated windows (2025-02-25 09:20:00–09:35:00 UTC): 9');
    expect(f.effect).toContain('Comparison made: CapacityUnits (maximum) against 10 × the maximum instance count');
    expect(report.traffic!.gateways[0].classes.map((c) => [c.class, c.count])).toEqual([['capacity', 9]]);
    expect(report.findings.some((x) => x.ruleId === 'traffic-no-healthy-backend')).toBe(false);
  });

  it('the report\'s traffic section: classes, buckets, offenders, window, samples, queries', async () => {
    const gw = restGateway();
    const csv = (await import('node:fs')).readFileSync(new URL('../fixtures/traffic/v2-agwaccesslogs.csv', import.meta.url), 'utf8');
    const { report } = await analyze([{ name: 'gateway.json', text: JSON.stringify(gw) }, { name: 'access-log.csv', text: csv }], { now: NOW, rules: RULES });
    const t = report.traffic!;
    expect(t.documents).toEqual([{ name: 'access-log.csv', kind: 'access-log', format: 'agwaccesslogs-csv', records: 31, foreign: 0, odd: 0 }]);
    const g = t.gateways[0];
    expect(g.gateway).toBe('agw-shop');
    expect(g.window).toEqual({ start: '2025-02-25T09:19:10.391Z', end: '2025-02-25T09:36:00.000Z' });
    expect(g.totals).toMatchObject({ rows: 31, ignoredInternal: 1, failed: 16, classified: 18 });
    expect(g.classes.map((c) => [c.class, c.count])).toEqual([['no-healthy-backend', 4], ['backend-timeout', 5], ['backend-5xx', 3], ['backend-closed', 2], ['client', 2], ['other', 2]]);
    const timeout = g.classes.find((c) => c.class === 'backend-timeout')!;
    expect(timeout.label.ko).toBe('백엔드 응답 시간 초과');
    expect(timeout.top.settings).toEqual([{ key: 'settings-api', count: 3 }, { key: 'settings-web', count: 2 }]);
    expect(timeout.samples.length).toBe(3);
    expect(g.buckets[1]!.length).toBeGreaterThan(5);
    expect(g.buckets[5].find((b) => b.start === '2025-02-25T09:25:00.000Z')).toEqual({ start: '2025-02-25T09:25:00.000Z', total: 5, failed: 5, classes: { 'backend-timeout': 5 } });
    expect(g.topOffenders.filter((o) => o.dimension === 'pool')).toEqual([{ dimension: 'pool', key: 'pool-web', count: 10, classes: { 'no-healthy-backend': 4, 'backend-timeout': 2, 'backend-closed': 2, other: 2 } }, { dimension: 'pool', key: 'pool-api', count: 6, classes: { 'backend-timeout': 3, 'backend-5xx': 3 } }]);
    expect(g.unknownErrorInfo).toEqual([{ code: 'ERRORINFO_SOMETHING_NEW', count: 1 }]);
    expect(g.queries.map((q) => q.title)).toContain('Summary (AzureDiagnostics)');
    expect(report.findings.filter((f) => f.ruleId.startsWith('traffic-')).length).toBeGreaterThan(4);
  });
});
