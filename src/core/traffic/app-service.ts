/**
 * App Service outputs (GUIDE-2026 Resolution I): `az webapp show` (a Microsoft.Web/sites resource, also with a
 * `properties` wrapper or PowerShell PascalCase), `az webapp config hostname list` (hostNameBindings) and
 * `az webapp config access-restriction show` ({ipSecurityRestrictions, ipSecurityRestrictionsDefaultAction, ...};
 * the CLI may write the rules' keys in snake_case). Keys are matched case-insensitively, without `_`.
 */
import type { SourceRef } from '../model/types';
import type { AccessRestrictionRule, AccessRestrictions, AppService } from './types';

type O = Record<string, unknown>;
const isObj = (v: unknown): v is O => !!v && typeof v === 'object' && !Array.isArray(v);
const norm = (k: string) => k.toLowerCase().replace(/_/g, '');

function prop(o: O, name: string): unknown {
  const want = norm(name);
  for (const k in o) if (norm(k) === want) return o[k];
  const p = o['properties'] ?? o['Properties'];
  if (isObj(p)) for (const k in p) if (norm(k) === want) return p[k];
  return undefined;
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function isSite(v: unknown): v is O {
  if (!isObj(v)) return false;
  const type = str(prop(v, 'type'))?.toLowerCase();
  if (type === 'microsoft.web/sites' || type === 'microsoft.web/sites/slots') return true;
  return prop(v, 'defaultHostName') !== undefined && (prop(v, 'hostNames') !== undefined || prop(v, 'enabledHostNames') !== undefined);
}

export function isHostNameBinding(v: unknown): v is O {
  if (!isObj(v)) return false;
  const type = str(prop(v, 'type'))?.toLowerCase();
  return type === 'microsoft.web/sites/hostnamebindings' || (prop(v, 'hostNameType') !== undefined && prop(v, 'siteName') !== undefined);
}

export function isAccessRestrictionOutput(v: unknown): v is O {
  return isObj(v) && Array.isArray(prop(v, 'ipSecurityRestrictions')) && !isSite(v);
}

function restrictions(list: unknown, defaultAction: unknown, source: SourceRef): AccessRestrictions | undefined {
  if (!Array.isArray(list)) return undefined;
  const rules: AccessRestrictionRule[] = [];
  for (const r of list) {
    if (!isObj(r)) continue;
    const tag = str(prop(r, 'tag'));
    const ip = str(prop(r, 'ipAddress'));
    rules.push({
      name: str(prop(r, 'name')),
      priority: Number(prop(r, 'priority') ?? 2147483647),
      action: str(prop(r, 'action')) ?? 'Allow',
      ipAddress: tag && tag.toLowerCase() === 'servicetag' ? undefined : ip,
      serviceTag: tag && tag.toLowerCase() === 'servicetag' ? ip : undefined,
      subnetId: str(prop(r, 'vnetSubnetResourceId')),
      tag,
      headers: isObj(prop(r, 'headers')) ? (prop(r, 'headers') as Record<string, string[]>) : undefined,
    });
  }
  rules.sort((a, b) => a.priority - b.priority);
  return { defaultAction: str(defaultAction), rules, source };
}

export function siteToAppService(v: O, source: SourceRef): AppService {
  const siteConfig = prop(v, 'siteConfig');
  const hostNames = new Set<string>();
  for (const h of [...strList(prop(v, 'hostNames')), ...strList(prop(v, 'enabledHostNames'))]) hostNames.add(h.toLowerCase());
  const ssl = prop(v, 'hostNameSslStates');
  if (Array.isArray(ssl)) for (const s of ssl) if (isObj(s) && str(prop(s, 'name'))) hostNames.add(String(prop(s, 'name')).toLowerCase());
  const id = str(prop(v, 'id'));
  return {
    name: str(prop(v, 'name')),
    id,
    resourceGroup: str(prop(v, 'resourceGroup')) ?? (id ? /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] : undefined),
    defaultHostName: str(prop(v, 'defaultHostName'))?.toLowerCase(),
    hostNames: [...hostNames],
    state: str(prop(v, 'state')),
    publicNetworkAccess: str(prop(v, 'publicNetworkAccess')),
    accessRestrictions: isObj(siteConfig) ? restrictions(prop(siteConfig, 'ipSecurityRestrictions'), prop(siteConfig, 'ipSecurityRestrictionsDefaultAction'), source) : undefined,
    source,
  };
}

/** Host-name bindings → one AppService per site. */
export function bindingsToAppServices(list: O[], source: (i: number) => SourceRef): AppService[] {
  const bySite = new Map<string, AppService>();
  list.forEach((b, i) => {
    const full = str(prop(b, 'name')) ?? '';
    const site = str(prop(b, 'siteName')) ?? (full.includes('/') ? full.split('/')[0] : '');
    const host = full.includes('/') ? full.split('/').pop()! : full;
    const key = site.toLowerCase();
    let app = bySite.get(key);
    if (!app) bySite.set(key, (app = { name: site || undefined, resourceGroup: str(prop(b, 'resourceGroup')), hostNames: [], source: source(i) }));
    if (host && !app.hostNames.includes(host.toLowerCase())) app.hostNames.push(host.toLowerCase());
  });
  return [...bySite.values()];
}

export function accessRestrictionToAppService(v: O, source: SourceRef): AppService {
  return { hostNames: [], accessRestrictions: restrictions(prop(v, 'ipSecurityRestrictions'), prop(v, 'ipSecurityRestrictionsDefaultAction'), source), source };
}

/** App Service content of a parsed JSON value, or undefined when it holds none. */
export function appServicesIn(v: unknown, source: (pointer: string) => SourceRef): AppService[] | undefined {
  if (isSite(v)) return [siteToAppService(v, source(''))];
  if (isAccessRestrictionOutput(v)) return [accessRestrictionToAppService(v, source(''))];
  if (Array.isArray(v) && v.length) {
    if (v.every(isHostNameBinding)) return bindingsToAppServices(v as O[], (i) => source(`/${i}`));
    if (v.every(isSite)) return (v as O[]).map((s, i) => siteToAppService(s, source(`/${i}`)));
  }
  if (isObj(v) && Array.isArray(prop(v, 'value'))) {
    const list = prop(v, 'value') as unknown[];
    if (list.length && list.every(isHostNameBinding)) return bindingsToAppServices(list as O[], (i) => source(`/value/${i}`));
    if (list.length && list.every(isSite)) return (list as O[]).map((s, i) => siteToAppService(s, source(`/value/${i}`)));
  }
  return undefined;
}

/** Merge App Service documents by site name (host names unioned; restrictions from the later one). */
export function mergeAppServices(list: AppService[]): AppService[] {
  const out: AppService[] = [];
  const byName = new Map<string, AppService>();
  const unnamed: AppService[] = [];
  for (const a of list) {
    if (!a.name) {
      unnamed.push(a);
      continue;
    }
    const k = a.name.toLowerCase();
    const prev = byName.get(k);
    if (!prev) {
      const copy = { ...a, hostNames: [...a.hostNames] };
      byName.set(k, copy);
      out.push(copy);
      continue;
    }
    for (const h of a.hostNames) if (!prev.hostNames.includes(h)) prev.hostNames.push(h);
    prev.id ??= a.id;
    prev.resourceGroup ??= a.resourceGroup;
    prev.defaultHostName ??= a.defaultHostName;
    prev.state ??= a.state;
    prev.publicNetworkAccess ??= a.publicNetworkAccess;
    if (a.accessRestrictions) prev.accessRestrictions = a.accessRestrictions;
  }
  // An access-restriction output carries no name: it belongs to the one app when there is one.
  for (const u of unnamed) {
    if (out.length === 1 && u.accessRestrictions) out[0].accessRestrictions = u.accessRestrictions;
    else out.push(u);
  }
  return out;
}
