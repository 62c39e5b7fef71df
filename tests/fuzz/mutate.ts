/**
 * Inputs for the fuzzer: base documents (the public corpus, generated gateways in every form, PowerShell
 * console text) and fast-check arbitraries that mutate them the ways real pastes break — keys dropped,
 * values of the wrong type, huge numbers, deep nesting, `__proto__`/`constructor` keys and names, long
 * strings, lone surrogates, duplicate keys, truncation, random bytes, odd-length UTF-16 — plus inputs that
 * are random from the start. Every mutation is a plain value, so fast-check can print and shrink it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { InputDocument } from '../../src/core/analyze';
import { restGateway, restVnet, restGatewayNsg, restBackendNsg, toCliJson, toPsJson, toTemplate } from '../fixtures/forms';
import { generateGateway, MEDIUM, TYPICAL } from '../bench/generate';

type J = any;

export interface Base {
  name: string;
  text: string;
  json?: J;
}

const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
const PS_TEXT = new URL('../fixtures/ps-text/', import.meta.url);

function filesUnder(dir: URL, ext: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return out;
  }
  for (const f of entries.sort()) {
    if (!f.endsWith(ext)) continue;
    out.push({ name: f, text: readFileSync(fileURLToPath(new URL(f, dir)), 'utf8') });
  }
  return out;
}

/** Every base the fuzzer starts from; `json` is set when the text parses. */
export function bases(): Base[] {
  const list: { name: string; text: string }[] = [
    ...filesUnder(CORPUS, '.json').map((f) => ({ name: `corpus/${f.name}`, text: f.text })),
    ...filesUnder(PS_TEXT, '.txt').map((f) => ({ name: `ps-text/${f.name}`, text: f.text })),
  ];
  const typical = generateGateway(TYPICAL);
  const shop = restGateway();
  list.push(
    { name: 'gen/typical.rest', text: JSON.stringify(typical, null, 2) },
    { name: 'gen/typical.ps-json', text: toPsJson(typical) },
    { name: 'gen/typical.ps-json-depth2', text: toPsJson(typical, 2) },
    { name: 'gen/typical.template', text: toTemplate(typical) },
    { name: 'gen/typical.cli-json', text: toCliJson(typical) },
    { name: 'gen/medium.rest', text: JSON.stringify(generateGateway(MEDIUM)) },
    { name: 'fixture/shop.rest', text: JSON.stringify(shop, null, 2) },
    { name: 'fixture/shop.template+network', text: toTemplate(shop, [restVnet(), restGatewayNsg(), restBackendNsg()]) },
    { name: 'fixture/shop.list', text: JSON.stringify({ value: [shop, restVnet(), restGatewayNsg(), restBackendNsg()] }) },
  );
  return list.map((b) => {
    try {
      return { ...b, json: JSON.parse(b.text) };
    } catch {
      return b;
    }
  });
}

/**
 * One gateway (in the given form) and the documents pasted beside it: its VNet, both NSGs, backend
 * health and a second copy of the gateway in another form (the workspace merges by resource id).
 */
export function companions(form: 'rest' | 'ps-json' | 'cli-json' | 'template'): { name: string; text: string }[] {
  const gw = restGateway();
  const text = form === 'ps-json' ? toPsJson(gw) : form === 'cli-json' ? toCliJson(gw) : form === 'template' ? toTemplate(gw) : JSON.stringify(gw, null, 2);
  const health = {
    backendAddressPools: gw.properties.backendAddressPools.map((p: J) => ({
      backendAddressPool: { id: p.id },
      backendHttpSettingsCollection: [{
        backendHttpSettings: { id: gw.properties.backendHttpSettingsCollection[0].id },
        servers: p.properties.backendAddresses.map((a: J) => ({ address: a.ipAddress, health: 'Down', healthProbeLog: 'Time taken by the backend to respond to application gateway\'s health probe is more than the time-out threshold in the probe configuration.' })),
      }],
    })),
  };
  return [
    { name: `gateway.${form}.json`, text },
    { name: 'vnet.json', text: JSON.stringify(restVnet(), null, 2) },
    { name: 'nsgs.json', text: JSON.stringify({ value: [restGatewayNsg(), restBackendNsg()] }, null, 2) },
    { name: 'health.json', text: JSON.stringify(health, null, 2) },
    { name: 'gateway.again.json', text: form === 'rest' ? toCliJson(gw) : JSON.stringify(gw) },
  ];
}

// ------------------------------------------------------------------ value mutations

/** Replacement values of every JSON type, and template expressions that go nowhere. */
const ODD_VALUES: J[] = [
  null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, 65536, -65536, 4294967296, '', ' ', '0', '-1', 'null', '*', '/', '%',
  [], {}, [null], [[]], { id: 42 }, { id: null }, { id: '' }, { id: '/' }, { properties: null }, ['a', 1, null],
  '[concat(\'a\')]', '[parameters(\'nope\')]', '[variables(\'loop\')]', '[[literal', '[', ']', '[reference(\'x\').y]',
  '10.0.0.0/33', '999.1.1.1', '::1', 'fe80::/10', '0.0.0.0/0', '65536', '1-70000', '80-',
  'Http', 'https', 'HTTP2', 'Standard_v2', 'WAF_Large', 'Basic', 'Stopped', 'Failed',
  '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/applicationGateways/z/backendAddressPools/',
  '/subscriptions//resourceGroups//providers//',
];
/** Keys and names that break code using plain objects as maps. */
const PROTO_WORDS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

export type ValueMutation =
  | { op: 'drop'; at: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'raw'; at: number; raw: 'huge-int' | 'huge-exp' | 'neg-exp' | 'tiny' | 'minus-zero' | 'exp-big' }
  | { op: 'nest'; at: number; depth: number; kind: 'array' | 'object' | 'mixed' }
  | { op: 'proto-key'; at: number; word: number }
  | { op: 'proto-name'; at: number; word: number }
  | { op: 'long-string'; at: number; length: number }
  | { op: 'surrogate'; at: number; which: 'high' | 'low' | 'reversed' }
  | { op: 'duplicate-key'; at: number }
  | { op: 'repeat'; at: number; times: number }
  | { op: 'swap-collections'; at: number; other: number };

const RAW: Record<string, string> = {
  'huge-int': '123456789012345678901234567890123456789',
  'huge-exp': '1e999',
  'neg-exp': '-1e999',
  tiny: '5e-324',
  'minus-zero': '-0',
  'exp-big': '1E+400',
};

export const valueMutationArb: fc.Arbitrary<ValueMutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.nat(ODD_VALUES.length - 1) }),
  fc.record({ op: fc.constant('raw' as const), at: fc.nat(), raw: fc.constantFrom('huge-int', 'huge-exp', 'neg-exp', 'tiny', 'minus-zero', 'exp-big') }),
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 3000 }), kind: fc.constantFrom('array', 'object', 'mixed') }),
  fc.record({ op: fc.constant('proto-key' as const), at: fc.nat(), word: fc.nat(PROTO_WORDS.length - 1) }),
  fc.record({ op: fc.constant('proto-name' as const), at: fc.nat(), word: fc.nat(PROTO_WORDS.length - 1) }),
  fc.record({ op: fc.constant('long-string' as const), at: fc.nat(), length: fc.integer({ min: 1000, max: 300_000 }) }),
  fc.record({ op: fc.constant('surrogate' as const), at: fc.nat(), which: fc.constantFrom('high', 'low', 'reversed') }),
  fc.record({ op: fc.constant('duplicate-key' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 300 }) }),
  fc.record({ op: fc.constant('swap-collections' as const), at: fc.nat(), other: fc.nat() }),
);

type Path = (string | number)[];

/** Paths to every value (bounded), parents before children. */
function paths(v: J, limit = 4000): Path[] {
  const out: Path[] = [[]];
  const queue: [J, Path][] = [[v, []]];
  while (queue.length && out.length < limit) {
    const [cur, p] = queue.shift()!;
    if (cur === null || typeof cur !== 'object') continue;
    for (const k of Array.isArray(cur) ? cur.keys() : Object.keys(cur)) {
      const child: Path = [...p, k];
      out.push(child);
      queue.push([cur[k as keyof typeof cur], child]);
    }
  }
  return out;
}

const getAt = (root: J, p: Path): J => p.reduce((o, k) => (o == null ? undefined : o[k]), root);

/** Markers stand for text that JSON.stringify cannot write (raw numbers, nesting, duplicate and `__proto__` keys). */
const MARK = '\u0001M';

/** Apply value mutations to a copy of `json`, then write it (indent 0 or 2) with the markers replaced. */
export function applyValueMutations(json: J, muts: ValueMutation[], indent: 0 | 2): string {
  const root = { v: structuredClone(json) };
  // Value markers become raw text in place of the whole string (quotes included); key markers become
  // the key's text inside its quotes.
  const markers = new Map<string, { raw: string; key: boolean }>();
  let n = 0;
  const marker = (raw: string, key = false) => {
    const m = `${MARK}${n++}\u0001`;
    markers.set(m, { raw, key });
    return m;
  };
  for (const m of muts) {
    const ps = paths(root.v).map((p) => ['v', ...p] as Path);
    const p = ps[m.at % ps.length];
    const parent = getAt(root, p.slice(0, -1));
    const key = p[p.length - 1];
    const cur = getAt(root, p);
    switch (m.op) {
      case 'drop':
        if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
        else if (p.length > 1) delete parent[key];
        break;
      case 'set':
        parent[key] = structuredClone(ODD_VALUES[m.value]);
        break;
      case 'raw':
        parent[key] = marker(RAW[m.raw]);
        break;
      case 'nest': {
        const inner = JSON.stringify(cur ?? null);
        let open = '';
        let close = '';
        for (let i = 0; i < m.depth; i++) {
          const obj = m.kind === 'object' || (m.kind === 'mixed' && i % 2 === 1);
          open += obj ? '{"properties":' : '[';
          close = (obj ? '}' : ']') + close;
        }
        parent[key] = marker(open + inner + close);
        break;
      }
      case 'proto-key': {
        const target = cur && typeof cur === 'object' && !Array.isArray(cur) ? cur : parent;
        if (target && typeof target === 'object' && !Array.isArray(target)) {
          const word = PROTO_WORDS[m.word];
          target[marker(word, true)] = { id: word, name: word, properties: { [marker(word, true)]: [word] } };
        }
        break;
      }
      case 'proto-name': {
        const word = PROTO_WORDS[m.word];
        if (typeof cur === 'string') parent[key] = cur.includes('/') ? cur.replace(/[^/]*$/, word) : word;
        else if (cur && typeof cur === 'object' && !Array.isArray(cur)) {
          cur.name = word;
          if (typeof cur.id === 'string') cur.id = cur.id.replace(/[^/]*$/, word);
        }
        break;
      }
      case 'long-string':
        parent[key] = (typeof cur === 'string' && cur ? cur : 'x').repeat(Math.ceil(m.length / Math.max(1, String(cur ?? 'x').length))).slice(0, m.length);
        break;
      case 'surrogate': {
        const s = typeof cur === 'string' ? cur : 'name';
        const bad = m.which === 'high' ? '\uD83D' : m.which === 'low' ? '\uDE00' : '\uDE00\uD83D';
        parent[key] = s.slice(0, s.length >> 1) + bad + s.slice(s.length >> 1);
        break;
      }
      case 'duplicate-key': {
        const target = cur && typeof cur === 'object' && !Array.isArray(cur) ? cur : parent;
        if (target && typeof target === 'object' && !Array.isArray(target)) {
          const k = Object.keys(target)[0] ?? 'name';
          target[marker(JSON.stringify(k).slice(1, -1), true)] = ODD_VALUES[(m.at >> 3) % ODD_VALUES.length];
        }
        break;
      }
      case 'repeat':
        if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 0, ...Array.from({ length: m.times - 1 }, () => structuredClone(cur)));
        else if (cur !== undefined) parent[key] = Array.from({ length: m.times }, () => structuredClone(cur));
        break;
      case 'swap-collections': {
        const other = ps[m.other % ps.length];
        const otherVal = getAt(root, other);
        if (other.length > 1 && !other.slice(0, p.length).every((k, i) => k === p[i]) && !p.slice(0, other.length).every((k, i) => k === other[i])) {
          getAt(root, other.slice(0, -1))[other[other.length - 1]] = structuredClone(cur);
          parent[key] = structuredClone(otherVal);
        }
        break;
      }
    }
  }
  let text = JSON.stringify(root.v, null, indent) ?? 'null';
  for (const [m, { raw, key }] of markers) text = key ? text.split(JSON.stringify(m).slice(1, -1)).join(raw) : text.split(JSON.stringify(m)).join(raw);
  return text;
}

// ------------------------------------------------------------------ text and byte mutations

export type TextMutation =
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace-char'; at: number; char: string }
  | { op: 'raw-surrogate'; at: number }
  | { op: 'prefix'; text: string }
  | { op: 'suffix'; text: string };

const PUNCT = ['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '\uFFFD', '\r', '\u2028', '\t', ' ', '\n\n', '/*', '//', 'NaN', "'"];
const NOISE = [
  'PS C:\\> ', 'WARNING: Upcoming breaking changes in the cmdlet', '...', '```json\n', '\n```', '> ', '#', '\uFEFF', 'Name : x\nId   : y\n',
  '+ CategoryInfo          : CloseError: (:) [Get-AzApplicationGateway], CloudException', '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"',
];

export const textMutationArb: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PUNCT, ...NOISE), fc.string({ unit: 'binary', maxLength: 40 })) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant('replace-char' as const), at: fc.nat(), char: fc.constantFrom(...PUNCT) }),
  fc.record({ op: fc.constant('raw-surrogate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('prefix' as const), text: fc.constantFrom(...NOISE) }),
  fc.record({ op: fc.constant('suffix' as const), text: fc.constantFrom(...NOISE, '\n'.repeat(3), 'garbage after') }),
);

export function applyTextMutations(text: string, muts: TextMutation[]): string {
  let t = text;
  for (const m of muts) {
    const at = t.length ? m.op === 'prefix' || m.op === 'suffix' ? 0 : (m as { at: number }).at % (t.length + 1) : 0;
    switch (m.op) {
      case 'truncate':
        t = t.slice(0, at);
        break;
      case 'insert':
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      case 'replace-char':
        t = t.slice(0, at) + m.char + t.slice(at + 1);
        break;
      case 'raw-surrogate':
        t = t.slice(0, at) + '\uD800' + t.slice(at);
        break;
      case 'prefix':
        t = m.text + t;
        break;
      case 'suffix':
        t = t + m.text;
        break;
    }
  }
  return t;
}

export type Delivery = 'text' | 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16le' | 'utf-16be-bom' | 'utf-16le-odd' | 'utf-8-cut';

export const deliveryArb: fc.Arbitrary<Delivery> = fc.constantFrom('text', 'utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16le', 'utf-16be-bom', 'utf-16le-odd', 'utf-8-cut');

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i + (bigEndian ? 1 : 0)] = c & 255;
    out[2 * i + (bigEndian ? 0 : 1)] = c >> 8;
  }
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** The text as the engine receives it: a pasted string, or a file's bytes in some encoding. */
export function deliver(name: string, text: string, how: Delivery): InputDocument {
  switch (how) {
    case 'text':
      return { name, text };
    case 'utf-8':
      return { name, bytes: new TextEncoder().encode(text) };
    case 'utf-8-bom':
      return { name, bytes: concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(text)) };
    case 'utf-8-cut': {
      // Cut inside a multi-byte sequence when there is one.
      const b = new TextEncoder().encode(text + '한');
      return { name, bytes: b.subarray(0, b.length - 1) };
    }
    case 'utf-16le-bom':
      return { name, bytes: concat(new Uint8Array([0xff, 0xfe]), utf16(text, false)) };
    case 'utf-16le':
      return { name, bytes: utf16(text, false) };
    case 'utf-16be-bom':
      return { name, bytes: concat(new Uint8Array([0xfe, 0xff]), utf16(text, true)) };
    case 'utf-16le-odd': {
      const b = concat(new Uint8Array([0xff, 0xfe]), utf16(text, false));
      return { name, bytes: b.subarray(0, Math.max(1, b.length - 1)) };
    }
  }
}

/** Describe an input for a failure message without printing megabytes. */
export function describeInput(input: InputDocument): string {
  if (input.text !== undefined) return `text(${input.text.length} chars): ${JSON.stringify(input.text.slice(0, 300))}${input.text.length > 300 ? '…' : ''}`;
  const b = input.bytes ?? new Uint8Array();
  return `bytes(${b.length}): ${Buffer.from(b.subarray(0, 120)).toString('hex')}${b.length > 120 ? '…' : ''}`;
}
