/**
 * JSON pointer → offset in the JSON text, without building anything for the whole document.
 *
 * Findings name a handful of pointers; building an offset for every value of a 20 MB gateway (what a full
 * visitor pass does) costs more than the whole analysis. This scanner walks down the pointer only: at each
 * container it reads members until it meets the wanted key or index and skips every other value (strings
 * skipped by `indexOf`, nested containers by counting brackets outside strings). What it learns on the way
 * is kept per container — the offsets of the members read so far and where to resume — so many pointers
 * into the same array cost one pass over it, not one each.
 *
 * The text must be valid JSON (the caller parsed it with JSON.parse first). Object members are located at
 * their key (the line a reader looks for), array elements at their value. A pointer that does not exist
 * resolves to its nearest existing ancestor.
 */

interface Cursor {
  /** Member key (objects) or index (arrays, as a string) → offset (the key for members, the value for elements). */
  found: Map<string, { at: number; value: number }>;
  /** Where to continue reading members: the offset just after the last member read, or -1 when all are read. */
  resume: number;
  /** The value of the last member read, not skipped yet (skipped only if a later member is wanted). */
  pending: number;
  /** Next index (arrays). */
  count: number;
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

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

/** `i` at the first character of a value → the offset just after it. */
export function skipJsonValue(text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  if (c === 34) return skipJsonString(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    let j = i;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 34) {
        j = skipJsonString(text, j);
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        if (--depth === 0) return j + 1;
      }
      j++;
    }
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

export function createLocator(text: string): (pointer: string) => number | undefined {
  const cursors = new Map<number, Cursor>();

  const skipWs = (i: number): number => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
    return i;
  };

  /** `i` at the first character of a value → the offset just after it. (Module-level helpers: a closure's
   * captured `text` is reloaded on every iteration of these loops, which made them several times slower.) */
  const skipValue = (i: number): number => skipJsonValue(text, i);

  const readKey = (i: number, end: number): string => {
    const raw = text.slice(i + 1, end - 1);
    if (!raw.includes('\\')) return raw;
    try {
      return JSON.parse(text.slice(i, end)) as string;
    } catch {
      return raw;
    }
  };

  /** The member `key` of the container whose opening bracket is at `open`, reading on from where we stopped. */
  const member = (open: number, key: string): { at: number; value: number } | undefined => {
    const isArray = text.charCodeAt(open) === 91;
    let cur = cursors.get(open);
    if (!cur) cursors.set(open, (cur = { found: new Map(), resume: open + 1, pending: -1, count: 0 }));
    const hit = cur.found.get(key);
    if (hit) return hit;
    while (cur.resume >= 0) {
      if (cur.pending >= 0) {
        cur.resume = skipValue(cur.pending);
        cur.pending = -1;
      }
      let i = skipWs(cur.resume);
      const c = text.charCodeAt(i);
      if (c === 44) i = skipWs(i + 1);
      else if (c === 125 || c === 93 || i >= text.length) {
        cur.resume = -1;
        break;
      }
      let entry: { at: number; value: number };
      let name: string;
      if (isArray) {
        if (text.charCodeAt(i) === 93) {
          cur.resume = -1;
          break;
        }
        entry = { at: i, value: i };
        name = String(cur.count++);
      } else {
        if (text.charCodeAt(i) !== 34) {
          cur.resume = -1;
          break;
        }
        const keyEnd = skipJsonString(text, i);
        name = readKey(i, keyEnd);
        const colon = skipWs(keyEnd);
        entry = { at: i, value: skipWs(colon + 1) };
      }
      cur.pending = entry.value;
      if (!cur.found.has(name)) cur.found.set(name, entry);
      if (name === key) return entry;
    }
    return cur.found.get(key);
  };

  return (pointer: string): number | undefined => {
    let at = skipWs(0);
    if (at >= text.length) return undefined;
    if (pointer === '') return at;
    let value = at;
    for (const raw of pointer.slice(1).split('/')) {
      const c = text.charCodeAt(value);
      if (c !== 123 && c !== 91) break;
      const next = member(value, raw.replace(/~1/g, '/').replace(/~0/g, '~'));
      if (!next) break;
      at = next.at;
      value = next.value;
    }
    return at;
  };
}
