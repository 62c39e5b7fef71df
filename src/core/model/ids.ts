/**
 * Resource ids. Azure compares them case-insensitively (backend health even writes the segment
 * `backendaddressPools`), so every lookup goes through `idKey`.
 */
import type { Ref } from './types';

const keyCache = new Map<string, string>();

/** The comparable form of a resource id; memoized (every reference lookup of every rule asks). */
export function idKey(id: string): string {
  let k = keyCache.get(id);
  if (k === undefined) {
    if (keyCache.size >= 100_000) keyCache.clear();
    keyCache.set(id, (k = trimSlashes(id.trim()).toLowerCase()));
  }
  return k;
}

function trimSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47) end--;
  return end === s.length ? s : s.slice(0, end);
}

export function lastSegment(id: string): string {
  const s = trimSlashes(id);
  return s.slice(s.lastIndexOf('/') + 1);
}

export function makeRef(id: string): Ref {
  return { id, name: lastSegment(id) };
}

export interface ParsedId {
  subscriptionId?: string;
  resourceGroup?: string;
  provider?: string;
  /** type/name pairs after the provider, e.g. [['virtualNetworks','vnet1'], ['subnets','s1']]. */
  segments: [string, string][];
}

export function parseResourceId(id: string): ParsedId {
  const parts = id.split('/').filter((p) => p !== '');
  const out: ParsedId = { segments: [] };
  let i = 0;
  while (i < parts.length) {
    const p = parts[i].toLowerCase();
    if (p === 'subscriptions') out.subscriptionId = parts[i + 1];
    else if (p === 'resourcegroups') out.resourceGroup = parts[i + 1];
    else if (p === 'providers') {
      out.provider = parts[i + 1];
      i += 2;
      while (i + 1 < parts.length) {
        out.segments.push([parts[i], parts[i + 1]]);
        i += 2;
      }
      break;
    }
    i += 2;
  }
  return out;
}

/** The id of the parent resource of a sub-resource id (`.../applicationGateways/gw/probes/p` → `.../applicationGateways/gw`). */
export function parentId(id: string): string {
  const clean = id.replace(/\/+$/, '');
  const cut = clean.lastIndexOf('/', clean.lastIndexOf('/') - 1);
  return cut > 0 ? clean.slice(0, cut) : clean;
}

/** The gateway id inside a sub-resource id, when it has one. */
export function gatewayIdOf(id: string): string | undefined {
  const m = /^(.*?\/applicationGateways\/[^/]+)/i.exec(id);
  return m?.[1];
}

/** `collection/name` of a sub-resource id, lower-cased: the key that survives a missing or placeholder parent id. */
export function subKey(id: string): string {
  const clean = id.replace(/\/+$/, '');
  const last = clean.lastIndexOf('/');
  const prev = clean.lastIndexOf('/', last - 1);
  return clean.slice(prev + 1).toLowerCase();
}
