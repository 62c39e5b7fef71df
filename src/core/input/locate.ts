/**
 * JSON pointer → offset (and line) in the JSON text, without building anything for the whole document.
 *
 * Findings name a handful of pointers; building an offset for every value of a 20 MB gateway (what a full
 * visitor pass does) costs more than the whole analysis. This scanner walks down the pointer only: at each
 * container it reads members until it meets the wanted key or index and skips every other value (strings
 * skipped by `indexOf`, nested containers by counting brackets outside strings). What it learns on the way
 * is kept per container — the offsets of the members read so far and where to resume — so many pointers
 * into the same array cost one pass over it, not one each.
 *
 * Lines are counted on the way: a JSON string cannot hold a raw line break, so every '\n' before an offset
 * is one the scanner steps over outside strings, and no second pass over the text (nor a line index of a
 * 20 MB text) is needed.
 *
 * The text must be valid JSON (the caller parsed it first). Object members are located at their key (the
 * line a reader looks for), array elements at their value. A pointer that does not exist resolves to its
 * nearest existing ancestor.
 */

interface Entry {
  /** The member's key (objects) or value (arrays). */
  at: number;
  atLine: number;
  value: number;
  valueLine: number;
}

interface Cursor {
  /** Member key (objects) or index (arrays, as a string) → where it is. */
  found: Map<string, Entry>;
  /** Where to continue reading members: the offset just after the last member read, or -1 when all are read. */
  resume: number;
  resumeLine: number;
  /** The value of the last member read, not skipped yet (skipped only if a later member is wanted). */
  pending: number;
  pendingLine: number;
  /** Next index (arrays). */
  count: number;
}

/** Line breaks stepped over by the skip functions below since the caller last reset it. (Module-level
 * functions and state: a closure's captured variables are reloaded on every iteration of these loops.) */
let newlines = 0;

function skipWs(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
    else if (c === 0x0a) {
      newlines++;
      i++;
    } else return i;
  }
}

/** `i` at an opening quote → the offset after the closing quote. */
function skipJsonString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return text.length;
    let k = q - 1;
    while (text.charCodeAt(k) === 92) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** `i` at the first character of a value → the offset just after it (containers: by counting brackets
 * outside strings; line breaks are counted on the way). */
export function skipJsonValue(text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  if (c === 34) return skipJsonString(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    let j = i;
    let lines = 0;
    while (j < n) {
      let d = text.charCodeAt(j);
      if (d === 32) {
        // Indentation: most characters of a pretty-printed gateway are runs of spaces.
        do d = text.charCodeAt(++j);
        while (d === 32);
      }
      if (d <= 34) {
        if (d === 34) {
          j = skipJsonString(text, j);
          continue;
        }
        if (d === 10) lines++;
      } else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) {
          newlines += lines;
          return j + 1;
        }
      }
      j++;
    }
    newlines += lines;
    return n;
  }
  let j = i;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
    j++;
  }
  return j;
}

function readKey(text: string, i: number, end: number): string {
  const raw = text.slice(i + 1, end - 1);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(i, end)) as string;
  } catch {
    return raw;
  }
}

/** Pointer → offset and 1-based line of the value it names (members: their key). */
export function createPositionLocator(text: string): (pointer: string) => { offset: number; line: number } | undefined {
  const cursors = new Map<number, Cursor>();

  /** The member `key` of the container whose opening bracket is at `open` (on line `openLine`). */
  const member = (open: number, openLine: number, key: string): Entry | undefined => {
    const isArray = text.charCodeAt(open) === 91;
    let cur = cursors.get(open);
    if (!cur) cursors.set(open, (cur = { found: new Map(), resume: open + 1, resumeLine: openLine, pending: -1, pendingLine: 0, count: 0 }));
    const hit = cur.found.get(key);
    if (hit) return hit;
    while (cur.resume >= 0) {
      if (cur.pending >= 0) {
        newlines = 0;
        cur.resume = skipJsonValue(text, cur.pending);
        cur.resumeLine = cur.pendingLine + newlines;
        cur.pending = -1;
      }
      newlines = 0;
      let i = skipWs(text, cur.resume);
      const c = text.charCodeAt(i);
      if (c === 44) i = skipWs(text, i + 1);
      else if (c === 125 || c === 93 || i >= text.length) {
        cur.resume = -1;
        break;
      }
      const line = cur.resumeLine + newlines;
      let entry: Entry;
      let name: string;
      if (isArray) {
        if (text.charCodeAt(i) === 93) {
          cur.resume = -1;
          break;
        }
        entry = { at: i, atLine: line, value: i, valueLine: line };
        name = String(cur.count++);
      } else {
        if (text.charCodeAt(i) !== 34) {
          cur.resume = -1;
          break;
        }
        const keyEnd = skipJsonString(text, i);
        name = readKey(text, i, keyEnd);
        newlines = 0;
        const value = skipWs(text, skipWs(text, keyEnd) + 1);
        entry = { at: i, atLine: line, value, valueLine: line + newlines };
      }
      cur.pending = entry.value;
      cur.pendingLine = entry.valueLine;
      if (!cur.found.has(name)) cur.found.set(name, entry);
      if (name === key) return entry;
    }
    return cur.found.get(key);
  };

  return (pointer: string) => {
    newlines = 0;
    let at = skipWs(text, 0);
    if (at >= text.length) return undefined;
    let line = 1 + newlines;
    if (pointer === '') return { offset: at, line };
    let value = at;
    let valueLine = line;
    for (const raw of pointer.slice(1).split('/')) {
      const c = text.charCodeAt(value);
      if (c !== 123 && c !== 91) break;
      const next = member(value, valueLine, raw.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (!next) break;
      at = next.at;
      line = next.atLine;
      value = next.value;
      valueLine = next.valueLine;
    }
    return { offset: at, line };
  };
}

/** Pointer → offset of the value it names (members: their key). */
export function createLocator(text: string): (pointer: string) => number | undefined {
  const locate = createPositionLocator(text);
  return (pointer) => locate(pointer)?.offset;
}
