/**
 * `az monitor metrics list ... -o json` and the REST response (same body): `{cost, interval, timespan, value: [{name:
 * {value}, unit, timeseries: [{metadatavalues: [{name: {value}, value}], data: [{timeStamp, average, maximum, ...}]}]}]}`
 * (logs-and-metrics.md §7). Aggregations not asked for are null; a missing point means no data. Dimension names may
 * come back lower-case: they are lower-cased here.
 */
import type { SourceRef } from '../model/types';
import type { MetricPoint, MetricSeries } from './types';
import { parseTime, iso } from './time';

type O = Record<string, unknown>;
const isObj = (v: unknown): v is O => !!v && typeof v === 'object' && !Array.isArray(v);

function prop(o: O, name: string): unknown {
  const want = name.toLowerCase();
  for (const k in o) if (k.toLowerCase() === want) return o[k];
  return undefined;
}

const numOrUndef = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** A metrics response (or an array of them)? */
export function looksLikeMetrics(v: unknown): boolean {
  const bodies = Array.isArray(v) ? v : [v];
  return bodies.some((b) => isObj(b) && Array.isArray(prop(b, 'value')) && (prop(b, 'value') as unknown[]).some((m) => isObj(m) && Array.isArray(prop(m, 'timeseries'))));
}

export function normalizeMetrics(v: unknown, source: (pointer: string) => SourceRef): MetricSeries[] {
  const out: MetricSeries[] = [];
  const bodies = Array.isArray(v) ? v : [v];
  bodies.forEach((body, bi) => {
    if (!isObj(body)) return;
    const interval = typeof prop(body, 'interval') === 'string' ? String(prop(body, 'interval')) : undefined;
    const list = prop(body, 'value');
    if (!Array.isArray(list)) return;
    list.forEach((m, mi) => {
      if (!isObj(m)) return;
      const nameObj = prop(m, 'name');
      const name = isObj(nameObj) ? String(prop(nameObj, 'value') ?? prop(nameObj, 'localizedValue') ?? '') : String(nameObj ?? '');
      const id = String(prop(m, 'id') ?? '');
      const resourceId = /^(.*?)\/providers\/microsoft\.insights\/metrics\//i.exec(id)?.[1];
      const unit = typeof prop(m, 'unit') === 'string' ? String(prop(m, 'unit')) : undefined;
      const series = prop(m, 'timeseries');
      if (!Array.isArray(series)) return;
      series.forEach((s, si) => {
        if (!isObj(s)) return;
        const dims: Record<string, string> = {};
        const meta = prop(s, 'metadatavalues');
        if (Array.isArray(meta)) {
          for (const d of meta) {
            if (!isObj(d)) continue;
            const dn = prop(d, 'name');
            const dname = isObj(dn) ? String(prop(dn, 'value') ?? '') : String(dn ?? '');
            if (dname) dims[dname.toLowerCase()] = String(prop(d, 'value') ?? '');
          }
        }
        const points: MetricPoint[] = [];
        const data = prop(s, 'data');
        if (Array.isArray(data)) {
          for (const p of data) {
            if (!isObj(p)) continue;
            const t = parseTime(prop(p, 'timeStamp') ?? prop(p, 'timestamp'));
            if (t === undefined) continue;
            const pt: MetricPoint = { time: iso(t) };
            for (const agg of ['average', 'maximum', 'minimum', 'total', 'count'] as const) {
              const x = numOrUndef(prop(p, agg));
              if (x !== undefined) pt[agg] = x;
            }
            if (pt.average !== undefined || pt.maximum !== undefined || pt.minimum !== undefined || pt.total !== undefined || pt.count !== undefined) points.push(pt);
          }
        }
        out.push({ name, unit, resourceId, dimensions: dims, interval, points, source: source(`${Array.isArray(v) ? `/${bi}` : ''}/value/${mi}/timeseries/${si}`) });
      });
    });
  });
  return out;
}

/** The largest value of a point: maximum, else average, else total. */
export function peak(p: MetricPoint): number | undefined {
  return p.maximum ?? p.average ?? p.total;
}
