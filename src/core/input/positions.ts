/** Offsets ↔ line/column, and short excerpts for problem messages. */

export interface LineIndex {
  /** Offset of the first character of each line. */
  starts: number[];
}

export function buildLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return { starts };
}

/** 1-based line and column of an offset. */
export function lineColumnAt(index: LineIndex, offset: number): { line: number; column: number } {
  const { starts } = index;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** The text of one line (1-based), cut to a readable length around a column. */
export function excerptAt(text: string, index: LineIndex, line: number, column = 1, width = 80): string {
  const start = index.starts[line - 1];
  if (start === undefined) return '';
  const end = line < index.starts.length ? index.starts[line] - 1 : text.length;
  let raw = text.slice(start, end).replace(/\r$/, '');
  let from = 0;
  if (raw.length > width) {
    from = Math.max(0, Math.min(column - 1 - Math.floor(width / 2), raw.length - width));
    raw = (from > 0 ? '…' : '') + raw.slice(from, from + width) + (from + width < raw.length ? '…' : '');
  }
  // Control characters (binary input) would garble the message: show them as '·'.
  return raw.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '·');
}
