/**
 * The report's `traffic` section (report/contract.ts): per gateway the classes with counts, shares, windows, peaks,
 * top offenders and samples; sparse 1/5/15-minute buckets; the time-outs and capacity numbers used; the generated
 * KQL. Built for the Traffic view: everything it draws is here, nothing needs the raw log.
 */
import type { Workspace } from '../model/types';
import { CONTROL_PLANE_CODES } from './control-plane';
import { queriesFor } from './kql';
import { bucketStart, minuteOf } from './time';
import {
  DIMENSIONS, TRAFFIC_CLASSES, type AccessLogAggregate, type ClassStats, type Dimension, type GatewayTraffic, type MetricPoint, type ReportTraffic, type ReportTrafficBucket,
  type ReportTrafficClass, type ReportTrafficGateway, type ReportTrafficOffender, type TrafficClass,
} from './types';

export const CLASS_LABELS: Record<TrafficClass, { en: string; ko: string }> = {
  'no-healthy-backend': { en: 'No healthy backend (the gateway had no server to send to)', ko: '정상 백엔드 없음(게이트웨이가 보낼 서버가 없음)' },
  'backend-timeout': { en: 'Backend timed out', ko: '백엔드 응답 시간 초과' },
  'backend-5xx': { en: 'Backend answered 5xx itself', ko: '백엔드가 직접 5xx 응답' },
  'backend-closed': { en: 'Backend closed the connection', ko: '백엔드가 연결을 끊음' },
  capacity: { en: 'Gateway capacity saturated', ko: '게이트웨이 용량 포화' },
  client: { en: 'Client side (499 / 408)', ko: '클라이언트 측(499 / 408)' },
  other: { en: 'Other 5xx (unclassified)', ko: '기타 5xx(분류되지 않음)' },
};

const FAILURE: TrafficClass[] = ['no-healthy-backend', 'backend-timeout', 'backend-5xx', 'backend-closed', 'capacity', 'other'];

/** Peak bucket of a class: the `minutes`-wide bucket with the most rows. */
export function peakOf(s: ClassStats, minutes = 5): { bucket: string; minutes: number; count: number } | undefined {
  const buckets = new Map<string, number>();
  for (const [m, n] of Object.entries(s.minutes)) {
    const b = bucketStart(minuteOf(m), minutes);
    buckets.set(b, (buckets.get(b) ?? 0) + n);
  }
  let best: { bucket: string; minutes: number; count: number } | undefined;
  for (const [bucket, count] of buckets) if (!best || count > best.count || (count === best.count && bucket < best.bucket)) best = { bucket, minutes, count };
  return best;
}

/** Points kept per metric series for the timeline (a day of 1-minute points). */
export const MAX_SERIES_POINTS = 1440;

/** A metric's points for the timeline: the peak value of each point (maximum, else average, else total), time-ordered. */
function seriesOf(points: MetricPoint[]): { time: string; value: number }[] {
  const out: { time: string; value: number }[] = [];
  for (const p of points) {
    const value = p.maximum ?? p.average ?? p.total;
    if (value !== undefined) out.push({ time: p.time, value });
  }
  out.sort((x, y) => x.time.localeCompare(y.time));
  if (out.length <= MAX_SERIES_POINTS) return out;
  // Too many: keep the largest value of each stretch, so peaks survive.
  const step = out.length / MAX_SERIES_POINTS;
  const kept: { time: string; value: number }[] = [];
  for (let i = 0; i < MAX_SERIES_POINTS; i++) {
    const part = out.slice(Math.floor(i * step), Math.floor((i + 1) * step));
    if (part.length) kept.push(part.reduce((a, b) => (b.value > a.value ? b : a)));
  }
  return kept;
}

function bucketsOf(a: AccessLogAggregate, minutes: number): ReportTrafficBucket[] {
  const out = new Map<string, ReportTrafficBucket>();
  const get = (b: string) => {
    let x = out.get(b);
    if (!x) out.set(b, (x = { start: b, total: 0, failed: 0, classes: {} }));
    return x;
  };
  for (const [m, e] of Object.entries(a.minutes)) {
    const x = get(bucketStart(minuteOf(m), minutes));
    x.total += e.total;
    x.failed += e.failed;
  }
  for (const c of TRAFFIC_CLASSES) {
    const s = a.classes[c];
    if (!s) continue;
    for (const [m, n] of Object.entries(s.minutes)) {
      const x = get(bucketStart(minuteOf(m), minutes));
      x.classes[c] = (x.classes[c] ?? 0) + n;
    }
  }
  return [...out.values()].sort((x, y) => x.start.localeCompare(y.start));
}

function classEntry(c: TrafficClass, s: ClassStats, total: number): ReportTrafficClass {
  const top: ReportTrafficClass['top'] = {};
  for (const d of DIMENSIONS) {
    const e = s.dimensions[d] ?? [];
    if (e.length) top[d] = e.slice(0, 5).map((x) => ({ key: x.key, count: x.count }));
  }
  const L = s.latency;
  return {
    class: c,
    label: CLASS_LABELS[c],
    count: s.count,
    share: total ? Math.round((s.count / total) * 1000) / 1000 : 0,
    byStatus: s.byStatus,
    ...(s.first ? { window: { start: s.first, end: s.last ?? s.first } } : {}),
    ...(Object.keys(s.minutes).length ? { peak: peakOf(s) } : {}),
    ...(L.count ? { latency: { min: L.min, avg: Math.round((L.sum / L.count) * 1000) / 1000, max: L.max } } : {}),
    errorInfo: s.errorInfo,
    top,
    samples: s.samples,
    ...(s.spread?.length ? { drill: s.spread } : {}),
    ...(s.approximate ? { approximate: true } : {}),
  };
}

function offenders(a: AccessLogAggregate): ReportTrafficOffender[] {
  const out: ReportTrafficOffender[] = [];
  for (const d of DIMENSIONS) {
    const by = new Map<string, ReportTrafficOffender>();
    for (const c of FAILURE) {
      for (const e of a.classes[c]?.dimensions[d] ?? []) {
        let o = by.get(e.key);
        if (!o) by.set(e.key, (o = { dimension: d as Dimension, key: e.key, count: 0, classes: {} }));
        o.count += e.count;
        o.classes[c] = (o.classes[c] ?? 0) + e.count;
      }
    }
    out.push(...[...by.values()].sort((x, y) => y.count - x.count).slice(0, 5));
  }
  return out.sort((x, y) => y.count - x.count);
}

function gatewayEntry(ws: Workspace, g: GatewayTraffic): ReportTrafficGateway {
  const gw = g.gatewayId ? ws.gateways.find((x) => x.id === g.gatewayId) : undefined;
  const a = g.access;
  const classified = a ? TRAFFIC_CLASSES.reduce((n, c) => n + (a.classes[c]?.count ?? 0), 0) : 0;
  const failed = a ? Object.entries(a.byStatus).reduce((n, [s, k]) => n + (Number(s) >= 500 && Number(s) <= 599 ? k : 0), 0) : 0;
  const window = a?.first ? { start: a.first, end: a.last ?? a.first } : g.capacity?.range;
  const long = window ? Date.parse(window.end) - Date.parse(window.start) > 86_400_000 : false;
  const present = a ? TRAFFIC_CLASSES.filter((c) => (a.classes[c]?.count ?? 0) > 0) : [];
  return {
    ...(g.name ? { name: g.name } : {}),
    ...(g.resourceId ? { resourceId: g.resourceId } : {}),
    ...(gw ? { gateway: gw.name } : {}),
    documents: g.documents,
    ...(window ? { window } : {}),
    totals: {
      rows: a?.rows ?? 0,
      ignoredInternal: a?.ignoredInternal ?? 0,
      layer4: a?.layer4.rows ?? 0,
      byStatus: a?.byStatus ?? {},
      failed,
      classified,
    },
    classes: present.map((c) => classEntry(c, a!.classes[c]!, classified)),
    buckets: a ? { ...(long ? {} : { 1: bucketsOf(a, 1) }), 5: bucketsOf(a, 5), 15: bucketsOf(a, 15) } : { 5: [], 15: [] },
    topOffenders: a ? offenders(a) : [],
    timeouts: g.timeouts,
    ...(g.capacity ? { capacity: g.capacity } : {}),
    metrics: g.metrics.map((m) => {
      const vals = m.points.map((p) => p.maximum ?? p.average ?? p.total).filter((x): x is number => x !== undefined);
      const avgs = m.points.map((p) => p.average).filter((x): x is number => x !== undefined);
      return {
        name: m.name,
        dimensions: m.dimensions,
        points: m.points.length,
        ...(vals.length ? { max: Math.max(...vals) } : {}),
        ...(avgs.length ? { average: Math.round((avgs.reduce((x, y) => x + y, 0) / avgs.length) * 1000) / 1000 } : {}),
        ...(m.unit ? { unit: m.unit } : {}),
        ...(vals.length ? { series: seriesOf(m.points) } : {}),
      };
    }),
    unknownErrorInfo: a?.unknownErrorInfo.map((u) => ({ code: u.code, count: u.count })) ?? [],
    ...(a?.layer4.rows ? { layer4: { rows: a.layer4.rows, unreachable: a.layer4.unreachable } } : {}),
    ...(g.performance ? { performance: { rows: g.performance.rows, unhealthyMax: g.performance.unhealthyMax, failedTotal: g.performance.failedTotal, requestTotal: g.performance.requestTotal } } : {}),
    ...(g.firewall
      ? { waf: { rows: g.firewall.rows, byAction: g.firewall.byAction, joined403: g.wafJoined?.matched ?? 0, topRules: g.firewall.rules.slice(0, 5).map((r) => ({ key: r.key, count: r.count })) } }
      : {}),
    ...(a?.summarized ? { summarized: true } : {}),
    queries: queriesFor(gw, window, present.filter((c) => c !== 'capacity')),
  };
}

export function buildTrafficReport(ws: Workspace): ReportTraffic | undefined {
  const t = ws.traffic;
  if (!t) return undefined;
  return {
    gateways: t.gateways.map((g) => gatewayEntry(ws, g)),
    documents: t.documents,
    odd: t.odd,
    appServices: t.appServices.map((a) => ({
      ...(a.name ? { name: a.name } : {}),
      hostNames: a.hostNames,
      ...(a.accessRestrictions?.defaultAction ? { defaultAction: a.accessRestrictions.defaultAction } : {}),
      rules: a.accessRestrictions?.rules.length ?? 0,
    })),
    controlPlaneErrors: t.controlPlaneErrors.map((e) => {
      const info = CONTROL_PLANE_CODES[e.code];
      return {
        code: e.code,
        message: e.message,
        document: e.source.document,
        title: info?.title ?? { en: `Control-plane error ${e.code}`, ko: `컨트롤 플레인 오류 ${e.code}` },
        explanation: info?.explanation ?? { en: 'This code is not one the analyzer knows; the message is shown as Azure wrote it.', ko: '분석기가 알지 못하는 코드입니다. Azure가 쓴 메시지를 그대로 보여 줍니다.' },
        fix: info?.fix ?? { en: 'Read the message, and search the code on learn.microsoft.com.', ko: '메시지를 읽고 learn.microsoft.com에서 코드를 검색하세요.' },
      };
    }),
  };
}
