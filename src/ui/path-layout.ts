/**
 * Geometry of one listener's request path drawing (presentation only; which hops exist and which are
 * broken comes from core/model/path-view.ts). Columns by hop kind, one row per backend (at least one per
 * route); earlier hops are centred on the rows they lead to.
 */
import type { Hop, HopKind, ListenerView } from '../core/model/path-view';

export const BOX_W = 144;
export const BOX_H = 54;
const COL_GAP = 20;
const ROW_H = 66;
const PAD = 8;

export interface PlacedHop {
  hop: Hop;
  x: number;
  y: number;
  key: string;
}

export interface Edge {
  from: PlacedHop;
  to: PlacedHop;
  key: string;
}

export interface Layout {
  width: number;
  height: number;
  hops: PlacedHop[];
  edges: Edge[];
  /** "default (unmatched paths)" markers for path-map default routes, placed in the path-rule column. */
  defaultMarks: { x: number; y: number; key: string }[];
}

const ORDER: HopKind[] = ['frontend', 'listener', 'rule', 'pathMap', 'pathRule', 'settings', 'probe', 'pool', 'backend'];

export function layoutListener(v: ListenerView): Layout {
  const usesMap = v.rules.some((r) => r.pathMap);
  const columns = ORDER.filter((k) => usesMap || (k !== 'pathMap' && k !== 'pathRule'));
  const colX = (kind: HopKind) => {
    const k = kind === 'redirect' ? 'settings' : kind;
    return PAD + columns.indexOf(k) * (BOX_W + COL_GAP);
  };
  const rowY = (row: number) => PAD + row * ROW_H;

  const hops: PlacedHop[] = [];
  const edges: Edge[] = [];
  const defaultMarks: Layout['defaultMarks'] = [];
  const place = (hop: Hop, rowCentre: number, key: string): PlacedHop => {
    const p = { hop, x: colX(hop.kind), y: PAD + rowCentre * ROW_H, key };
    hops.push(p);
    return p;
  };
  const link = (from: PlacedHop, to: PlacedHop) => edges.push({ from, to, key: `${from.key}>${to.key}` });

  let row = 0;
  const ruleStarts: { first: number; last: number; rule: ListenerView['rules'][number]; routeFirsts: { start: number; span: number; route: ListenerView['rules'][number]['routes'][number] }[] }[] = [];
  for (const r of v.rules) {
    const first = row;
    const routeFirsts = [];
    for (const rt of r.routes) {
      const span = Math.max(1, rt.backends.length);
      routeFirsts.push({ start: row, span, route: rt });
      row += span;
    }
    if (!r.routes.length) row += 1;
    ruleStarts.push({ first, last: row - 1, rule: r, routeFirsts });
  }
  const totalRows = Math.max(1, row);
  const centre = (a: number, b: number) => (a + b) / 2;

  const fe = place(v.frontend, centre(0, totalRows - 1), 'fe');
  const li = place(v.listener, centre(0, totalRows - 1), 'li');
  link(fe, li);
  ruleStarts.forEach((rs, ri) => {
    const rp = place(rs.rule.rule, centre(rs.first, rs.last), `r${ri}`);
    link(li, rp);
    let mp: PlacedHop | undefined;
    if (rs.rule.pathMap) {
      mp = place(rs.rule.pathMap, centre(rs.first, rs.last), `m${ri}`);
      link(rp, mp);
    }
    rs.routeFirsts.forEach(({ start, span, route }, ti) => {
      let prev = mp ?? rp;
      const mid = centre(start, start + span - 1);
      if (mp && route.isDefaultPath) defaultMarks.push({ x: colX('pathRule'), y: PAD + mid * ROW_H, key: `d${ri}-${ti}` });
      let pool: PlacedHop | undefined;
      route.hops.forEach((h, hi) => {
        const p = place(h, mid, `h${ri}-${ti}-${hi}`);
        link(prev, p);
        prev = p;
        if (h.kind === 'pool') pool = p;
      });
      route.backends.forEach((b, bi) => {
        const p = place(b, start + bi, `b${ri}-${ti}-${bi}`);
        if (pool) link(pool, p);
      });
    });
  });
  const width = PAD * 2 + columns.length * BOX_W + (columns.length - 1) * COL_GAP;
  const height = rowY(totalRows - 1) + BOX_H + PAD;
  return { width, height, hops, edges, defaultMarks };
}

/** Cuts a label to fit a box (SVG text does not wrap); the full text goes in a <title>. */
export function fit(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

export function edgePath(e: Edge): string {
  const x1 = e.from.x + BOX_W;
  const y1 = e.from.y + BOX_H / 2;
  const x2 = e.to.x;
  const y2 = e.to.y + BOX_H / 2;
  const mx = (x1 + x2) / 2;
  return `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
}
