/**
 * ps-text: the table form of `Get-AzEffectiveRouteTable` (its default output):
 *
 *   Name DisableBgpRoutePropagation State  Source  AddressPrefix   NextHopType NextHopIpAddress
 *   ---- -------------------------- -----  ------  -------------   ----------- ----------------
 *        False                      Active Default {10.0.0.0/16}   VnetLocal   {}
 *
 * Columns come from the dashes line. One block `{ value: [{Source, State, AddressPrefix: [...], ...}] }`.
 */
import { excerptAt, lineColumnAt } from '../positions';
import type { Problem } from '../../model/types';
import type { PsTextBlock } from './ps-text';
import type { Lines } from './ps-text-scan';

type Obj = Record<string, unknown>;

function isDashes(text: string, s: number, e: number): { start: number; end: number }[] | undefined {
  const runs: { start: number; end: number }[] = [];
  let i = s;
  while (i < e) {
    const c = text.charCodeAt(i);
    if (c === 45) {
      const a = i;
      while (i < e && text.charCodeAt(i) === 45) i++;
      runs.push({ start: a - s, end: i - s });
    } else if (c === 32 || c === 9) i++;
    else return undefined;
  }
  return runs.length >= 3 ? runs : undefined;
}

const LIST_COLUMNS = new Set(['addressprefix', 'nexthopipaddress']);

function listCell(cell: string): { items: string[]; truncated: boolean } {
  let s = cell.trim();
  let truncated = false;
  if (s.endsWith('...') || s.endsWith('…')) {
    truncated = true;
    s = s.replace(/(\.\.\.|…)$/, '');
  }
  if (s.startsWith('{')) s = s.slice(1);
  if (s.endsWith('}')) s = s.slice(0, -1);
  const items = s.split(',').map((x) => x.trim()).filter(Boolean);
  // The last item of a cut cell is partial.
  if (truncated && items.length && !cell.trim().replace(/(\.\.\.|…)$/, '').endsWith('}')) items.pop();
  return { items, truncated };
}

export function scanRouteTables(text: string, lines: Lines): PsTextBlock[] {
  const { starts, ends } = lines;
  const index = { starts };
  const out: PsTextBlock[] = [];
  const n = starts.length;
  for (let i = 0; i + 1 < n; i++) {
    const hs = starts[i];
    const he = ends[i];
    const header = text.slice(hs, he);
    if (header.indexOf('NextHopType') === -1 || header.indexOf('AddressPrefix') === -1) continue;
    const runs = isDashes(text, starts[i + 1], ends[i + 1]);
    if (!runs) continue;
    const names = runs.map((r, c) => {
      const to = c + 1 < runs.length ? runs[c + 1].start : header.length;
      return header.slice(r.start, to).trim();
    });
    if (!names.includes('NextHopType')) continue;
    const routes: Obj[] = [];
    const cellsAt: number[][] = [];
    const rowLines: number[] = [];
    const problems: Problem[] = [];
    let j = i + 2;
    for (; j < n; j++) {
      const s = starts[j];
      const e = ends[j];
      const row = text.slice(s, e);
      if (row.trim() === '' || row.startsWith('PS ') || row.startsWith('WARNING:')) break;
      const r: Obj = {};
      const at: number[] = [];
      let truncated = false;
      runs.forEach((run, c) => {
        const to = c + 1 < runs.length ? runs[c + 1].start : row.length;
        const cell = row.slice(run.start, to).trim();
        const key = names[c];
        at.push(s + run.start);
        const lower = key.toLowerCase();
        if (LIST_COLUMNS.has(lower)) {
          const l = listCell(cell);
          r[key] = l.items;
          truncated ||= l.truncated;
        } else if (lower === 'name' && cell === '') {
          // The Name column is empty for system routes.
        } else if (cell === 'True' || cell === 'False') r[key] = cell === 'True';
        else r[key] = cell;
      });
      if (truncated) {
        const { line, column } = lineColumnAt(index, s);
        problems.push({
          message: `The route table on line ${line} is cut to the console width ("..."): some address prefixes are not shown.`,
          line,
          column,
          severity: 'warning',
          excerpt: excerptAt(text, index, line, column),
          hint: 'Paste Get-AzEffectiveRouteTable … | ConvertTo-Json -Depth 10 (or | Format-List) for every prefix.',
        });
      }
      routes.push(r);
      cellsAt.push(at);
      rowLines.push(j);
    }
    if (!routes.length) continue;
    const headerLoc = lineColumnAt(index, hs);
    const block: PsTextBlock = {
      kind: 'effective-routes',
      value: { value: routes },
      startLine: i + 1,
      endLine: j,
      locate(pointer: string) {
        const segs = pointer.split('/').slice(1);
        if (segs.length < 2 || segs[0].toLowerCase() !== 'value') return headerLoc;
        const row = Number(segs[1]);
        const at = cellsAt[row];
        if (!at) return undefined;
        if (segs.length < 3) return lineColumnAt(index, starts[rowLines[row]]);
        const c = names.findIndex((nm) => nm.toLowerCase() === segs[2].toLowerCase());
        return lineColumnAt(index, c === -1 ? starts[rowLines[row]] : at[c]);
      },
    };
    if (problems.length) block.problems = problems;
    out.push(block);
    i = j - 1;
  }
  return out;
}
