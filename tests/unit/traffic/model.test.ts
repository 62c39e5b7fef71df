/**
 * The pieces under the reader: column mapping, timestamps, bins, and the workspace merge (time-outs from the
 * configuration, capacity from metrics, logs of another gateway).
 */
import { describe, expect, it } from 'vitest';
import { fieldOf, mapHeader, normalizeColumn, tableOfHeader } from '../../../src/core/traffic/columns';
import { parseTime, windowText, durationMinutes } from '../../../src/core/traffic/time';
import { latencyBin, resolveWithTimeout } from '../../../src/core/traffic/classify';
import { classCounts, fixture, gatewayText, workspaceOf } from './helpers';

describe('column mapping', () => {
  const same: [string, string][] = [
    ['httpStatus', 'HttpStatus'], ['httpStatus_d', 'HTTPSTATUS'], ['clientIP_s', 'ClientIp'], ['clientIp_s', 'clientIP'], ['error_info_s', 'ErrorInfo'],
    ['error_info', 'errorInfo'], ['TimeGenerated [UTC]', 'TimeGenerated'], ['timeStamp_t', 'time'], ['_ResourceId', 'resourceId'],
    ['serverResponseLatency_s', 'ServerResponseLatency'], ['serverResponseLatency_d', 'serverResponseLatency'], ['transactionId_g', 'TransactionId'],
    ['backendSettingName_s', 'BackendSettingName'], ['properties.httpStatus', 'httpStatus'],
  ];
  for (const [a, b] of same) it(`${a} = ${b}`, () => expect(fieldOf(a)).toBe(fieldOf(b)));
  it('normalization', () => {
    expect(normalizeColumn('TimeGenerated [UTC]')).toBe('timegenerated');
    expect(normalizeColumn('error_info_s')).toBe('errorinfo');
    expect(fieldOf('TotallyUnknown')).toBeUndefined();
  });
  it('a header: first occurrence of a field wins; the table is recognised', () => {
    expect(mapHeader(['TimeGenerated [UTC]', 'timeStamp_t', 'httpStatus_d'])).toEqual(['time', undefined, 'httpStatus']);
    expect(tableOfHeader(['TimeGenerated [UTC]', 'httpStatus_d', 'serverStatus_s'])).toBe('AzureDiagnostics');
    expect(tableOfHeader(['TimeGenerated [UTC]', 'HttpStatus', 'ServerStatus'])).toBe('AGWAccessLogs');
  });
});

describe('timestamps', () => {
  it('ISO with offset, Z, no zone (UTC), US-locale portal dates with AM/PM', () => {
    expect(parseTime('2021-10-14T22:17:11+00:00')).toBe(Date.UTC(2021, 9, 14, 22, 17, 11));
    expect(parseTime('2025-02-25T09:19:25.391Z')).toBe(Date.UTC(2025, 1, 25, 9, 19, 25, 391));
    expect(parseTime('2025-02-25 09:19:25.3914567')).toBe(Date.UTC(2025, 1, 25, 9, 19, 25, 391));
    expect(parseTime('2/25/2025, 9:19:25.391 AM')).toBe(Date.UTC(2025, 1, 25, 9, 19, 25, 391));
    expect(parseTime('2/25/2025, 12:05:00 AM')).toBe(Date.UTC(2025, 1, 25, 0, 5, 0));
    expect(parseTime('2/25/2025, 12:05:00 PM')).toBe(Date.UTC(2025, 1, 25, 12, 5, 0));
    expect(parseTime('12/31/2024 11:59:59 PM')).toBe(Date.UTC(2024, 11, 31, 23, 59, 59));
    expect(parseTime('yesterday')).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
  });
  it('windows and durations', () => {
    expect(windowText('2025-02-25T09:19:00.000Z', '2025-02-25T09:47:10.000Z')).toBe('2025-02-25 09:19:00–09:47:10 UTC');
    expect(durationMinutes('PT5M')).toBe(5);
    expect(durationMinutes('PT1H')).toBe(60);
    expect(durationMinutes('P1D')).toBe(1440);
  });
});

describe('time-outs', () => {
  it('latency bins: 0.1 s below 10 s, 1 s to 300 s, 10 s above', () => {
    expect(latencyBin(0.05)).toEqual([0, 0.1]);
    expect(latencyBin(19.99)).toEqual([19, 1]);
    expect(latencyBin(312)).toEqual([310, 10]);
  });
  it('at 95 % of the time-out; v1 502s answered at once are no-healthy-backend', () => {
    expect(resolveWithTimeout({ Status: 502, IsV1: false, Value: 28.5 }, 30)).toBe('backend-timeout');
    expect(resolveWithTimeout({ Status: 502, IsV1: false, Value: 28.49 }, 30)).toBe('other');
    expect(resolveWithTimeout({ Status: 504, IsV1: false, Value: 61 }, 30)).toBe('backend-timeout');
    expect(resolveWithTimeout({ Status: 502, IsV1: true, Value: 0.003 }, 20)).toBe('no-healthy-backend');
    expect(resolveWithTimeout({ Status: 502, IsV1: false, Value: null }, 20)).toBe('other');
  });
  it('the settings\' own requestTimeout decides: the same latency is a time-out at 30 s and not at 60 s', () => {
    const withTimeout = (t: number) => gatewayText((g) => (g.properties.backendHttpSettingsCollection[0].properties.requestTimeout = t));
    const log = fixture('v2-storage.PT1H.json');
    expect(classCounts(workspaceOf({ 'log.json': log }, withTimeout(30)))['backend-timeout']).toBe(5);
    expect(classCounts(workspaceOf({ 'log.json': log }, withTimeout(60)))['backend-timeout']).toBe(3);
    const dflt = workspaceOf({ 'log.json': log }, gatewayText((g) => delete g.properties.backendHttpSettingsCollection[0].properties.requestTimeout));
    expect(dflt.traffic!.gateways[0].timeouts[0]).toEqual({ settings: 'settings-web', seconds: 20, source: 'default', rows: 3 });
    // at the default 20 s, the 30 s latencies are time-outs and the 5 s one is not
    expect(classCounts(dflt)['backend-timeout']).toBe(5);
  });
  it('a group of rows straddling the threshold splits exactly, marked approximate', () => {
    const rows = [28.4, 28.45, 28.6, 28.7].map((lat, i) => JSON.stringify({ timeStamp: `2025-02-25T09:0${i}:00Z`, category: 'ApplicationGatewayAccessLog', backendSettingName: 'settings-web', properties: { httpStatus: 502, serverStatus: '-', serverResponseLatency: String(lat) } }));
    const ws = workspaceOf({ 'log.json': rows.join('\n') });
    expect(classCounts(ws)).toEqual({ 'backend-timeout': 2, other: 2 });
  });
});

describe('capacity', () => {
  it('saturated (CapacityUnits ≥ 90 % of 10 × maxCapacity), no unhealthy host: gateway-made 502s in the window become capacity', () => {
    const rows = [20, 21, 22, 26, 31].map((m) => JSON.stringify({ timeStamp: `2025-02-25T09:${m}:00Z`, category: 'ApplicationGatewayAccessLog', backendPoolName: 'pool-web', properties: { httpStatus: 502, serverStatus: '-', serverResponseLatency: '' } }));
    rows.push(JSON.stringify({ timeStamp: '2025-02-25T09:44:00Z', category: 'ApplicationGatewayAccessLog', backendPoolName: 'pool-web', properties: { httpStatus: 502, serverStatus: '-', serverResponseLatency: '' } }));
    const ws = workspaceOf({ 'log.json': rows.join('\n'), 'metrics.json': fixture('metrics-saturated.json') });
    const g = ws.traffic!.gateways[0];
    expect(g.capacity).toMatchObject({ capacityUnitsMax: 39.9, maxInstances: 4, maxInstancesFrom: 'autoscaleConfiguration.maxCapacity', limitByInstances: 40, saturatedByInstances: true, saturatedDirect: true, comparison: 'ten-times-max-instances', saturated: true, unhealthyHostMax: 0, movedToCapacity: 5 });
    expect(g.capacity!.windows).toEqual([{ start: '2025-02-25T09:20:00.000Z', end: '2025-02-25T09:35:00.000Z', capacityUnitsMax: 39.9 }]);
    expect(classCounts(ws)).toEqual({ capacity: 5, 'no-healthy-backend': 1 });
  });

  it('an unhealthy host in the window keeps the 502s on the backends', () => {
    const rows = [20, 21].map((m) => JSON.stringify({ timeStamp: `2025-02-25T09:${m}:00Z`, category: 'ApplicationGatewayAccessLog', properties: { httpStatus: 502, serverStatus: '-' } }));
    const body = JSON.parse(fixture('metrics-saturated.json'));
    body.value[1].timeseries[0].data[3].maximum = 1;
    const ws = workspaceOf({ 'log.json': rows.join('\n'), 'metrics.json': JSON.stringify(body) });
    expect(ws.traffic!.gateways[0].capacity).toMatchObject({ saturated: true, unhealthyHostMax: 1, movedToCapacity: 0 });
    expect(classCounts(ws)).toEqual({ 'no-healthy-backend': 2 });
  });

  it('fixed capacity: sku.capacity is the maximum', () => {
    const gw = gatewayText((g) => {
      delete g.properties.autoscaleConfiguration;
      g.properties.sku.capacity = 2;
    });
    const ws = workspaceOf({ 'metrics.json': fixture('metrics-saturated.json') }, gw);
    expect(ws.traffic!.gateways[0].capacity).toMatchObject({ maxInstances: 2, maxInstancesFrom: 'sku.capacity', limitByInstances: 20, saturatedByInstances: true });
  });
});

describe('joining logs with the configuration', () => {
  it('logs of another gateway are summarised apart and said so', () => {
    const other = fixture('v2-storage.PT1H.json').replace(/APPLICATIONGATEWAYS\/AGW-SHOP/g, 'APPLICATIONGATEWAYS/AGW-OTHER');
    const ws = workspaceOf({ 'other.json': other });
    expect(ws.traffic!.gateways[0].gatewayId).toBeUndefined();
    expect(ws.traffic!.gateways[0].name).toBe('AGW-OTHER');
    expect(ws.notes.some((n) => /AGW-OTHER.*do not belong/.test(n.message))).toBe(true);
  });

  it('logs without a resource id go to the only gateway', () => {
    const csv = fixture('v2-agwaccesslogs.csv').replace(/,_ResourceId\r\n/, '\r\n').replace(/,\/subscriptions[^\r]*\r\n/g, '\r\n');
    const ws = workspaceOf({ 'displayed.csv': csv });
    expect(ws.traffic!.gateways[0].gatewayId).toBe(ws.gateways[0].id);
  });

  it('two documents of the same gateway add up', () => {
    const ws = workspaceOf({ 'a.json': fixture('v2-storage.PT1H.json'), 'b.csv': fixture('v2-agwaccesslogs.csv') });
    expect(ws.traffic!.gateways).toHaveLength(1);
    expect(classCounts(ws)['backend-timeout']).toBe(10);
    expect(ws.traffic!.gateways[0].documents).toEqual(['a.json', 'b.csv']);
  });
});
