/**
 * ps-text, step 1: cut PowerShell console text (Format-List output of Az cmdlets) into objects made of
 * `Key : value` properties, undoing the console's line wrapping.
 *
 * Every value is rebuilt as a `Joined` text: pieces of the original text (plus a few synthetic
 * characters), with a map from each position of the joined text back to the original offset, so that
 * problems and `locate()` can point at the line the user pasted.
 *
 * Everything here is a single pass over the lines with char-code scans: no regular expression runs on
 * unbounded input, and strings are only concatenated once per value (Array.join).
 */

// ------------------------------------------------------------------------------------------ joined text

/** Text rebuilt from pieces of an original text, with the way back to original offsets. */
export class Joined {
  private parts: string[] = [];
  private jStarts: number[] = [];
  private oStarts: number[] = [];
  private synthetic: boolean[] = [];
  private cached: string | undefined;
  length = 0;

  constructor(private readonly src: string) {}

  /** Append the original text [from, to). */
  slice(from: number, to: number): void {
    if (to <= from) return;
    this.push(this.src.slice(from, to), from, false);
  }

  /** Append characters that are not in the original (a newline between lines), mapped to `origin`. */
  add(s: string, origin: number): void {
    if (!s) return;
    this.push(s, origin, true);
  }

  private push(s: string, origin: number, synthetic: boolean): void {
    this.parts.push(s);
    this.jStarts.push(this.length);
    this.oStarts.push(origin);
    this.synthetic.push(synthetic);
    this.length += s.length;
    this.cached = undefined;
  }

  text(): string {
    if (this.cached === undefined) {
      this.cached = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    }
    return this.cached;
  }

  /** Original offset of a position in the joined text (the end maps to the end of the last piece). */
  toOriginal(j: number): number {
    const n = this.jStarts.length;
    if (n === 0) return 0;
    if (j >= this.length) {
      const last = n - 1;
      return this.synthetic[last] ? this.oStarts[last] : this.oStarts[last] + this.parts[last].length;
    }
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.jStarts[mid] <= j) lo = mid;
      else hi = mid - 1;
    }
    return this.synthetic[lo] ? this.oStarts[lo] : this.oStarts[lo] + (j - this.jStarts[lo]);
  }
}

// ------------------------------------------------------------------------------------------ lines

export interface Lines {
  text: string;
  /** Offset of the first character of each line. */
  starts: number[];
  /** Offset just past the last character of each line (before `\r\n` / `\n`). */
  ends: number[];
}

export function splitLines(text: string): Lines {
  const starts: number[] = [];
  const ends: number[] = [];
  let s = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const nl = text.indexOf('\n', s);
    const stop = nl === -1 ? text.length : nl;
    let e = stop;
    if (e > s && text.charCodeAt(e - 1) === 13) e--;
    starts.push(s);
    ends.push(e);
    if (nl === -1) break;
    s = nl + 1;
  }
  return { text, starts, ends };
}

const SP = 32;
const TAB = 9;

function isWs(c: number): boolean {
  return c === SP || c === TAB || c === 13 || c === 0xa0;
}

/** Number of leading spaces/tabs of [s, e). */
export function indentOf(text: string, s: number, e: number): number {
  let i = s;
  while (i < e && isWs(text.charCodeAt(i))) i++;
  return i - s;
}

function trimEndAt(text: string, s: number, e: number): number {
  while (e > s && isWs(text.charCodeAt(e - 1))) e--;
  return e;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isKeyChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/** Characters of a JSON literal (number, true/false/null): a break between two of them is a wrap. */
function isLiteralChar(c: number): boolean {
  return isKeyChar(c) || c === 46 || c === 43 || c === 45;
}

export interface KeyValue {
  key: string;
  /** Offset of the colon. */
  colon: number;
  /** Offset of the value's first character (the end of the line when empty). */
  value: number;
  /** 0-based column where a value starts (colon + 2): the indent of continuation lines. */
  valueCol: number;
  /** Spaces between the key and the colon (Format-List pads keys; a hand-written fragment does not). */
  padded: boolean;
}

/**
 * `Key : value` at the start of [s, e): a property name ([A-Za-z_][A-Za-z0-9_]*), optional padding,
 * a colon followed by a space or the end of the line (so `C:\`, `http://` and `Get-AzX:` are not keys).
 */
export function matchKeyValue(text: string, s: number, e: number): KeyValue | undefined {
  let i = s;
  const c0 = text.charCodeAt(i);
  if (!(isLetter(c0) || c0 === 95)) return undefined;
  i++;
  while (i < e && isKeyChar(text.charCodeAt(i))) i++;
  const keyEnd = i;
  if (keyEnd - s > 100) return undefined;
  while (i < e && text.charCodeAt(i) === SP) i++;
  if (i >= e || text.charCodeAt(i) !== 58 /* : */) return undefined;
  const colon = i;
  i++;
  if (i < e && !isWs(text.charCodeAt(i))) return undefined;
  while (i < e && isWs(text.charCodeAt(i))) i++;
  return { key: text.slice(s, keyEnd), colon, value: i, valueCol: colon - s + 2, padded: colon > keyEnd };
}

function startsWithAt(text: string, s: number, e: number, word: string): boolean {
  return e - s >= word.length && text.startsWith(word, s);
}

/** `PS C:\...>` / `PS /home/x>` / `PS>` prompts (and the command typed after them), `>> ` continuations. */
export function isPromptLine(text: string, s: number, e: number): boolean {
  if (startsWithAt(text, s, e, 'PS>')) return true;
  if (startsWithAt(text, s, e, 'PS ')) {
    const gt = text.indexOf('>', s + 3);
    return gt !== -1 && gt < e;
  }
  if (startsWithAt(text, s, e, '>>')) return true;
  // cmd.exe prompt: C:\Users\x>
  if (e - s >= 4 && isLetter(text.charCodeAt(s)) && text.charCodeAt(s + 1) === 58 && text.charCodeAt(s + 2) === 92) {
    const gt = text.indexOf('>', s + 3);
    return gt !== -1 && gt < e;
  }
  return false;
}

const STREAM_WORDS = ['WARNING:', 'VERBOSE:', 'DEBUG:', 'ERROR:', 'INFORMATION:', 'INFO:'];

/** First line of a `WARNING: ...` (or VERBOSE/DEBUG) paragraph. */
export function isStreamMessage(text: string, s: number, e: number): boolean {
  for (const w of STREAM_WORDS) if (startsWithAt(text, s, e, w)) return true;
  return false;
}

function isFence(text: string, s: number, e: number): boolean {
  return startsWithAt(text, s + indentOf(text, s, e), e, '```');
}

// ------------------------------------------------------------------------------------------ objects

export type ValueMode = 'plain' | 'json' | 'lines';

export interface RawProp {
  key: string;
  /** 0-based line of the key. */
  line: number;
  /** Original offset of the key. */
  keyOffset: number;
  /** 0-based column where a continuation line's text starts. */
  valueCol: number;
  mode: ValueMode;
  /** The value with the console's wrapping undone (empty when the key has no value). */
  joined: Joined;
  /** Original offset of the value's first character (or of the end of the key line). */
  valueOffset: number;
  /** 0-based line of the last line that belongs to the value. */
  lastLine: number;
  /** JSON value not finished: the paste ends inside it, or a new property starts before it closes. */
  cut?: 'eof' | 'interrupted';
  /** 0-based line where other output interrupted the value. */
  cutLine?: number;
  /** A value began on a later line than the key (`BackendAddressPoolsText:` then the JSON). */
  started: boolean;
  // JSON scanner state
  depth: number;
  inString: boolean;
  escape: boolean;
  strHasSpace: boolean;
  seen: boolean;
  complete: boolean;
  /** The previous line ended inside a JSON string ('string') or in a literal ('literal'). */
  wrap: false | 'string' | 'literal';
  /** Indent to strip from a wrapped continuation. */
  stripIndent: number;
  /** Trailing whitespace [from, to) of the last piece, held back until we know whether the line wraps. */
  pendFrom: number;
  pendTo: number;
  /** Plain values: whether the value holds a space (prose), to keep one space at wrap points. */
  plainHasSpace: boolean;
}

export interface RawObject {
  props: RawProp[];
  /** Lower-cased keys. */
  keys: Set<string>;
  /** 0-based first and last line. */
  startLine: number;
  endLine: number;
  /** valueCol of the first property: Format-List aligns all of them. */
  valueCol: number;
}

const TEXT_LINE_KEYS = new Set(['tags', 'tagstable']);

function isTextKey(key: string): boolean {
  return key.length > 4 && key.endsWith('Text');
}

/** Scan [a, b) of the original text with the JSON string/depth state of `p`. */
function scanJson(text: string, a: number, b: number, p: RawProp): void {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (p.inString) {
      if (p.escape) p.escape = false;
      else if (c === 92) p.escape = true;
      else if (c === 34) p.inString = false;
      else if (c === SP) p.strHasSpace = true;
    } else if (c === 34) {
      p.inString = true;
      p.strHasSpace = false;
      p.seen = true;
    } else if (c === 123 || c === 91) {
      p.depth++;
      p.seen = true;
    } else if (c === 125 || c === 93) {
      p.depth--;
      p.seen = true;
    } else if (!isWs(c)) p.seen = true;
  }
}

/** Does a value starting at [s, e) begin a JSON document (rather than a `{a, b}` list or a scalar)? */
function looksLikeJsonStart(text: string, s: number, e: number, key: string): boolean {
  const c = text.charCodeAt(s);
  if (c === 91 /* [ */) return true;
  if (isTextKey(key)) {
    // `<X>Text` holds JSON: a document, a string, or a literal (`null`); anything else is shown as it is.
    if (c === 123 || c === 34) return true;
    const word = text.slice(s, e);
    return word === 'null' || word === 'true' || word === 'false' || /^-?\d+(\.\d+)?$/.test(word.length <= 32 ? word : 'x');
  }
  if (c !== 123 /* { */) return false;
  let i = s + 1;
  while (i < e && isWs(text.charCodeAt(i))) i++;
  return i >= e || text.charCodeAt(i) === 34;
}

export interface ScanResult {
  objects: RawObject[];
  lines: Lines;
}

/**
 * Cut the console text into objects. Objects are runs of `Key : value` lines; they end at a blank line
 * (unless a JSON value is still open), a prompt, a WARNING paragraph or other text at column 0.
 */
export function scanObjects(text: string): ScanResult {
  const lines = splitLines(text);
  const { starts, ends } = lines;
  const n = starts.length;
  const objects: RawObject[] = [];
  let obj: RawObject | undefined;
  let prop: RawProp | undefined;
  /** A blank line was seen after the current object's last property. */
  let gap = false;
  /** Inside a WARNING paragraph (noise until a blank line). */
  let warning = false;

  const close = () => {
    if (prop) finishProp(prop);
    if (obj) objects.push(obj);
    obj = undefined;
    prop = undefined;
    gap = false;
  };

  const newProp = (kv: KeyValue, line: number): RawProp => {
    const s = starts[line];
    const p: RawProp = {
      key: kv.key,
      line,
      keyOffset: s,
      valueCol: kv.valueCol,
      mode: 'plain',
      joined: new Joined(text),
      valueOffset: kv.value,
      lastLine: line,
      started: false,
      depth: 0,
      inString: false,
      escape: false,
      strHasSpace: false,
      seen: false,
      complete: false,
      wrap: false,
      stripIndent: kv.valueCol,
      pendFrom: 0,
      pendTo: 0,
      plainHasSpace: false,
    };
    if (kv.value < ends[line]) startValue(p, line, kv.value);
    return p;
  };

  /** The value of `p` starts at offset `at` of line `line`. */
  const startValue = (p: RawProp, line: number, at: number) => {
    const e = ends[line];
    const te = trimEndAt(text, at, e);
    p.started = true;
    p.valueOffset = at;
    p.lastLine = line;
    if (line !== p.line) p.stripIndent = Math.min(p.valueCol, indentOf(text, starts[line], e));
    if (TEXT_LINE_KEYS.has(p.key.toLowerCase())) {
      p.mode = 'lines';
      p.joined.slice(at, te);
      return;
    }
    if (looksLikeJsonStart(text, at, te, p.key)) {
      p.mode = 'json';
      appendJsonPart(p, at, e);
      return;
    }
    p.mode = 'plain';
    p.joined.slice(at, te);
    p.plainHasSpace = text.slice(at, te).includes(' ');
    p.pendFrom = te;
    p.pendTo = e;
  };

  /** Append [a, e) of a line to a JSON value and update the wrap state. */
  const appendJsonPart = (p: RawProp, a: number, e: number) => {
    const te = trimEndAt(text, a, e);
    scanJson(text, a, te, p);
    p.joined.slice(a, te);
    p.pendFrom = te;
    p.pendTo = e;
    if (p.inString) p.wrap = 'string';
    else if (p.depth > 0 && te > a && isLiteralChar(text.charCodeAt(te - 1))) p.wrap = 'literal';
    else p.wrap = false;
    if (p.seen && p.depth <= 0 && !p.inString) p.complete = true;
  };

  /** A further line of an open JSON value. */
  const continueJson = (p: RawProp, line: number) => {
    const s = starts[line];
    const e = ends[line];
    const ind = indentOf(text, s, e);
    if (p.wrap === 'string') {
      // The console cut the line inside a string: join it, dropping the one padding space the console
      // left at the cut (only when the string holds no space itself: ids, names, addresses).
      let from = p.pendFrom;
      if (p.pendTo > from && !p.strHasSpace && text.charCodeAt(from) === SP) from++;
      p.joined.slice(from, p.pendTo);
      const k = Math.min(ind, p.stripIndent);
      appendJsonPart(p, s + k, e);
    } else if (p.wrap === 'literal' && ind <= p.stripIndent && ind < e - s && isLiteralChar(text.charCodeAt(s + ind))) {
      // A number or true/false/null cut in two (the rest sits at the value column, where no JSON line of
      // the value starts): join without the whitespace.
      appendJsonPart(p, s + ind, e);
    } else {
      p.joined.add('\n', e === s ? s : p.pendTo);
      appendJsonPart(p, s, e);
    }
    p.lastLine = line;
  };

  const continuePlain = (p: RawProp, line: number) => {
    const s = starts[line];
    const e = ends[line];
    const ind = indentOf(text, s, e);
    if (p.mode === 'lines') {
      p.joined.add('\n', s);
      p.joined.slice(s + Math.min(ind, p.valueCol), trimEndAt(text, s, e));
      p.lastLine = line;
      return;
    }
    const te = trimEndAt(text, s + ind, e);
    // Ids have no spaces: continue without a separator. A value that holds spaces (prose) keeps one
    // space where the console cut it at a space.
    if (p.plainHasSpace && p.pendTo > p.pendFrom) p.joined.slice(p.pendFrom, p.pendFrom + 1);
    p.joined.slice(s + ind, te);
    if (text.slice(s + ind, te).includes(' ')) p.plainHasSpace = true;
    p.pendFrom = te;
    p.pendTo = e;
    p.lastLine = line;
  };

  const finishProp = (p: RawProp) => {
    if (p.mode === 'json' && !p.complete && !p.cut) p.cut = 'eof';
  };

  /** Is the line at `i` a key line that (with the next line) looks like the start of an object? */
  const startsObject = (i: number): boolean => {
    const j = i + 1;
    if (j >= n) return false;
    const s = starts[j];
    const e = ends[j];
    if (indentOf(text, s, e) === e - s) return false;
    if (indentOf(text, s, e) > 0) return true;
    return matchKeyValue(text, s, e) !== undefined;
  };

  for (let i = 0; i < n; i++) {
    const s = starts[i];
    const e = ends[i];
    const ind = indentOf(text, s, e);
    const blank = ind === e - s;

    // An open JSON value takes every line, blank ones too, until it closes, unless the paste was cut
    // and a new property, a prompt or a warning starts at column 0.
    if (prop && prop.mode === 'json' && !prop.complete) {
      if (blank) continue;
      const atZero = ind === 0;
      let interrupted = false;
      if (atZero && (prop.wrap !== 'string' || prop.stripIndent > 0)) {
        const kv = matchKeyValue(text, s, e);
        interrupted = (kv !== undefined && (prop.wrap !== 'string' || kv.padded))
          || isPromptLine(text, s, e) || isStreamMessage(text, s, e);
      }
      if (!interrupted) {
        continueJson(prop, i);
        if (obj) obj.endLine = i;
        continue;
      }
      prop.cut = 'interrupted';
      prop.cutLine = i;
    }

    if (blank) {
      if (warning) warning = false;
      if (obj) gap = true;
      continue;
    }

    if (ind === 0 && (isPromptLine(text, s, e) || isStreamMessage(text, s, e))) {
      close();
      if (isStreamMessage(text, s, e)) warning = true;
      continue;
    }

    if (isFence(text, s, e)) {
      // Markdown fences around a pasted sample: skip; keep an object waiting for its value.
      if (!(obj && prop && !prop.started)) close();
      continue;
    }

    const kv = ind === 0 ? matchKeyValue(text, s, e) : undefined;

    if (warning) {
      // `Note : Go to https://aka.ms/...` inside a warning is prose; an object starts only where a key
      // line is followed by another key line or a continuation.
      if (!(kv && startsObject(i))) continue;
      warning = false;
    }

    if (kv) {
      const lower = kv.key.toLowerCase();
      const sameObject = obj !== undefined && !obj.keys.has(lower)
        && (!gap || kv.valueCol === obj.valueCol);
      if (!sameObject) {
        close();
        obj = { props: [], keys: new Set(), startLine: i, endLine: i, valueCol: kv.valueCol };
      }
      if (prop) finishProp(prop);
      prop = newProp(kv, i);
      obj!.props.push(prop);
      obj!.keys.add(lower);
      obj!.endLine = prop.lastLine;
      gap = false;
      continue;
    }

    if (obj && prop) {
      const trimmedStart = s + ind;
      const c = text.charCodeAt(trimmedStart);
      if (!prop.started && (c === 91 || c === 123) && (!gap || isTextKey(prop.key) || obj.props.length === 1)) {
        // `BackendAddressPoolsText:` (or `BackendAddressPools :`) with its value on a later line.
        startValue(prop, i, trimmedStart);
        obj.endLine = i;
        gap = false;
        continue;
      }
      if (!gap && ind > 0 && prop.mode !== 'json') {
        if (!prop.started) startValue(prop, i, trimmedStart);
        else continuePlain(prop, i);
        obj.endLine = i;
        continue;
      }
      if (!gap && ind > 0 && prop.mode === 'json') {
        // Text after a finished JSON value: keep it with the value (the JSON parser will say what is wrong).
        prop.complete = false;
        continueJson(prop, i);
        prop.complete = true;
        obj.endLine = i;
        continue;
      }
    }
    // Anything else (a table, a command typed without prompt, prose) is noise between objects.
    close();
  }
  close();
  return { objects, lines };
}
