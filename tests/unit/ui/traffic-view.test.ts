/**
 * The Traffic view's model (src/ui/traffic/traffic-view.ts): scales, stacking, ticks, bucket labels, the findings
 * that explain a class, offenders, failing URLs and the drill-down — on small gateways built in code (exact numbers)
 * and on the shipped traffic samples run through the whole engine (so the findings are the report's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import type { Report } from '../../../src/core/report/contract';
import type { AccessSample, ReportTrafficBucket, ReportTrafficGateway, TrafficClass } from '../../../src/core/traffic/types';
import {
  STACK_ORDER, bucketRows, bucketSizes, bucketText, classRows, defaultBucketSize, drillRows, findingsFor, gatewayLabels, isBucketSelected, listenerEndpoints,
  niceCeil, niceTicks, offenderGroups, selectionKey, timeTicks, timeline, topUrls, utcDateTime, windowText,
} from '../../../src/ui/traffic/traffic-view';

const DIR = join(import.meta.dirname, '../../../src/ui/samples');
const NOW = new Date('2026-03-10T10:00:00Z');
const load = (...files: string[]) => analyze(files.map((f) => ({ name: f, text: readFileSync(join(DIR, f), 'utf8') })), { locale: 'en', now: NOW });

const T = (hm: string, day = '2026-03-10') => `${day}T${hm}:00.000Z`;

function sample(o: Partial<AccessSample> & { time: string }): AccessSample {
  return { document: 'log.json', line: 1, status: 502, host: 'www.contoso.com', path: '/', listener: 'listener-www', pool: 'pool-web', ...o };
}

/** A gateway entry of the report's traffic section, built by hand so every number is known. */
function gatewayOf(o: Partial<ReportTrafficGateway> = {}): ReportTrafficGateway {
  const b5: ReportTrafficBucket[] = [
    { start: T('09:00'), total: 40, failed: 6, classes: { 'no-healthy-backend': 4, 'backend-timeout': 2 } },
    { start: T('09:10'), total: 30, failed: 9, classes: { 'backend-timeout': 3, 'backend-5xx': 5, client: 1 } },
    { start: T('09:15'), total: 20, failed: 0, classes: {} },
  ];
  return {
    name: 'agw-shop',
    gateway: 'agw-shop',
    documents: ['log.json'],
    window: { start: T('09:00'), end: T('09:19') },
    totals: { rows: 90, ignoredInternal: 0, layer4: 0, byStatus: {}, failed: 15, classified: 15 },
    classes: [
      { class: 'no-healthy-backend', label: { en: 'No healthy backend', ko: '정상 백엔드 없음' }, count: 4, share: 0.27, byStatus: { 502: 4 }, window: { start: T('09:01'), end: T('09:04') }, errorInfo: { ERRORINFO_UPSTREAM_NO_LIVE: 4 }, top: { pool: [{ key: 'pool-web', count: 4 }] },
        samples: [sample({ time: '2026-03-10T09:01:10.000Z', line: 3 }), sample({ time: '2026-03-10T09:02:00.000Z', line: 4 })], drill: [sample({ time: '2026-03-10T09:04:30.000Z', line: 9, path: '/cart' })] },
      { class: 'backend-timeout', label: { en: 'Backend timed out', ko: '백엔드 응답 시간 초과' }, count: 5, share: 0.33, byStatus: { 504: 5 }, errorInfo: {}, top: { settings: [{ key: 'settings-api', count: 5 }] },
        samples: [sample({ time: '2026-03-10T09:03:00.000Z', line: 5, path: '/api/report', host: 'api.contoso.com', listener: 'listener-api', pool: 'pool-api', server: '10.0.2.10:8080' })] },
      { class: 'backend-5xx', label: { en: 'Backend answered 5xx itself', ko: '백엔드가 직접 5xx 응답' }, count: 5, share: 0.33, byStatus: { 503: 5 }, errorInfo: {}, top: { server: [{ key: '10.0.2.10:8080', count: 5 }] },
        samples: [sample({ time: '2026-03-10T09:11:00.000Z', line: 7, status: 503, server: '10.0.2.10:8080', path: '/api/pay', host: 'api.contoso.com', listener: 'listener-api' })] },
      { class: 'client', label: { en: 'Client side', ko: '클라이언트 측' }, count: 1, share: 0.07, byStatus: { 499: 1 }, errorInfo: {}, top: {}, samples: [sample({ time: '2026-03-10T09:12:00.000Z', status: 499, path: '/slow', line: 8 })] },
    ],
    buckets: { 5: b5, 15: [{ start: T('09:00'), total: 90, failed: 15, classes: { 'no-healthy-backend': 4, 'backend-timeout': 5, 'backend-5xx': 5, client: 1 } }] },
    topOffenders: [
      { dimension: 'pool', key: 'pool-api', count: 10, classes: { 'backend-timeout': 5, 'backend-5xx': 5 } },
      { dimension: 'pool', key: 'pool-web', count: 4, classes: { 'no-healthy-backend': 4 } },
      { dimension: 'server', key: '10.0.2.10:8080', count: 8, classes: { 'backend-timeout': 3, 'backend-5xx': 5 } },
      { dimension: 'path', key: '/api/pay', count: 5, classes: { 'backend-5xx': 5 } },
      { dimension: 'path', key: '/', count: 3, classes: { 'no-healthy-backend': 3 } },
      { dimension: 'path', key: '/orphan', count: 2, classes: { 'no-healthy-backend': 2 } },
      { dimension: 'listener', key: 'listener-api', count: 10, classes: { 'backend-timeout': 5, 'backend-5xx': 5 } },
    ],
    timeouts: [],
    metrics: [
      { name: 'UnhealthyHostCount', dimensions: { backendsettingspool: 'pool-web~settings-web' }, points: 4, max: 2, series: [{ time: T('09:00'), value: 0 }, { time: T('09:05'), value: 2 }, { time: T('09:10'), value: 1 }, { time: T('09:30'), value: 0 }] },
      { name: 'CapacityUnits', dimensions: {}, points: 2, max: 38, series: [{ time: T('09:00'), value: 12 }, { time: T('09:05'), value: 38 }] },
      { name: 'FailedRequests', dimensions: {}, points: 0 },
    ],
    capacity: { saturatedByInstances: true, saturatedDirect: false, comparison: 'ten-times-max-instances', saturated: true, limitByInstances: 40, maxInstances: 4, windows: [{ start: T('09:05'), end: T('09:10'), capacityUnitsMax: 38 }], movedToCapacity: 0 },
    unknownErrorInfo: [],
    queries: [],
    ...o,
  };
}

describe('scales and time labels', () => {
  test('nice numbers and ticks', () => {
    expect([0, 0.7, 1, 3, 7, 12, 38, 101].map((x) => niceCeil(x))).toEqual([1, 1, 1, 5, 10, 20, 50, 200]);
    expect(niceTicks(7, 4, true)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceTicks(0, 4, true)).toEqual({ max: 1, ticks: [0, 1] });
    expect(niceTicks(38, 2)).toEqual({ max: 40, ticks: [0, 20, 40] });
    expect(niceTicks(3, 4, true).ticks.every(Number.isInteger)).toBe(true);
  });

  test('time ticks: aligned to the step, HH:mm within a day, the date where a day starts', () => {
    const a = Date.parse(T('09:00'));
    expect(timeTicks(a, a + 30 * 60_000, 4).map((x) => x.label)).toEqual(['09:00', '09:10', '09:20', '09:30']);
    const b = Date.parse(T('22:00'));
    const labels = timeTicks(b, b + 6 * 3_600_000, 6).map((x) => x.label);
    expect(labels).toEqual(['03-10 22:00', '23:00', '03-11 00:00', '01:00', '02:00', '03:00', '04:00']);
    expect(timeTicks(a, a + 10 * 86_400_000, 5).map((x) => x.label)[0]).toMatch(/^03-1\d$/);
  });

  test('windows, buckets and sample times as text, in UTC', () => {
    expect(windowText({ start: '2025-02-25T09:21:01.000Z', end: '2025-02-25T09:22:04.000Z' })).toBe('2025-02-25 09:21:01–09:22:04 UTC');
    expect(windowText({ start: '2025-02-25T23:59:00.000Z', end: '2025-02-26T00:01:00.000Z' })).toBe('2025-02-25 23:59:00–2025-02-26 00:01:00 UTC');
    expect(bucketText(T('09:05'), 5)).toBe('2026-03-10 09:05–09:10 UTC');
    expect(bucketText(T('23:45'), 15)).toBe('2026-03-10 23:45–00:00 UTC');
    expect(utcDateTime('2026-03-10T09:02:14.391Z')).toBe('2026-03-10 09:02:14 UTC');
    expect(utcDateTime(undefined)).toBe('');
    expect(windowText(undefined)).toBe('');
  });
});

describe('bucket sizes', () => {
  test('the sizes the report carries, and a default giving at most 90 bars', () => {
    const g = gatewayOf();
    expect(bucketSizes(g)).toEqual([5, 15]);
    expect(defaultBucketSize(g)).toBe(5);
    const one = (n: number) => Array.from({ length: n }, (_, i) => ({ start: new Date(Date.parse(T('08:00')) + i * 60_000).toISOString(), total: 1, failed: 1, classes: { other: 1 } }));
    expect(defaultBucketSize(gatewayOf({ buckets: { 1: one(30), 5: [], 15: [] }, metrics: [], window: undefined }))).toBe(1);
    // Two hours: 120 one-minute bars is too many, 24 five-minute bars is not.
    expect(defaultBucketSize(gatewayOf({ buckets: { 1: one(120), 5: [{ start: T('08:00'), total: 1, failed: 1, classes: {} }], 15: [] }, metrics: [], window: { start: T('08:00'), end: T('09:59') } }))).toBe(5);
  });
});

describe('timeline', () => {
  const g = gatewayOf();
  const tl = timeline(g, { width: 600, minutes: 5 });

  test('stacked bars: one per bucket with classified rows, classes bottom-up in the report order, heights proportional', () => {
    expect(tl.bars.map((b) => b.start)).toEqual([T('09:00'), T('09:10')]);
    expect(tl.yMax).toBe(10);
    const perRow = (tl.plot.bottom - tl.plot.top) / tl.yMax;
    for (const b of tl.bars) {
      expect(b.segments.map((s) => s.cls)).toEqual(STACK_ORDER.filter((c) => b.segments.some((s) => s.cls === c)));
      let bottom = tl.plot.bottom;
      for (const s of b.segments) {
        expect(s.y + s.height).toBeCloseTo(bottom, 6);
        expect(s.height).toBeCloseTo(s.count * perRow, 6);
        bottom = s.y;
      }
      expect(b.x).toBeGreaterThanOrEqual(tl.plot.left);
      expect(b.x + b.width).toBeLessThanOrEqual(tl.plot.right + 1e-6);
    }
    expect(tl.bars[1].classified).toBe(9);
    expect(tl.classes).toEqual(['no-healthy-backend', 'backend-timeout', 'backend-5xx', 'client']);
    expect(tl.peak).toEqual({ start: T('09:10'), count: 9 });
    expect(tl.drawn).toBe(15);
    expect(tl.busyBuckets).toBe(2);
  });

  test('the axis covers logs and metrics; bars sit at their time', () => {
    // Metrics run to 09:30: the axis ends at the bucket after it.
    expect(new Date(tl.start).toISOString()).toBe(T('09:00'));
    expect(new Date(tl.end).toISOString()).toBe(T('09:35'));
    const x = (iso: string) => tl.plot.left + ((Date.parse(iso) - tl.start) / (tl.end - tl.start)) * (tl.plot.right - tl.plot.left);
    expect(tl.bars[1].x).toBeCloseTo(x(T('09:10')), 6);
    for (const t of tl.xTicks) {
      expect(t.x).toBeGreaterThanOrEqual(tl.plot.left - 1e-6);
      expect(t.x).toBeLessThanOrEqual(tl.plot.right + 1e-6);
    }
    expect(tl.xTicks.at(-1)!.anchor).toBe('end');
    expect(tl.yTicks.map((y) => y.value)).toEqual([0, 5, 10]);
  });

  test('metric strips on the same x scale: CapacityUnits first with its limit, a gap breaks the line, series without points are left out', () => {
    expect(tl.metrics.map((m) => m.name)).toEqual(['CapacityUnits', 'UnhealthyHostCount']);
    const [cu, uh] = tl.metrics;
    expect(cu.limit).toEqual({ value: 40, y: cu.top });
    expect(cu.yMax).toBe(40);
    expect(cu.peak).toEqual({ time: T('09:05'), value: 38 });
    expect(uh.dimensions).toBe('backendsettingspool=pool-web~settings-web');
    // 09:00, 09:05, 09:10 then 09:30: the 20-minute gap is more than 3 × the usual 5 minutes.
    expect(uh.path.match(/M/g)).toHaveLength(2);
    expect(uh.points[1].x).toBeCloseTo(tl.bars[0].x + (tl.bars[1].x - tl.bars[0].x) / 2, 6);
    expect(uh.points[1].y).toBeCloseTo(uh.top, 6);
    expect(uh.points[0].y).toBeCloseTo(uh.top + uh.height, 6);
  });

  test('capacity windows are shaded; a narrow screen still fits every bar', () => {
    expect(tl.shaded).toHaveLength(1);
    // 09:05–09:10: one five-minute slot, half the distance between the 09:00 and 09:10 bars.
    expect(tl.shaded[0].x).toBeCloseTo((tl.bars[0].x + tl.bars[1].x) / 2, 6);
    expect(tl.shaded[0].width).toBeCloseTo((tl.bars[1].x - tl.bars[0].x) / 2, 6);
    const narrow = timeline(g, { width: 100, minutes: 5 });
    expect(narrow.width).toBe(240);
    for (const b of narrow.bars) expect(b.x + b.width).toBeLessThanOrEqual(narrow.plot.right + 1e-6);
  });

  test('metrics only (no access log): no bars, the strips still drawn', () => {
    const m = timeline(gatewayOf({ buckets: { 5: [], 15: [] }, classes: [], topOffenders: [], window: undefined }), { width: 500, minutes: 5 });
    expect(m.bars).toEqual([]);
    expect(m.peak).toBeUndefined();
    expect(m.metrics.length).toBe(2);
  });

  test('the table beside the drawing: buckets with classified rows, the classes present as columns', () => {
    const t = bucketRows(g, 5);
    expect(t.classes).toEqual(['no-healthy-backend', 'backend-timeout', 'backend-5xx', 'client']);
    expect(t.rows.map((r) => [r.label, r.counts])).toEqual([
      ['2026-03-10 09:00–09:05 UTC', { 'no-healthy-backend': 4, 'backend-timeout': 2 }],
      ['2026-03-10 09:10–09:15 UTC', { 'backend-timeout': 3, 'backend-5xx': 5, client: 1 }],
    ]);
  });
});

describe('offenders and failing URLs', () => {
  const g = gatewayOf();

  test('grouped in the dimensions\' order, largest first, bars as fractions of the group\'s largest', () => {
    const groups = offenderGroups(g);
    expect(groups.map((x) => x.dimension)).toEqual(['listener', 'pool', 'server', 'path']);
    const pools = groups.find((x) => x.dimension === 'pool')!;
    expect(pools.rows.map((r) => [r.key, r.fraction])).toEqual([['pool-api', 1], ['pool-web', 0.4]]);
    expect(pools.rows[0].segments).toEqual([{ cls: 'backend-timeout', count: 5, fraction: 0.5 }, { cls: 'backend-5xx', count: 5, fraction: 0.5 }]);
  });

  test('URLs: the host and listener of the rows with that path, the listener\'s scheme and port; no host → no link', () => {
    const urls = topUrls(g, { 'listener-api': { protocol: 'https', port: 8443 }, 'listener-www': { protocol: 'http', port: 80 } });
    expect(urls.map((u) => [u.path, u.url])).toEqual([
      ['/api/pay', 'https://api.contoso.com:8443/api/pay'],
      ['/', 'http://www.contoso.com/'],
      ['/orphan', undefined],
    ]);
    expect(topUrls(g)[0].url).toBe('http://api.contoso.com/api/pay');
    // One host among the offenders: paths without a sample row take it.
    const single = gatewayOf({ topOffenders: [...g.topOffenders, { dimension: 'host', key: 'shop.contoso.com', count: 9, classes: {} }] });
    expect(topUrls(single).find((u) => u.path === '/orphan')!.url).toBe('http://shop.contoso.com/orphan');
  });
});

describe('drill-down', () => {
  const g = gatewayOf();

  test('a class: its evidence samples and its spread rows, time-ordered', () => {
    const d = drillRows(g, { kind: 'class', cls: 'no-healthy-backend' });
    expect(d.rows.map((r) => r.time)).toEqual(['2026-03-10 09:01:10 UTC', '2026-03-10 09:02:00 UTC', '2026-03-10 09:04:30 UTC']);
    expect(d.total).toBe(4);
    expect(d.complete).toBe(false);
    expect(d.rows[0]).toMatchObject({ cls: 'no-healthy-backend', status: '502', request: 'www.contoso.com/', route: 'listener-www → pool-web', source: 'log.json:3' });
  });

  test('a bucket: the rows inside it of every class, or of the class picked in the bar', () => {
    const all = drillRows(g, { kind: 'bucket', start: T('09:10'), minutes: 5 });
    expect(all.rows.map((r) => r.cls)).toEqual(['backend-5xx', 'client']);
    expect(all.total).toBe(9);
    const one = drillRows(g, { kind: 'bucket', start: T('09:10'), minutes: 5, cls: 'client' });
    expect(one.rows.map((r) => r.cls)).toEqual(['client']);
    expect(one.total).toBe(1);
    expect(one.complete).toBe(true);
  });

  test('a bucket whose rows were not kept: the closest kept rows of its classes, said so', () => {
    const g2 = gatewayOf({ buckets: { 5: [...g.buckets[5], { start: T('09:30'), total: 3, failed: 3, classes: { 'backend-5xx': 3 } }], 15: [] } });
    const d = drillRows(g2, { kind: 'bucket', start: T('09:30'), minutes: 5 });
    expect(d.nearest).toBe(true);
    expect(d.rows.map((r) => r.time)).toEqual(['2026-03-10 09:11:00 UTC']);
    expect(drillRows(g2, { kind: 'bucket', start: T('09:40'), minutes: 5 })).toEqual({ rows: [], total: 0, complete: true });
  });

  test('an offender: kept rows naming it, any case', () => {
    const d = drillRows(g, { kind: 'offender', dimension: 'server', key: '10.0.2.10:8080' });
    expect(d.rows.map((r) => r.cls)).toEqual(['backend-timeout', 'backend-5xx']);
    expect(d.total).toBe(8);
    expect(drillRows(g, { kind: 'offender', dimension: 'pool', key: 'POOL-API' }).rows.map((r) => r.cls)).toEqual(['backend-timeout']);
  });

  test('selection keys and bucket selection', () => {
    expect(selectionKey({ kind: 'bucket', start: T('09:10'), minutes: 5, cls: 'client' })).toBe(`bucket:5:${T('09:10')}:client`);
    expect(isBucketSelected({ kind: 'bucket', start: T('09:10'), minutes: 5, cls: 'client' }, T('09:10'), 5)).toBe(true);
    expect(isBucketSelected({ kind: 'bucket', start: T('09:10'), minutes: 15 }, T('09:10'), 5)).toBe(false);
    expect(isBucketSelected({ kind: 'class', cls: 'client' }, T('09:10'), 5)).toBe(false);
  });
});

describe('the shipped traffic samples through the engine', () => {
  test('no healthy backend: the traffic rule first, then the backend-health findings that name the pool; nothing unrelated', async () => {
    const { report, workspace } = await load('traffic-no-healthy-gateway.arm.json', 'traffic-no-healthy-PT1H.json', 'traffic-no-healthy-health.ps.json', 'traffic-no-healthy-metrics.json');
    const g = report.traffic!.gateways[0];
    const links = findingsFor(report, g, 'no-healthy-backend').map((f) => [report.findings[f.index].ruleId, f.direct]);
    expect(links).toEqual([['traffic-no-healthy-backend', true], ['backend-all-unhealthy', false], ['backend-probe-log', false]]);
    const rows = classRows(report, g);
    expect(rows.map((r) => [r.cls, r.count, r.share])).toEqual([['no-healthy-backend', 35, 100]]);
    expect(rows[0].errorInfo).toEqual(['ERRORINFO_UPSTREAM_NO_LIVE']);
    expect(gatewayLabels(report)).toEqual(['agw-tickets-prod']);
    // Listener endpoints from the configuration; the URLs use them.
    expect(listenerEndpoints(workspace, 'agw-tickets-prod')).toEqual({ 'listener-tickets': { protocol: 'http', port: 80 } });
    expect(topUrls(g, listenerEndpoints(workspace, 'agw-tickets-prod'))[0].url).toMatch(/^http:\/\/tickets\.contoso\.com\//);
    // The timeline holds every classified row at every size; the metric strips carry the points.
    for (const m of bucketSizes(g)) expect(timeline(g, { width: 800, minutes: m }).drawn).toBe(35);
    expect(timeline(g, { width: 800, minutes: 5 }).metrics.map((m) => m.name)).toEqual(['CapacityUnits', 'UnhealthyHostCount', 'HealthyHostCount', 'FailedRequests']);
    // Drill-down over the whole window: more rows than the three evidence samples, spread over time.
    const d = drillRows(g, { kind: 'class', cls: 'no-healthy-backend' });
    expect(d.rows.length).toBeGreaterThan(10);
    expect(d.rows.at(-1)!.time > '2026-03-10 09:20').toBe(true);
  });

  test('v1 time-out: the traffic rule and the configuration\'s "default 20 s" finding on the same settings', async () => {
    const { report } = await load('traffic-timeout-gateway.ps.json', 'traffic-timeout-AzureDiagnostics.csv');
    const g = report.traffic!.gateways[0];
    const links = findingsFor(report, g, 'backend-timeout').map((f) => [report.findings[f.index].ruleId, f.direct]);
    expect(links).toEqual([['traffic-backend-timeout', true], ['request-timeout-behaviour', false]]);
  });

  test('capacity: the capacity rule explains it; the metric strip has the 10 × max-instances line and the windows are shaded', async () => {
    const { report } = await load('traffic-capacity-gateway.ps.json', 'traffic-capacity-AGWAccessLogs.csv', 'traffic-capacity-metrics.json');
    const g = report.traffic!.gateways[0];
    expect(findingsFor(report, g, 'capacity').map((f) => [report.findings[f.index].ruleId, f.severity])).toEqual([['traffic-capacity', 'error']]);
    const tl = timeline(g, { width: 900, minutes: 5 });
    expect(tl.metrics[0]).toMatchObject({ name: 'CapacityUnits', limit: { value: 100 } });
    expect(tl.shaded.length).toBeGreaterThan(0);
    expect(tl.bars.every((b) => tl.shaded.some((s) => b.x >= s.x - 1e-6 && b.x + b.width <= s.x + s.width + 1e-6))).toBe(true);
  });

  test('findings of another gateway never explain a class', () => {
    const g = gatewayOf();
    const report = {
      findings: [
        { ruleId: 'traffic-backend-5xx', category: 'backend-app', severity: 'error', gateway: 'agw-other', resource: { type: 'x', name: 'pool-api', id: 'x' }, message: '', evidence: [], affected: [] },
        { ruleId: 'traffic-backend-5xx', category: 'backend-app', severity: 'error', gateway: 'agw-shop', resource: { type: 'x', name: 'pool-api', id: 'x' }, message: '', evidence: [], affected: [] },
      ],
    } as unknown as Report;
    expect(findingsFor(report, g, 'backend-5xx').map((f) => f.index)).toEqual([1]);
    expect(findingsFor(report, g, 'client' as TrafficClass)).toEqual([]);
  });
});
