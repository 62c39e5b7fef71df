/**
 * Reading resource JSON of any form the same way: PascalCase (PowerShell) or camelCase (REST, az),
 * `properties` wrapped (REST, templates) or flattened (PowerShell, az). Lookups are case-insensitive
 * and look through `properties`.
 */
import { DUPLICATES } from '../input/json';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lower-case forms of the keys asked for (a few dozen literals): no new string per lookup. */
const lowerKeys = new Map<string, string>();

/** Own key of `o` equal to `key` ignoring case. */
function ownKey(o: Obj, key: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(o, key)) return key;
  let lower = lowerKeys.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowerKeys.size < 10_000) lowerKeys.set(key, lower);
  }
  const n = key.length;
  for (const k in o) if (k.length === n && k.toLowerCase() === lower) return k;
  return undefined;
}

export interface Found {
  value: unknown;
  /** Pointer suffix from the object to the value, e.g. '/properties/port'. */
  path: string;
}

function escape(k: string): string {
  if (k.indexOf('~') < 0 && k.indexOf('/') < 0) return k;
  return k.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Find a field on the object or inside its `properties`. */
export function find(o: unknown, key: string): Found | undefined {
  if (!isObj(o)) return undefined;
  const k = ownKey(o, key);
  if (k !== undefined && o[k] !== undefined && o[k] !== null) return { value: o[k], path: '/' + escape(k) };
  const pk = ownKey(o, 'properties');
  if (pk !== undefined && isObj(o[pk])) {
    const inner = o[pk] as Obj;
    const k2 = ownKey(inner, key);
    if (k2 !== undefined && inner[k2] !== undefined && inner[k2] !== null) return { value: inner[k2], path: '/' + escape(pk) + '/' + escape(k2) };
  }
  return k !== undefined ? { value: o[k], path: '/' + escape(k) } : undefined;
}

/** `find(o, key)?.value`, without building the pointer (most reads never need it). */
export function get(o: unknown, key: string): unknown {
  if (!isObj(o)) return undefined;
  const k = ownKey(o, key);
  const v = k === undefined ? undefined : o[k];
  if (v !== undefined && v !== null) return v;
  const pk = ownKey(o, 'properties');
  if (pk !== undefined) {
    const inner = o[pk];
    if (isObj(inner)) {
      const k2 = ownKey(inner, key);
      const v2 = k2 === undefined ? undefined : inner[k2];
      if (v2 !== undefined && v2 !== null) return v2;
    }
  }
  return v;
}

/** The keys an ARM item carries outside `properties`. */
const ENVELOPE = new Set(['name', 'id', 'etag', 'type', 'properties']);

/**
 * `o.properties` when every own key of `o` is one of the envelope's (name, id, etag, type, properties) as ARM
 * writes them: then `get(o, key)` for any other key can only come from `properties`, and `field` reads it there
 * directly (10,000 path rules, each read for eight fields).
 */
export function innerOf(o: Obj): Obj | undefined {
  const inner = o.properties;
  if (!isObj(inner)) return undefined;
  for (const k in o) if (!ENVELOPE.has(k)) return undefined;
  return inner;
}

/** get(o, key) for a key outside the envelope, given innerOf(o) (undefined: read o the general way). */
export function field(o: Obj, inner: Obj | undefined, key: string): unknown {
  if (inner === undefined) return get(o, key);
  const k = ownKey(inner, key);
  const v = k === undefined ? undefined : inner[k];
  return v === null ? undefined : v;
}

/** Several possible names (e.g. `hostName` or `HostName` are the same; `backendIPConfigurations` vs `backendIpConfigurations` too). */
export function getAny(o: unknown, ...keys: string[]): unknown {
  for (const k of keys) {
    const v = get(o, k);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

/** A value a template expression could not give (see src/core/template): `{ $unknown, reason }`. */
export function unknownExpression(v: unknown): string | undefined {
  return isObj(v) && typeof v.$unknown === 'string' ? v.$unknown : undefined;
}

/** A string that ConvertTo-Json wrote instead of an object it could not go deeper into. */
export function isTruncationMarker(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  // Every marker starts with M, S or @: most strings are turned away by their first character.
  const c = v.charCodeAt(0);
  return (c === 77 || c === 83 || c === 64) && /^(Microsoft\.Azure\.(Commands|Management)\.|System\.Collections\.|System\.Object|@\{)/.test(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return isTruncationMarker(v) ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === 'enabled') return true;
    if (s === 'false' || s === 'disabled') return false;
  }
  return undefined;
}

export function arr(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return [];
}

/** Strings of an array (or a single string), skipping non-strings. */
export function strs(v: unknown): string[] {
  if (typeof v === 'string') return isTruncationMarker(v) ? [] : [v];
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v) {
    const s = str(x);
    if (s !== undefined) out.push(s);
  }
  return out;
}

/** The id of a reference object (`{id}`, `{Id}`) or a bare id string. */
export function refId(v: unknown): string | undefined {
  if (typeof v === 'string') return isTruncationMarker(v) ? undefined : v;
  if (isObj(v)) return str(get(v, 'id'));
  return undefined;
}

/** Every value a duplicated key had (see json.ts), or the single value. */
export function allValues(o: unknown, key: string): unknown[] {
  if (!isObj(o)) return [];
  const dup = (o as Record<string, unknown>)[DUPLICATES] as Record<string, unknown[]> | undefined;
  if (dup) {
    const lower = key.toLowerCase();
    for (const k in dup) if (k.toLowerCase() === lower) return dup[k];
  }
  const v = get(o, key);
  return v === undefined ? [] : [v];
}
