/**
 * ps-text: the raw console output (Format-List) of `Get-AzApplicationGateway` and related Az cmdlets,
 * turned back into JSON values shaped like `... | ConvertTo-Json` output (PascalCase).
 *
 * - Objects are runs of `Key : value` lines (see ps-text-scan.ts for the cutting and the unwrapping).
 * - `<X>Text` properties hold JSON: parsed (duplicate keys kept) and stored under `<X>`; they win over
 *   the `{a, b}` name lists, which only name the items (LostPart when nothing better exists).
 * - .NET type names (`Microsoft.Azure.Commands.Network.Models.PSApplicationGatewaySku`) stand for nested
 *   objects the console did not show: LostPart, never a guess.
 * - `locate(pointer)` maps a pointer into the rebuilt value back to the user's line and column.
 *
 * Never throws on any input; linear in the size of the text.
 */
import { parseJson, escapePointerSegment, DUPLICATES, type JsonDocument } from '../json';
import { buildLineIndex, excerptAt, lineColumnAt, type LineIndex } from '../positions';
import type { ParsedUnit } from '../parsed';
import type { LostPart, Problem, Severity } from '../../model/types';
import { scanObjects, matchKeyValue, indentOf, isPromptLine, type Lines, type RawObject, type RawProp } from './ps-text-scan';
import { scanRouteTables } from './ps-text-table';

export type PsTextKind =
  | 'gateway'
  | 'vnet'
  | 'subnet'
  | 'nsg'
  | 'route-table'
  | 'public-ip'
  | 'nic'
  | 'backend-health'
  | 'effective-nsg'
  | 'effective-routes'
  | 'unknown';

export interface PsTextBlock extends ParsedUnit {
  kind: PsTextKind;
  /** 1-based first and last line of the object in the pasted text. */
  startLine: number;
  endLine: number;
  name?: string;
}

export interface PsTextResult {
  blocks: PsTextBlock[];
  /** Every problem found, those of the blocks included (each block also lists its own in `problems`). */
  problems: Problem[];
}

type Obj = Record<string, unknown>;
type Loc = { line: number; column: number };
/** Locates a pointer below one top-level key ('' for the key itself). */
type Locator = (rest: string) => Loc | undefined;

const TYPE_NAME_PREFIXES = ['Microsoft.Azure.', 'Microsoft.Rest.', 'System.'];

function isTypeName(s: string): boolean {
  if (!TYPE_NAME_PREFIXES.some((p) => s.startsWith(p))) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 34 || c === 123 || c === 125) return false;
  }
  return true;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function camel(key: string): string {
  return key ? key[0].toLowerCase() + key.slice(1) : key;
}

function unescapeSegment(s: string): string {
  return s.indexOf('~') === -1 ? s : s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/a/b~1c` → ['a', 'b/c']. */
function splitPointer(p: string): string[] {
  if (!p) return [];
  return p.slice(1).split('/').map(unescapeSegment);
}

// ------------------------------------------------------------------------------------------ detection

/** Keys of Az objects that are lists of strings, not of named sub-resources. */
const STRING_LIST_KEYS = new Set([
  'zones', 'addressprefix', 'addressprefixes', 'nexthopipaddress', 'dnsservers', 'applieddnsservers',
  'internaldnsnamelabel', 'hostnames', 'sourceaddressprefixes', 'destinationaddressprefixes',
  'sourceportranges', 'destinationportranges', 'expandedsourceaddressprefix', 'expandeddestinationaddressprefix',
]);

/** Keys whose `{}` is an empty object rather than an empty list. */
const OBJECT_KEYS = new Set(['tag', 'tags', 'tagmap', 'dhcpoptions', 'addressspace', 'sku', 'identity', 'sslpolicy']);

const TEXT_ALIASES: Record<string, string> = {
  backendhttpsettingslist: 'BackendHttpSettingsCollection',
  privatelinkendpointconnections: 'PrivateEndpointConnections',
};

/**
 * Score 0..1: how much the text looks like Format-List console output of Az cmdlets. Looks at the first
 * 256 KB only.
 */
export function looksLikePsText(text: string): number {
  try {
    return score(text.length > 262144 ? text.slice(0, 262144) : text);
  } catch {
    return 0;
  }
}

function score(text: string): number {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let firstChar = '';
  for (let i = 0; i < t.length && i < 4096; i++) {
    const c = t[i];
    if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') {
      firstChar = c;
      break;
    }
  }
  let colZero = 0;
  let kvLines = 0;
  let aligned = 0;
  let textKeys = 0;
  let typeNames = 0;
  let prompts = 0;
  const known = new Set<string>();
  let prevValueCol = -1;
  let routeTable = false;
  let prevS = 0;
  let prevE = 0;
  let s = 0;
  while (s <= t.length) {
    const nl = t.indexOf('\n', s);
    let e = nl === -1 ? t.length : nl;
    if (e > s && t.charCodeAt(e - 1) === 13) e--;
    const ind = indentOf(t, s, e);
    if (ind < e - s) {
      if (ind === 0) {
        colZero++;
        if (isPromptLine(t, s, e)) prompts++;
        const kv = matchKeyValue(t, s, e);
        if (kv) {
          kvLines++;
          if (kv.padded && kv.valueCol === prevValueCol) aligned++;
          prevValueCol = kv.padded ? kv.valueCol : -1;
          const v0 = t.charCodeAt(kv.value);
          if (kv.key.length > 4 && kv.key.endsWith('Text') && (kv.value >= e || v0 === 91 || v0 === 123 || t.startsWith('null', kv.value))) textKeys++;
          if (t.startsWith('Microsoft.Azure.Commands.Network.Models.', kv.value)) typeNames++;
          const k = kv.key.toLowerCase();
          if (k === 'provisioningstate' || k === 'resourcegroupname' || k === 'etag' || k === 'resourceguid') known.add(k);
          else if (k === 'id' && t.startsWith('/subscriptions/', kv.value)) known.add(k);
          else if (k === 'type' && t.startsWith('Microsoft.Network/', kv.value)) known.add(k);
        } else prevValueCol = -1;
        // The table form of Get-AzEffectiveRouteTable: a header naming NextHopType over a line of dashes.
        if (!routeTable && t.charCodeAt(s) === 45 && isDashLine(t, s, e)) {
          const header = t.slice(prevS, prevE);
          if (header.includes('NextHopType') && header.includes('AddressPrefix')) routeTable = true;
        }
      }
    }
    prevS = s;
    prevE = e;
    if (nl === -1) break;
    s = nl + 1;
  }
  const ratio = kvLines / Math.max(1, colZero);
  let sc = 0;
  if (aligned >= 1) sc += 0.35 + 0.25 * ratio;
  else sc += 0.1 * ratio;
  if (textKeys > 0) sc += 0.45;
  if (typeNames > 0) sc += 0.1;
  sc += Math.min(0.2, known.size * 0.05);
  if (prompts > 0 && kvLines > 0) sc += 0.05;
  if (routeTable) sc += 0.7;
  if (firstChar === '{' || firstChar === '[') sc *= 0.2;
  return Math.max(0, Math.min(1, Math.round(sc * 1000) / 1000));
}

function isDashLine(t: string, s: number, e: number): boolean {
  let runs = 0;
  let prevDash = false;
  for (let i = s; i < e; i++) {
    const c = t.charCodeAt(i);
    if (c === 45) {
      if (!prevDash) runs++;
      prevDash = true;
    } else if (c === 32) prevDash = false;
    else return false;
  }
  return runs >= 3;
}

// ------------------------------------------------------------------------------------------ parse

interface Ctx {
  text: string;
  lines: Lines;
  index: LineIndex;
}

interface PendingLost {
  part: string;
  /** Builds the reason once the cmdlet (from the kind) is known. */
  reason: (cmd: string) => string;
}

interface BuiltObject {
  value: Obj;
  locators: Map<string, Locator>;
  lost: PendingLost[];
  problems: Problem[];
  startLine: number;
  endLine: number;
  keyLoc: Loc;
}

function locAt(ctx: Ctx, offset: number): Loc {
  return lineColumnAt(ctx.index, offset);
}

function problemAt(ctx: Ctx, offset: number, message: string, severity: Severity, hint?: string): Problem {
  const { line, column } = locAt(ctx, offset);
  const p: Problem = { message, line, column, severity, excerpt: excerptAt(ctx.text, ctx.index, line, column) };
  if (hint) p.hint = hint;
  return p;
}

/** The value of one property, before keys are merged. */
interface PropValue {
  prop: RawProp;
  /** 'json': parsed (doc set). 'bad': JSON that could not be read. 'plain': value below. 'none': empty. */
  state: 'json' | 'bad' | 'plain' | 'none';
  doc?: JsonDocument;
  value?: unknown;
  names?: BraceList;
  typeName?: string;
}

interface BraceList {
  items: string[];
  /** Original offsets of the items. */
  offsets: number[];
  truncated: boolean;
  raw: string;
}

/** `{a, b, c...}` → items (offsets into the joined text). */
function parseBraceList(s: string): { items: string[]; at: number[]; truncated: boolean } | undefined {
  if (s.length < 2 || s[0] !== '{' || s[s.length - 1] !== '}') return undefined;
  const items: string[] = [];
  const at: number[] = [];
  let depth = 0;
  let start = 1;
  const push = (a: number, b: number) => {
    let x = a;
    let y = b;
    while (x < y && s[x] === ' ') x++;
    while (y > x && s[y - 1] === ' ') y--;
    if (y > x) {
      items.push(s.slice(x, y));
      at.push(x);
    }
  };
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === ',' && depth === 0) {
      push(start, i);
      start = i + 1;
    }
  }
  push(start, s.length - 1);
  let truncated = false;
  if (items.length) {
    const last = items[items.length - 1];
    if (last.endsWith('...') || last.endsWith('…')) {
      truncated = true;
      const cut = last.replace(/(\.\.\.|…)$/, '');
      if (cut) items[items.length - 1] = cut;
      else {
        items.pop();
        at.pop();
      }
    }
  }
  return { items, at, truncated };
}

function plainScalar(key: string, s: string): unknown {
  if (s === '') return null;
  if (s === 'null') return null;
  if (s === 'True' || s === 'true') return true;
  if (s === 'False' || s === 'false') return false;
  const k = key.toLowerCase();
  if (s.length <= 15 && /^-?\d+$/.test(s) && k !== 'name' && k !== 'id' && k !== 'etag') return Number(s);
  return s;
}

/** Map a 1-based line/column of a joined JSON text to the original. */
function joinedToOriginal(ctx: Ctx, prop: RawProp, jIndex: LineIndex, line: number, column: number): Loc {
  const start = jIndex.starts[line - 1] ?? prop.joined.length;
  return locAt(ctx, prop.joined.toOriginal(start + column - 1));
}

function valueOf(ctx: Ctx, prop: RawProp, problems: Problem[]): PropValue {
  const joinedText = prop.joined.text();
  const keyLine = prop.line + 1;
  if (prop.mode === 'json') {
    if (prop.cut) {
      const endOff = ctx.lines.ends[prop.lastLine];
      const msg = prop.cut === 'eof'
        ? `The paste ends inside ${prop.key} (which starts on line ${keyLine}): its JSON is not closed, so the copy looks cut off.`
        : `${prop.key} (from line ${keyLine}) is not closed before line ${(prop.cutLine ?? prop.lastLine + 1) + 1}, where other output starts: part of the copy is missing.`;
      problems.push(problemAt(ctx, endOff, msg, 'error',
        'Copy the whole console output again (or save it with … | Out-File gw.txt and drop the file); ' +
        'better still, paste … | ConvertTo-Json -Depth 100.'));
      return { prop, state: 'bad' };
    }
    if (joinedText.trim() === '') return { prop, state: 'none' };
    const r = parseJson(joinedText, { keepDuplicates: true, name: prop.key });
    if (!r.ok) {
      const jIndex = buildLineIndex(joinedText);
      for (const p of r.problems) {
        const loc = p.line > 0 ? joinedToOriginal(ctx, prop, jIndex, p.line, p.column) : locAt(ctx, prop.valueOffset);
        problems.push({
          message: `${prop.key} (from line ${keyLine}): ${p.message}`,
          line: loc.line,
          column: loc.column,
          severity: 'error',
          excerpt: excerptAt(ctx.text, ctx.index, loc.line, loc.column),
          hint: 'The console text was changed or cut while copying: copy the whole console output again, ' +
            'or paste … | ConvertTo-Json -Depth 100 instead.',
        });
      }
      return { prop, state: 'bad' };
    }
    const doc = r.doc;
    if (doc.duplicates.length) {
      const first = doc.duplicates[0];
      const keys = duplicateKeys(doc.value, first);
      const loc = locateInDoc(ctx, prop, doc, first) ?? locAt(ctx, prop.keyOffset);
      const more = doc.duplicates.length > 1 ? ` (and ${doc.duplicates.length - 1} more object${doc.duplicates.length > 2 ? 's' : ''})` : '';
      problems.push({
        message: `${prop.key}: an object had duplicate keys (${keys.join(', ')} at ${first || '/'})${more}; every value is kept.`,
        line: loc.line,
        column: loc.column,
        severity: 'warning',
        excerpt: excerptAt(ctx.text, ctx.index, loc.line, loc.column),
        hint: 'JSON allows one value per key: check which value is really configured (Get-AzApplicationGateway … | ConvertTo-Json -Depth 100).',
      });
    }
    return { prop, state: 'json', doc, value: doc.value };
  }
  if (prop.mode === 'lines') {
    return { prop, state: 'plain', value: parseTagsTable(joinedText) };
  }
  const s = joinedText.trim();
  if (s === '') return { prop, state: 'none', value: null };
  const list = parseBraceList(s);
  if (list) {
    const lead = joinedText.length - joinedText.trimStart().length;
    return {
      prop,
      state: 'plain',
      names: {
        items: list.items,
        offsets: list.at.map((a) => prop.joined.toOriginal(a + lead)),
        truncated: list.truncated,
        raw: s,
      },
    };
  }
  if (isTypeName(s)) return { prop, state: 'plain', typeName: s };
  return { prop, state: 'plain', value: plainScalar(prop.key, s) };
}

function duplicateKeys(root: unknown, pointer: string): string[] {
  let v: unknown = root;
  for (const seg of splitPointer(pointer)) {
    if (Array.isArray(v)) v = v[Number(seg)];
    else if (isObj(v)) v = v[seg];
    else return [];
  }
  if (!isObj(v)) return [];
  const dup = (v as Record<string, unknown>)[DUPLICATES];
  return isObj(dup) ? Object.keys(dup) : [];
}

function locateInDoc(ctx: Ctx, prop: RawProp, doc: JsonDocument, pointer: string): Loc | undefined {
  const l = doc.locate(pointer);
  if (!l) return undefined;
  return joinedToOriginal(ctx, prop, doc.lineIndex(), l.line, l.column);
}

/** The `Tags` table: `Name  Value` / `====  =====` / rows → { name: value }. */
function parseTagsTable(s: string): Obj | null {
  const rows = s.split('\n');
  const out: Obj = {};
  let seenRule = false;
  let any = false;
  for (const row of rows) {
    const r = row.trim();
    if (!r) continue;
    if (!seenRule) {
      if (/^=+(\s+=+)*$/.test(r)) seenRule = true;
      continue;
    }
    const m = /^(\S+)\s+(.*)$/.exec(r);
    if (m) out[m[1]] = m[2];
    else out[r] = '';
    any = true;
  }
  if (!seenRule) return s.trim() === '' ? null : ({ text: s } as Obj);
  return any ? out : {};
}

/** Locator of a property kept as a plain value or a name list. */
function plainLocator(ctx: Ctx, pv: PropValue): Locator {
  const keyLoc = locAt(ctx, pv.prop.keyOffset);
  return (rest) => {
    if (!rest || !pv.names) return rest ? locAt(ctx, pv.prop.valueOffset) : keyLoc;
    const i = Number(splitPointer(rest)[0]);
    const off = pv.names.offsets[i];
    return off !== undefined ? locAt(ctx, off) : keyLoc;
  };
}

function jsonLocator(ctx: Ctx, pv: PropValue): Locator {
  const keyLoc = locAt(ctx, pv.prop.keyOffset);
  return (rest) => {
    if (!rest) return keyLoc;
    return (pv.doc && locateInDoc(ctx, pv.prop, pv.doc, rest)) ?? keyLoc;
  };
}

function namesOf(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: string[] = [];
  for (const it of v) {
    if (!isObj(it)) return undefined;
    const n = it.Name ?? it.name;
    if (typeof n !== 'string') return undefined;
    out.push(n);
  }
  return out;
}

function buildObject(ctx: Ctx, raw: RawObject): BuiltObject {
  const problems: Problem[] = [];
  const lost: PendingLost[] = [];
  const value: Obj = {};
  const locators = new Map<string, Locator>();
  const pvs = raw.props.map((p) => valueOf(ctx, p, problems));

  // Group a `<X>Text` property with its `<X>` property (case-insensitively, with a few renames).
  const plainByKey = new Map<string, PropValue>();
  for (const pv of pvs) if (!isTextProp(pv.prop.key)) plainByKey.set(pv.prop.key.toLowerCase(), pv);
  interface Group { key: string; text?: PropValue; plain?: PropValue }
  const groups = new Map<string, Group>();
  for (const pv of pvs) {
    let key = pv.prop.key;
    let isText = false;
    if (isTextProp(key)) {
      const base = key.slice(0, -4);
      const alias = TEXT_ALIASES[base.toLowerCase()];
      const target = alias ?? base;
      const plain = plainByKey.get(target.toLowerCase());
      key = plain ? plain.prop.key : target;
      isText = true;
    }
    const lower = key.toLowerCase();
    let g = groups.get(lower);
    if (!g) {
      g = { key };
      groups.set(lower, g);
    }
    if (isText) g.text = pv;
    else g.plain = pv;
  }

  for (const g of groups.values()) {
    const { key, text, plain } = g;
    const part = camel(key);
    if (text && text.state === 'json') {
      const tv = text.value;
      const names = plain?.names;
      if (Array.isArray(tv) && tv.length === 0 && names && names.items.length > 0 && !allTypeNames(names.items)) {
        problems.push(problemAt(ctx, text.prop.keyOffset,
          `${text.prop.key} is [] but ${plain!.prop.key} (line ${plain!.prop.line + 1}) names ${names.items.length} item${names.items.length > 1 ? 's' : ''} (${names.raw}): the paste contradicts itself. The names are kept; their settings are unknown.`,
          'warning', 'Paste … | ConvertTo-Json -Depth 100 for the full configuration.'));
        putNames(ctx, value, locators, lost, key, plain!);
        continue;
      }
      if (names && names.items.length && !names.truncated && !allTypeNames(names.items)) {
        const tn = namesOf(tv);
        if (tn && (tn.length !== names.items.length || tn.some((n, i) => n !== names.items[i]))) {
          problems.push(problemAt(ctx, text.prop.keyOffset,
            `${plain!.prop.key} names ${names.raw} but ${text.prop.key} holds ${tn.length ? '{' + tn.join(', ') + '}' : 'no item'}: the paste contradicts itself; ${text.prop.key} is used.`,
            'warning'));
        }
      }
      value[key] = tv;
      locators.set(key, jsonLocator(ctx, text));
      continue;
    }
    if (text && text.state === 'none' && !plain) {
      value[key] = null;
      locators.set(key, plainLocator(ctx, text));
      continue;
    }
    const src = plain ?? text!;
    if (src === text && text.state === 'bad') {
      lost.push({ part, reason: (cmd) => `${text.prop.key} (line ${text.prop.line + 1}) could not be read (see the problem there); paste ${cmd} | ConvertTo-Json -Depth 100 for the full configuration.` });
      continue;
    }
    if (src.state === 'json') {
      value[key] = src.value;
      locators.set(key, jsonLocator(ctx, src));
      continue;
    }
    if (src.state === 'bad') {
      lost.push({ part, reason: (cmd) => `${src.prop.key} (line ${src.prop.line + 1}) could not be read (see the problem there); paste ${cmd} | ConvertTo-Json -Depth 100 for the full configuration.` });
      continue;
    }
    const textBad = text && text.state === 'bad' ? ` (${text.prop.key} on line ${text.prop.line + 1} could not be read)` : '';
    if (src.names) {
      const lower = key.toLowerCase();
      if (src.names.items.length === 0) {
        value[key] = OBJECT_KEYS.has(lower) ? {} : [];
      } else if (allTypeNames(src.names.items)) {
        lost.push({ part, reason: (cmd) => `the console shows only the type name (${src.names!.items[0]})${textBad}; paste ${cmd} | ConvertTo-Json -Depth 100 for the full configuration.` });
        continue;
      } else if (lower === 'tag' || lower === 'tags' || lower === 'tagmap') {
        value[key] = tagObject(src.names.items);
      } else if (STRING_LIST_KEYS.has(lower)) {
        value[key] = src.names.items.slice();
        if (src.names.truncated) {
          lost.push({ part, reason: (cmd) => `the console shows only the first items (${src.names!.raw}); paste ${cmd} | ConvertTo-Json -Depth 100 for the whole list.` });
        }
      } else {
        putNames(ctx, value, locators, lost, key, src, textBad);
        continue;
      }
      locators.set(key, plainLocator(ctx, src));
      continue;
    }
    if (src.typeName) {
      const lower = key.toLowerCase();
      if (lower === 'sku' && /ApplicationGatewaySku$/.test(src.typeName)) {
        lost.push({ part: 'sku', reason: (cmd) => `The SKU is unknown in this paste: this Az version prints Sku only as its type name (${src.typeName}) and no SkuText${textBad}. Paste ${cmd} | ConvertTo-Json -Depth 100 to include it.` });
      } else {
        lost.push({ part, reason: (cmd) => `the console shows only the type name (${src.typeName})${textBad}; paste ${cmd} | ConvertTo-Json -Depth 100 for the full configuration.` });
      }
      continue;
    }
    value[key] = src.value ?? null;
    locators.set(key, plainLocator(ctx, src));
  }

  const first = raw.props[0];
  return {
    value,
    locators,
    lost,
    problems,
    startLine: raw.startLine + 1,
    endLine: raw.endLine + 1,
    keyLoc: locAt(ctx, first.keyOffset),
  };
}

function isTextProp(key: string): boolean {
  return key.length > 4 && key.endsWith('Text');
}

function allTypeNames(items: string[]): boolean {
  return items.length > 0 && items.every(isTypeName);
}

function tagObject(items: string[]): Obj {
  const out: Obj = {};
  for (const it of items) {
    const m = /^\[([^,\]]*),\s*(.*)\]$/.exec(it);
    if (m) out[m[1].trim()] = m[2].trim();
    else out[it] = '';
  }
  return out;
}

function putNames(ctx: Ctx, value: Obj, locators: Map<string, Locator>, lost: PendingLost[], key: string, pv: PropValue, note = ''): void {
  const names = pv.names!;
  value[key] = names.items.map((n) => ({ Name: n }));
  locators.set(key, plainLocator(ctx, pv));
  const shown = names.raw;
  lost.push({
    part: camel(key),
    reason: (cmd) => names.truncated
      ? `the console shows only the first names (${shown})${note}; paste ${cmd} | ConvertTo-Json -Depth 100 for the full configuration`
      : `the console shows only the names (${shown})${note}; paste ${cmd} | ConvertTo-Json -Depth 100 for the full configuration`,
  });
}

// ------------------------------------------------------------------------------------------ kinds

const ID_KINDS: [RegExp, PsTextKind][] = [
  [/\/providers\/Microsoft\.Network\/applicationGateways\/[^/]+$/i, 'gateway'],
  [/\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i, 'subnet'],
  [/\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i, 'vnet'],
  [/\/providers\/Microsoft\.Network\/networkSecurityGroups\/[^/]+$/i, 'nsg'],
  [/\/providers\/Microsoft\.Network\/routeTables\/[^/]+$/i, 'route-table'],
  [/\/providers\/Microsoft\.Network\/publicIPAddresses\/[^/]+$/i, 'public-ip'],
  [/\/providers\/Microsoft\.Network\/networkInterfaces\/[^/]+$/i, 'nic'],
];

const TYPE_KINDS: Record<string, PsTextKind> = {
  'microsoft.network/applicationgateways': 'gateway',
  'microsoft.network/virtualnetworks': 'vnet',
  'microsoft.network/virtualnetworks/subnets': 'subnet',
  'microsoft.network/networksecuritygroups': 'nsg',
  'microsoft.network/routetables': 'route-table',
  'microsoft.network/publicipaddresses': 'public-ip',
  'microsoft.network/networkinterfaces': 'nic',
};

const GATEWAY_KEYS = [
  'httplisteners', 'requestroutingrules', 'backendhttpsettingscollection', 'frontendports', 'gatewayipconfigurations',
  'frontendipconfigurations', 'urlpathmaps', 'sslcertificates', 'probes', 'redirectconfigurations', 'rewriterulesets',
  'listeners', 'routingrules', 'backendaddresspools', 'webapplicationfirewallconfiguration',
];

function getCi(o: Obj, lower: string): unknown {
  for (const k in o) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

export function detectKind(v: Obj): PsTextKind {
  const keys = new Set(Object.keys(v).map((k) => k.toLowerCase()));
  const has = (k: string) => keys.has(k);
  const type = getCi(v, 'type');
  const typeKind = typeof type === 'string' ? TYPE_KINDS[type.toLowerCase()] : undefined;
  if (has('effectivesecurityrules')) return 'effective-nsg';
  if (has('nexthoptype') && (has('addressprefix') || has('state') || has('source'))) return 'effective-routes';
  if (typeKind) return typeKind;
  const pools = getCi(v, 'backendaddresspools');
  if (Array.isArray(pools) && !has('httplisteners') && !has('listeners')) {
    const health = pools.some((p) => {
      if (!isObj(p)) return false;
      const settings = getCi(p, 'backendhttpsettingscollection');
      return Array.isArray(settings) && settings.some((s) => isObj(s) && getCi(s, 'servers') !== undefined);
    });
    if (health) return 'backend-health';
  }
  let hits = 0;
  for (const k of GATEWAY_KEYS) if (has(k)) hits++;
  if (hits >= 2) return 'gateway';
  if (has('addressspace') || has('dhcpoptions') || has('virtualnetworkpeerings')) return 'vnet';
  if (has('publicipallocationmethod') || (has('ipaddress') && has('publicipaddressversion'))) return 'public-ip';
  if (has('securityrules') || has('defaultsecurityrules')) return 'nsg';
  if (has('routes') || has('disablebgproutepropagation')) return 'route-table';
  if (has('macaddress') || (has('ipconfigurations') && (has('enableipforwarding') || has('enableacceleratednetworking') || has('virtualmachine')))) return 'nic';
  const id = getCi(v, 'id');
  if (has('addressprefix') && (has('ipconfigurations') || has('networksecuritygroup') || has('routetable') || has('delegations')
    || has('serviceendpoints') || has('privateendpointnetworkpolicies') || (typeof id === 'string' && /\/subnets\//i.test(id)))) return 'subnet';
  if (typeof id === 'string') for (const [re, kind] of ID_KINDS) if (re.test(id)) return kind;
  return 'unknown';
}

function cmdletFor(kind: PsTextKind, v: Obj): string {
  const name = getCi(v, 'name');
  const rg = getCi(v, 'resourcegroupname');
  const args = (typeof name === 'string' && name ? ` -Name ${name}` : ' -Name <name>') +
    (typeof rg === 'string' && rg ? ` -ResourceGroupName ${rg}` : ' -ResourceGroupName <group>');
  switch (kind) {
    case 'gateway': return `Get-AzApplicationGateway${args}`;
    case 'vnet': return `Get-AzVirtualNetwork${args}`;
    case 'subnet': return 'Get-AzVirtualNetworkSubnetConfig -Name <subnet> -VirtualNetwork $vnet';
    case 'nsg': return `Get-AzNetworkSecurityGroup${args}`;
    case 'route-table': return `Get-AzRouteTable${args}`;
    case 'public-ip': return `Get-AzPublicIpAddress${args}`;
    case 'nic': return `Get-AzNetworkInterface${args}`;
    case 'backend-health': return 'Get-AzApplicationGatewayBackendHealth -Name <gateway> -ResourceGroupName <group>';
    case 'effective-nsg': return 'Get-AzEffectiveNetworkSecurityGroup -NetworkInterfaceName <nic> -ResourceGroupName <group>';
    case 'effective-routes': return 'Get-AzEffectiveRouteTable -NetworkInterfaceName <nic> -ResourceGroupName <group>';
    default: return 'the command';
  }
}

// ------------------------------------------------------------------------------------------ blocks

function makeLocate(built: { locators: Map<string, Locator>; keyLoc: Loc; value: Obj }): (pointer: string) => Loc | undefined {
  return (pointer: string) => {
    if (!pointer || pointer === '/') return built.keyLoc;
    const slash = pointer.indexOf('/', 1);
    const head = unescapeSegment(slash === -1 ? pointer.slice(1) : pointer.slice(1, slash));
    const rest = slash === -1 ? '' : pointer.slice(slash);
    let loc = built.locators.get(head);
    if (!loc) {
      const lower = head.toLowerCase();
      for (const [k, l] of built.locators) {
        if (k.toLowerCase() === lower) {
          loc = l;
          break;
        }
      }
    }
    if (!loc) return undefined;
    return loc(rest) ?? loc('');
  };
}

function finishLost(lost: PendingLost[], cmd: string): LostPart[] {
  return lost.map((l) => ({ part: l.part, reason: l.reason(cmd) }));
}

function blockOf(built: BuiltObject): PsTextBlock {
  const kind = detectKind(built.value);
  const name = getCi(built.value, 'name');
  const block: PsTextBlock = {
    kind,
    value: built.value,
    locate: makeLocate(built),
    startLine: built.startLine,
    endLine: built.endLine,
  };
  if (typeof name === 'string' && name) block.name = name;
  const lost = finishLost(built.lost, cmdletFor(kind, built.value));
  if (lost.length) block.lost = lost;
  if (built.problems.length) block.problems = built.problems;
  return block;
}

/** Consecutive Format-List route objects of Get-AzEffectiveRouteTable → one block `{ value: [...] }`. */
function routesBlock(objs: BuiltObject[]): PsTextBlock {
  const routes: Obj[] = [];
  const lost: LostPart[] = [];
  const problems: Problem[] = [];
  for (const b of objs) {
    const r: Obj = {};
    for (const k of Object.keys(b.value)) {
      const v = b.value[k];
      if (k.toLowerCase() === 'name' && (v === null || v === '')) continue;
      r[k] = v;
    }
    routes.push(r);
    problems.push(...b.problems);
    for (const l of finishLost(b.lost, cmdletFor('effective-routes', b.value))) {
      if (!lost.some((x) => x.part === l.part)) lost.push(l);
    }
  }
  const block: PsTextBlock = {
    kind: 'effective-routes',
    value: { value: routes },
    startLine: objs[0].startLine,
    endLine: objs[objs.length - 1].endLine,
    locate(pointer: string) {
      const segs = splitPointer(pointer);
      if (segs.length < 2 || segs[0].toLowerCase() !== 'value') return objs[0].keyLoc;
      const b = objs[Number(segs[1])];
      if (!b) return undefined;
      const rest = segs.slice(2).map((s) => '/' + escapePointerSegment(s)).join('');
      return makeLocate(b)(rest);
    },
  };
  if (lost.length) block.lost = lost;
  if (problems.length) block.problems = problems;
  return block;
}

/** Split console text of Az cmdlets into objects and rebuild each as a JSON value. Never throws. */
export function parsePsText(text: string): PsTextResult {
  try {
    return parse(text);
  } catch (e) {
    return {
      blocks: [],
      problems: [{
        message: `The console text could not be read (${(e as Error)?.message ?? e}). Please report it with the input.`,
        line: 0,
        column: 0,
        severity: 'error',
        hint: 'Paste … | ConvertTo-Json -Depth 100 instead.',
      }],
    };
  }
}

function parse(text: string): PsTextResult {
  const { objects, lines } = scanObjects(text);
  const ctx: Ctx = { text, lines, index: { starts: lines.starts } };
  const entries: { line: number; block?: PsTextBlock; route?: BuiltObject }[] = [];

  for (const raw of objects) {
    // A lone `Note: something` in prose is not an object; a lone `XText:` with JSON is (the guide's fragment).
    if (raw.props.length < 2 && !raw.props.some((p) => p.mode === 'json')) continue;
    const built = buildObject(ctx, raw);
    if (detectKind(built.value) === 'effective-routes') entries.push({ line: built.startLine, route: built });
    else entries.push({ line: built.startLine, block: blockOf(built) });
  }
  for (const t of scanRouteTables(ctx.text, lines)) {
    entries.push({ line: t.startLine, block: t });
  }
  entries.sort((a, b) => a.line - b.line);

  const blocks: PsTextBlock[] = [];
  let run: BuiltObject[] = [];
  const flush = () => {
    if (run.length) blocks.push(routesBlock(run));
    run = [];
  };
  for (const e of entries) {
    if (e.route) run.push(e.route);
    else {
      flush();
      blocks.push(e.block!);
    }
  }
  flush();

  const problems: Problem[] = [];
  for (const b of blocks) if (b.problems) problems.push(...b.problems);
  if (!blocks.length) {
    problems.push({
      message: 'No `Key : value` output of an Az cmdlet was found in this console text.',
      line: 0,
      column: 0,
      severity: 'error',
      hint: 'Paste the output of Get-AzApplicationGateway -Name <name> -ResourceGroupName <group> | ConvertTo-Json -Depth 100.',
    });
  }
  return { blocks, problems };
}
