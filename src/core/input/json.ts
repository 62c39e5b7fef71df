/**
 * JSON with positions. Fast path: JSON.parse. Problems (invalid JSON) come with line, column and an
 * excerpt from jsonc-parser's scanner. Small documents — the hand-pasted fragments where duplicate keys
 * happen (the 502 guide's own `BackendAddressPoolsText` sample has two `ipAddress` keys in one object) —
 * are built by a visitor that keeps every value of a duplicated key under `DUPLICATES`.
 */
import { visit, parse as jsoncParse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { buildLineIndex, excerptAt, lineColumnAt, type LineIndex } from './positions';
import { createPositionLocator } from './locate';
import type { Problem } from '../model/types';

/** Key under which an object keeps every value of a key that appeared more than once. */
export const DUPLICATES = '$duplicates';

/** Deeper nesting than this is refused: no Azure output comes close, and recursion must stay bounded. */
export const MAX_DEPTH = 256;

/** Documents up to this size are built by the duplicate-keeping visitor; larger ones by JSON.parse. */
const VISITOR_LIMIT = 512 * 1024;

export interface JsonDocument {
  value: unknown;
  text: string;
  /** Pointers of objects that had duplicate keys. */
  duplicates: string[];
  lineIndex(): LineIndex;
  /** 1-based line/column of the value at a JSON pointer (the nearest container that is known). */
  locate(pointer: string): { line: number; column: number } | undefined;
}

export type JsonResult = { ok: true; doc: JsonDocument } | { ok: false; problems: Problem[] };

export function escapePointerSegment(s: string | number): string {
  return String(s).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerJoin(base: string, ...segments: (string | number)[]): string {
  let p = base;
  for (const s of segments) p += '/' + escapePointerSegment(s);
  return p;
}

/** Find the deepest nesting and where it first exceeds the limit, without recursion. */
function checkDepth(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}

/** Is every container of the parsed value at most `limit` levels deep? Iterative: the value may be 100 000 deep. */
function withinDepth(root: unknown, limit: number): boolean {
  return typeof root !== 'object' || root === null || depthOk(root, 1, limit);
}

/** Recursion bounded by `limit` (256): cheaper than an explicit stack, and it cannot overflow. */
function depthOk(x: object, d: number, limit: number): boolean {
  if (d > limit) return false;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const y = x[i];
      if (typeof y === 'object' && y !== null && !depthOk(y, d + 1, limit)) return false;
    }
  } else {
    for (const k in x) {
      const y = (x as Record<string, unknown>)[k];
      if (typeof y === 'object' && y !== null && !depthOk(y, d + 1, limit)) return false;
    }
  }
  return true;
}

function problemAt(text: string, index: LineIndex, offset: number, message: string, hint?: string): Problem {
  const { line, column } = lineColumnAt(index, offset);
  return { message, line, column, severity: 'error', excerpt: excerptAt(text, index, line, column), hint };
}

const ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name (in double quotes) was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon was expected',
  CommaExpected: 'a comma was expected',
  CloseBraceExpected: 'a closing } was expected',
  CloseBracketExpected: 'a closing ] was expected',
  EndOfFileExpected: 'the JSON ended but more text follows',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'a comment does not end',
  UnexpectedEndOfString: 'a string does not end (the text may be cut off)',
  UnexpectedEndOfNumber: 'a number does not end',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

export interface ParseJsonOptions {
  /** Name used in messages. */
  name?: string;
  /** Force the duplicate-keeping visitor whatever the size. */
  keepDuplicates?: boolean;
}

export function parseJson(input: string, options: ParseJsonOptions = {}): JsonResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let index: LineIndex | undefined;
  const lineIndex = () => (index ??= buildLineIndex(text));

  const tooDeepProblem = (at: number): JsonResult => ({
    ok: false,
    problems: [
      problemAt(text, lineIndex(), at, `The JSON nests deeper than ${MAX_DEPTH} levels; no Azure output does.`,
        'Paste the output of the command itself (for example Get-AzApplicationGateway … | ConvertTo-Json -Depth 100).'),
    ],
  });

  const useVisitor = options.keepDuplicates || text.length <= VISITOR_LIMIT;
  let value: unknown;
  let duplicates: string[] = [];
  if (useVisitor) {
    // The visitor recurses per level: bound the depth before it runs (cheap at this size).
    const tooDeep = checkDepth(text, MAX_DEPTH);
    if (tooDeep !== undefined) return tooDeepProblem(tooDeep);
    const built = buildWithVisitor(text);
    if (built.errors.length) return { ok: false, problems: syntaxProblems(text, lineIndex(), built.errors) };
    value = built.value;
    duplicates = built.duplicates;
  } else {
    try {
      value = JSON.parse(text);
    } catch {
      // Some engines' JSON.parse recurses and fails on deep nesting: say so rather than "invalid".
      const tooDeep = checkDepth(text, MAX_DEPTH);
      if (tooDeep !== undefined) return tooDeepProblem(tooDeep);
      const errors: ParseError[] = [];
      jsoncParse(text, errors, { allowTrailingComma: false, disallowComments: true });
      return { ok: false, problems: syntaxProblems(text, lineIndex(), errors) };
    }
    // Scanning the text for depth costs as much as JSON.parse; walking the parsed value costs a few percent
    // of it. Only when that finds a too-deep value is the text scanned, for the line and column.
    if (!withinDepth(value, MAX_DEPTH)) return tooDeepProblem(checkDepth(text, MAX_DEPTH) ?? 0);
  }

  let finder: ((pointer: string) => { offset: number; line: number } | undefined) | undefined;
  // A report asks for the same pointer several times (a finding's source and its evidence).
  const located = new Map<string, { line: number; column: number } | undefined>();
  const doc: JsonDocument = {
    value,
    text,
    duplicates,
    lineIndex,
    locate(pointer: string) {
      if (located.has(pointer)) {
        const hit = located.get(pointer);
        return hit && { ...hit };
      }
      // The locator counts lines as it scans (no line index of the whole text is built).
      finder ??= createPositionLocator(text);
      const at = finder(pointer);
      const lineStart = at && at.offset > 0 ? text.lastIndexOf('\n', at.offset - 1) + 1 : 0;
      const result = at && { line: at.line, column: at.offset - lineStart + 1 };
      located.set(pointer, result);
      return result && { ...result };
    },
  };
  return { ok: true, doc };
}

function syntaxProblems(text: string, index: LineIndex, errors: ParseError[]): Problem[] {
  if (!errors.length) errors = [{ error: 4 /* ValueExpected */, offset: 0, length: 0 }];
  const first = errors[0];
  const code = printParseErrorCode(first.error);
  const truncated = first.offset >= text.trimEnd().length;
  const what = ERROR_WORDS[code] ?? code;
  const message = truncated
    ? `The JSON ends too early (${what}): the text looks cut off.`
    : `Invalid JSON: ${what}.`;
  const hint = truncated
    ? 'Copy the whole output again, or save it to a file (… | ConvertTo-Json -Depth 100 | Out-File gw.json) and drop the file.'
    : 'Paste the command output unchanged; for PowerShell use ConvertTo-Json -Depth 100.';
  return [problemAt(text, index, Math.min(first.offset, text.length), message, hint)];
}

interface Built {
  value: unknown;
  errors: ParseError[];
  duplicates: string[];
}

/** Build the value with jsonc-parser's visitor (iterative over our own stack), keeping duplicate keys. */
function buildWithVisitor(text: string): Built {
  type Frame = { container: any; pointer: string; key?: string; isArray: boolean; dupKeys?: Set<string> };
  const stack: Frame[] = [];
  const errors: ParseError[] = [];
  const duplicates: string[] = [];
  let root: unknown;
  let pendingKey: string | undefined;

  const childPointer = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.pointer + '/' + escapePointerSegment(top.isArray ? top.container.length : pendingKey ?? '');
  };
  const place = (v: unknown) => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = v;
      return;
    }
    if (top.isArray) {
      top.container.push(v);
      return;
    }
    const key = pendingKey ?? '';
    const obj = top.container;
    if (Object.prototype.hasOwnProperty.call(obj, key)) {
      let dup = obj[DUPLICATES] as Record<string, unknown[]> | undefined;
      if (!dup) {
        // No prototype: a duplicated "__proto__" key must be data like any other.
        dup = Object.create(null) as Record<string, unknown[]>;
        Object.defineProperty(obj, DUPLICATES, { value: dup, enumerable: false, writable: true, configurable: true });
        duplicates.push(top.pointer);
      }
      if (!Object.prototype.hasOwnProperty.call(dup, key)) dup[key] = [obj[key]];
      dup[key].push(v);
    } else if (key === '__proto__') {
      Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
    } else obj[key] = v;
  };

  visit(
    text,
    {
      onObjectBegin() {
        const pointer = childPointer();
        const obj = {};
        place(obj);
        stack.push({ container: obj, pointer, isArray: false });
        pendingKey = undefined;
      },
      onObjectProperty(property) {
        pendingKey = property;
      },
      onObjectEnd() {
        stack.pop();
      },
      onArrayBegin() {
        const pointer = childPointer();
        const arr: unknown[] = [];
        place(arr);
        stack.push({ container: arr, pointer, isArray: true });
      },
      onArrayEnd() {
        stack.pop();
      },
      onLiteralValue(value) {
        place(value);
      },
      onError(error, offset, length) {
        errors.push({ error, offset, length });
      },
    },
    { allowTrailingComma: false, disallowComments: true },
  );
  return { value: root, errors, duplicates };
}
