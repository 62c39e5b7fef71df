/**
 * Every shape of logs-and-metrics.md §1–4 holds the same requests (tests/fixtures/traffic/rows.ts): each must be
 * recognised as an access log, read completely, and give the same classes once joined with the gateway.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../../src/core/input/load';
import { V1_EXPECT, V2_EXPECT } from '../../fixtures/traffic/rows';
import { classCounts, fixture, workspaceOf } from './helpers';

const V2_SHAPES: [string, string][] = [
  ['v2-storage.PT1H.json', 'storage-json-lines'],
  ['v2-records.json', 'records-wrapper'],
  ['v2-azurediagnostics.csv', 'azurediagnostics-csv'],
  ['v2-agwaccesslogs.csv', 'agwaccesslogs-csv'],
  ['v2-cli-query.json', 'cli-query-json'],
  ['v2-rest-query.json', 'rest-query-json'],
];

describe('access-log shapes (v2)', () => {
  for (const [file, format] of V2_SHAPES) {
    it(`${file}: ${format}, ${V2_EXPECT.rows} rows, the same classes`, () => {
      const { model } = loadText(file, fixture(file));
      expect(model.kind).toBe('access-log');
      expect(model.traffic?.format).toBe(format);
      expect(model.problems.filter((p) => p.severity !== 'info')).toEqual([]);
      const log = model.traffic!.logs;
      expect(log).toHaveLength(1);
      const a = log[0].access!;
      expect(a.rows).toBe(V2_EXPECT.rows);
      expect(a.ignoredInternal).toBe(V2_EXPECT.ignored);
      expect(a.generation).toBe('v2');
      expect(a.first).toBe(V2_EXPECT.first);
      expect(a.last).toBe(V2_EXPECT.last);
      expect(a.unknownErrorInfo.map((u) => u.code)).toEqual(V2_EXPECT.unknownCodes);
      expect(a.forbidden.count).toBe(1);
      const ws = workspaceOf({ [file]: fixture(file) });
      expect(ws.traffic!.gateways).toHaveLength(1);
      expect(ws.traffic!.gateways[0].gatewayId).toBe(ws.gateways[0].id);
      expect(classCounts(ws)).toEqual(V2_EXPECT.classes);
      // latency-classified rows resolved with settings-web's 30 s
      expect(ws.traffic!.gateways[0].timeouts).toEqual([{ settings: 'settings-web', seconds: 30, source: 'config', rows: 3 }]);
    });
  }
});

describe('access-log shapes (v1)', () => {
  it('records wrapper with `time`, timeTaken in ms, SERVER-ROUTED / SERVER-STATUS in requestQuery', () => {
    const { model } = loadText('v1.json', fixture('v1-records.json'));
    expect(model.kind).toBe('access-log');
    const a = model.traffic!.logs[0].access!;
    expect(a.rows).toBe(V1_EXPECT.rows);
    expect(a.generation).toBe('v1');
    const ws = workspaceOf({ 'v1.json': fixture('v1-records.json') });
    expect(classCounts(ws)).toEqual(V1_EXPECT.classes);
    // no settings name in v1 rows: host www.contoso.com was routed through the gateway to settings-web (30 s)
    expect(ws.traffic!.gateways[0].timeouts.find((t) => t.settings === 'settings-web')?.source).toBe('config');
    const timeout = ws.traffic!.gateways[0].access!.classes['backend-timeout']!;
    expect(timeout.dimensions.settings[0].key).toBe('settings-web');
    expect(timeout.dimensions.server[0].key).toBe('10.10.2.4');
    expect(timeout.latency.max).toBeCloseTo(30.014, 3);
  });

  it('without a gateway, v1 timeouts are judged against the default 20 s and said to be assumed', () => {
    const ws = workspaceOf({ 'v1.json': fixture('v1-records.json') }, false);
    expect(classCounts(ws)['backend-timeout']).toBe(3);
    expect(ws.traffic!.gateways[0].timeouts.every((t) => t.source === 'assumed' && t.seconds === 20)).toBe(true);
  });

  it('v1 performance log: numbers as strings, per minute', () => {
    const { model } = loadText('perf.json', fixture('v1-performance.PT1H.json'));
    expect(model.kind).toBe('performance-log');
    const p = model.traffic!.logs[0].performance!;
    expect(p.rows).toBe(6);
    expect(p.unhealthyMax).toBe(1);
    expect(p.failedTotal).toBe(12);
    expect(p.minutes['2025-02-25T09:21Z']).toMatchObject({ healthy: 1, unhealthy: 1, instances: 2 });
  });
});

describe('firewall log and Event Hubs mixes', () => {
  it('the firewall log joins the 403 of the access log by transactionId', () => {
    const ws = workspaceOf({ 'access.json': fixture('v2-storage.PT1H.json'), 'waf.json': fixture('v2-firewall.PT1H.json') });
    const g = ws.traffic!.gateways[0];
    expect(g.firewall?.rows).toBe(1);
    expect(g.wafJoined).toEqual({ matched: 1, byRule: { '942100 SQL Injection Attack Detected via libinjection': 1 } });
  });

  it('Event Hubs records: access, firewall and another resource\'s records apart', () => {
    const { model } = loadText('eh.json', fixture('eventhubs-mixed.json'));
    expect(model.kind).toBe('access-log');
    expect(model.traffic!.records).toBe(7);
    expect(model.traffic!.foreign).toBe(1);
    expect(model.traffic!.logs[0].access!.rows).toBe(5);
    expect(model.traffic!.logs[0].firewall!.rows).toBe(1);
    expect(model.problems.map((p) => p.severity)).toEqual(['info']);
  });
});

describe('field names and odd rows', () => {
  it('field names match case-insensitively, with or without the AzureDiagnostics suffix', () => {
    const row = { TIMESTAMP: '2025-02-25T10:00:00Z', ResourceID: '/X/APPLICATIONGATEWAYS/GW', Category: 'ApplicationGatewayAccessLog', PROPERTIES: { HTTPSTATUS: 502, ServerStatus: '-', SERVERRESPONSELATENCY: '', Error_Info: 'ERRORINFO_UPSTREAM_NO_LIVE', BackendPoolName_s: 'p1', clientip: '1.2.3.4' } };
    const { model } = loadText('odd-case.json', JSON.stringify(row) + '\n' + JSON.stringify(row) + '\n');
    const a = model.traffic!.logs[0].access!;
    expect(a.rows).toBe(2);
    expect(a.classes['no-healthy-backend']?.count).toBe(2);
    expect(a.classes['no-healthy-backend']?.dimensions.pool[0].key).toBe('p1');
  });

  it('unknown error_info codes and unreadable rows are counted with samples, never fatal', () => {
    const good = JSON.parse(fixture('v2-storage.PT1H.json').split('\n')[10]);
    const weird = { ...good, properties: { ...good.properties, error_info: 'ERRORINFO_FROM_THE_FUTURE', httpStatus: 502, serverStatus: '-', serverResponseLatency: '' } };
    const lines = [JSON.stringify(good), '{"broken": ', 'not json at all', JSON.stringify({ category: 'ApplicationGatewayAccessLog', properties: { clientIP: '1.1.1.1' } }), JSON.stringify(weird), JSON.stringify([1, 2])];
    const { model } = loadText('mixed.json', lines.join('\n'));
    expect(model.kind).toBe('access-log');
    const t = model.traffic!;
    expect(t.odd.count).toBe(4);
    expect(t.odd.samples.map((s) => s.line)).toEqual([2, 3, 4, 6]);
    expect(t.odd.samples[2].reason).toMatch(/without httpStatus/);
    const a = t.logs[0].access!;
    expect(a.rows).toBe(2);
    expect(a.unknownErrorInfo).toHaveLength(1);
    expect(a.unknownErrorInfo[0]).toMatchObject({ code: 'ERRORINFO_FROM_THE_FUTURE', count: 1 });
    expect(a.unknownErrorInfo[0].samples[0].line).toBe(5);
    // the row itself is still classified by its other fields
    expect(a.classes['no-healthy-backend']?.count).toBe(2);
    expect(model.problems.some((p) => p.severity === 'warning' && /4 of 6 record/.test(p.message))).toBe(true);
  });

  it('a CSV row with too few cells is reported, the others read', () => {
    const csv = fixture('v2-agwaccesslogs.csv').trimEnd().split('\r\n');
    csv.splice(3, 0, '2025-02-25T09:19:12Z,502');
    const { model } = loadText('short.csv', csv.join('\r\n'));
    expect(model.traffic!.logs[0].access!.rows).toBe(V2_EXPECT.rows);
    expect(model.traffic!.odd.count).toBe(1);
    expect(model.traffic!.odd.samples[0].line).toBe(4);
  });

  it('layer-4 (TLS/TCP proxy) rows are kept apart', () => {
    const l4 = { timeStamp: '2025-02-25T10:00:00Z', resourceId: '/X/APPLICATIONGATEWAYS/GW', category: 'ApplicationGatewayAccessLog', properties: { protocol: 'TCP', sessionTime: 1.2, upstreamSentBytes: 0, serverStatus: '502', serverRouted: '10.0.0.4:5432', clientIP: '1.2.3.4' } };
    const { model } = loadText('l4.json', JSON.stringify(l4) + '\n');
    const a = model.traffic!.logs[0].access!;
    expect(a.layer4).toMatchObject({ rows: 1, unreachable: 1 });
    expect(Object.keys(a.classes)).toEqual([]);
  });

  it('a portal CSV with an Excel sep= line and CRLF', () => {
    const { model } = loadText('sep.csv', 'sep=,\r\n' + fixture('v2-agwaccesslogs.csv'));
    expect(model.traffic?.format).toBe('agwaccesslogs-csv');
    expect(model.traffic!.logs[0].access!.rows).toBe(V2_EXPECT.rows);
  });
});
