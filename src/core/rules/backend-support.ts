/**
 * Shared reading of a gateway for the probe, time-out, pool and backend-health rules: which settings and
 * pools requests really reach, which settings use a probe, the backend health grouped by pool and settings,
 * and the wording that depends on the SKU. Pure and cached per gateway, so every rule stays linear in the
 * size of the gateway (100 pools × 1,200 addresses, 400 rules).
 */
import { idKey, subKey } from '../model/ids';
import { affectedListeners, requestPaths, type RequestPath } from '../model/topology';
import type {
  BackendAddress, BackendAddressPool, BackendHealth, BackendHttpSettings, BackendServerHealth, Gateway, Probe, Ref,
} from '../model/types';
import { isPrivate, parseCidr } from '../net/cidr';
import { q } from './commands';
import type { RuleContext } from './types';
import { anySuffix, isApimFqdn, MULTI_TENANT_SUFFIXES, normFqdn } from './fqdn-suffixes';
import { multiTenantMembersOf } from './network-context';

// ---------------------------------------------------------------- defaults (azure-facts.md §2, §3)

/** Default probe: interval 30 s, time-out 30 s, threshold 3, healthy 200–399 (PROBE). */
export const DEFAULT_PROBE = { interval: 30, timeout: 30, threshold: 3, statusCodes: '200-399' } as const;
/** Default request time-out of backend settings (GUIDE, SETTINGS). */
export const DEFAULT_REQUEST_TIMEOUT = 20;
/** LIMITS: request time-out to external (public) backends is at most 4 minutes. */
export const PUBLIC_BACKEND_TIMEOUT_LIMIT = 240;

export const requestTimeoutOf = (s: BackendHttpSettings): number => s.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;

// ---------------------------------------------------------------- usage of settings, pools and probes

export interface Usage {
  /** Request paths that end at a backend (no redirect). */
  backendPaths: RequestPath[];
  pathsBySettings: Map<BackendHttpSettings, RequestPath[]>;
  pathsByPool: Map<BackendAddressPool, RequestPath[]>;
  poolsBySettings: Map<BackendHttpSettings, BackendAddressPool[]>;
  /** Every settings that references the probe, whether a rule uses the settings or not. */
  settingsByProbe: Map<Probe, BackendHttpSettings[]>;
}

const usageCache = new WeakMap<Gateway, Usage>();

export function usageOf(ctx: Pick<RuleContext, 'gateway' | 'gw'>): Usage {
  const hit = usageCache.get(ctx.gateway);
  if (hit) return hit;
  const backendPaths = requestPaths(ctx.gateway).filter((p) => !p.redirectRef && !p.redirect);
  const pathsBySettings = new Map<BackendHttpSettings, RequestPath[]>();
  const pathsByPool = new Map<BackendAddressPool, RequestPath[]>();
  const poolsBySettings = new Map<BackendHttpSettings, BackendAddressPool[]>();
  // Each path is read once, so the path lists cannot repeat; pools and settings can (a set beside each list).
  const append = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  const inList = new Map<unknown[], Set<unknown>>();
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
    const list = m.get(k);
    if (list) {
      const set = inList.get(list)!;
      if (!set.has(v)) {
        set.add(v);
        list.push(v);
      }
    } else {
      const fresh = [v];
      m.set(k, fresh);
      inList.set(fresh, new Set([v]));
    }
  };
  for (const p of backendPaths) {
    if (p.settings) append(pathsBySettings, p.settings, p);
    if (p.pool) append(pathsByPool, p.pool, p);
    if (p.settings && p.pool) push(poolsBySettings, p.settings, p.pool);
  }
  const settingsByProbe = new Map<Probe, BackendHttpSettings[]>();
  for (const s of ctx.gateway.backendHttpSettingsCollection) {
    const probe = ctx.gw.probe(s.probe);
    if (probe) push(settingsByProbe, probe, s);
  }
  const usage = { backendPaths, pathsBySettings, pathsByPool, poolsBySettings, settingsByProbe };
  usageCache.set(ctx.gateway, usage);
  return usage;
}

/** Listener names (with host names and paths) of the request paths that match, or none. */
export function affectedBy(gateway: Gateway, match: (p: RequestPath) => boolean): string[] {
  return affectedListeners(gateway, (p) => !p.redirectRef && !p.redirect && match(p));
}

export function listenersText(affected: string[]): { en: string; ko: string } {
  if (!affected.length) return { en: 'no listener (no routing rule sends requests here)', ko: '없음(이곳으로 요청을 보내는 라우팅 규칙이 없음)' };
  const t = listText(affected, 8);
  return { en: t.en, ko: t.ko };
}

/** Host names of the multi-site listeners in front of the settings (empty for basic listeners only). */
export function listenerHostsOf(paths: RequestPath[]): string[] {
  const out = new Set<string>();
  for (const p of paths) for (const h of p.listener?.hostNames ?? []) out.add(h);
  return [...out];
}

/** True when the input could not show this collection (or a part of it), so "empty" means "unknown". */
export function partLost(gateway: Gateway, part: string): boolean {
  const p = part.toLowerCase();
  return gateway.lost.some((l) => {
    const x = l.part.toLowerCase();
    return x === p || x.startsWith(p + '.') || p.startsWith(x + '.');
  });
}

// ---------------------------------------------------------------- text helpers

/**
 * "a, b, c (+3)": the same in both languages, so one parameter serves the English and the Korean text.
 * (`en` and `ko` are kept for callers that build language-specific sentences.)
 */
export function listText(items: string[], max = 10): { en: string; ko: string } {
  if (items.length <= max) return { en: items.join(', '), ko: items.join(', ') };
  const text = `${items.slice(0, max).join(', ')} (+${items.length - max})`;
  return { en: text, ko: text };
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a request that outlasts the time-out gets, by SKU (GUIDE §3: v1 502; v2 retries a second member, then 504). */
export function timeoutBehaviour(gateway: Gateway, seconds: number): { en: string; ko: string } {
  if (gateway.generation === 'v1') {
    return {
      en: `on this v1 gateway a request whose backend does not answer within ${seconds} s gets 502 Bad Gateway`,
      ko: `이 v1 게이트웨이에서는 백엔드가 ${seconds}초 안에 응답하지 않으면 요청이 502 Bad Gateway를 받습니다`,
    };
  }
  if (gateway.generation === 'v2') {
    return {
      en: `on this v2 gateway a request whose backend does not answer within ${seconds} s is retried on a second pool member; if that one does not answer within ${seconds} s either, the client gets 504 Gateway Timeout (after up to about ${seconds * 2} s)`,
      ko: `이 v2 게이트웨이에서는 백엔드가 ${seconds}초 안에 응답하지 않으면 요청을 풀의 다른 멤버로 한 번 더 보내고, 그 멤버도 ${seconds}초 안에 응답하지 않으면 클라이언트는 (최대 약 ${seconds * 2}초 뒤에) 504 Gateway Timeout을 받습니다`,
    };
  }
  return {
    en: `a request whose backend does not answer within ${seconds} s gets 502 on a v1 gateway; a v2 gateway retries it on a second pool member and then answers 504 (the input does not show the SKU)`,
    ko: `백엔드가 ${seconds}초 안에 응답하지 않으면 v1 게이트웨이는 502를 반환하고, v2 게이트웨이는 풀의 다른 멤버로 한 번 더 시도한 뒤 504를 반환합니다(입력에 SKU가 없어 어느 쪽인지 알 수 없습니다)`,
  };
}

/** Ports GatewayManager needs on the gateway subnet (INFRA, HEALTH). */
export function managementPorts(gateway: Gateway): string {
  if (gateway.generation === 'v1') return '65503-65534';
  if (gateway.generation === 'v2') return '65200-65535';
  return '65200-65535 (v2) / 65503-65534 (v1)';
}

// ---------------------------------------------------------------- backend addresses

/** Host names that resolve to public addresses unless a private endpoint is in play. */
const PUBLIC_SUFFIXES = [...MULTI_TENANT_SUFFIXES, 'cloudapp.azure.com', 'cloudapp.net'];

/** Public by address or by a well-known public Azure suffix; undefined when the input cannot tell. */
export function publicAddress(a: { ipAddress?: string; fqdn?: string }): 'ip' | 'fqdn' | undefined {
  if (a.ipAddress) {
    const ip = a.ipAddress.trim();
    const c = ip.includes('/') ? undefined : parseCidr(ip);
    if (!c) return undefined;
    if (c.family === 4) {
      if (isPrivate(ip)) return undefined;
      if (/^(127|169\.254|0)\./.test(ip)) return undefined;
      return 'ip';
    }
    if (/^(fc|fd|fe8|fe9|fea|feb)/i.test(ip) || ip === '::1') return undefined;
    return 'ip';
  }
  if (a.fqdn) {
    const f = normFqdn(a.fqdn);
    if (f.includes('.privatelink.')) return undefined;
    return anySuffix(f, PUBLIC_SUFFIXES) ? 'fqdn' : undefined;
  }
  return undefined;
}

export const addressText = (a: { ipAddress?: string; fqdn?: string }) => a.fqdn ?? a.ipAddress ?? '';

const publicCache = new WeakMap<BackendAddressPool, { address: BackendAddress; kind: 'ip' | 'fqdn' }[]>();

/** The pool's members that are public (by address or well-known public suffix); computed once per pool. */
export function publicMembers(pool: BackendAddressPool): { address: BackendAddress; kind: 'ip' | 'fqdn' }[] {
  let hit = publicCache.get(pool);
  if (!hit) {
    hit = [];
    for (const a of pool.backendAddresses) {
      const kind = publicAddress(a);
      if (kind) hit.push({ address: a, kind });
    }
    publicCache.set(pool, hit);
  }
  return hit;
}

const apimCache = new WeakMap<BackendAddressPool, BackendAddress[]>();

/** The pool's API Management members (`*.azure-api.net`); computed once per pool. */
export function apimMembers(pool: BackendAddressPool, gateway: Gateway): BackendAddress[] {
  let hit = apimCache.get(pool);
  if (!hit) {
    hit = multiTenantMembers(pool, gateway).filter((a) => isApimFqdn(a.fqdn!));
    apimCache.set(pool, hit);
  }
  return hit;
}

/** The pool's members with multi-tenant PaaS host names (found in the gateway's one pass over its members). */
export function multiTenantMembers(pool: BackendAddressPool, gateway: Gateway): readonly BackendAddress[] {
  return multiTenantMembersOf(gateway, pool);
}

export function poolIsEmpty(pool: BackendAddressPool): boolean {
  return pool.backendAddresses.length === 0 && pool.backendIpConfigurations.length === 0;
}

/** The pool's member list cannot be trusted as complete (truncated or name-only input). */
export function poolMembersUnknown(gateway: Gateway): boolean {
  return partLost(gateway, 'backendAddressPools');
}

// ---------------------------------------------------------------- backend health

export type HealthState = 'Healthy' | 'Unhealthy' | 'Unknown' | 'Draining' | 'Partial' | string;

export interface HealthSettingsGroup {
  settingsRef?: Ref;
  settings?: BackendHttpSettings;
  /** Servers, deduplicated by address (the last document wins). */
  servers: BackendServerHealth[];
}

export interface HealthPoolGroup {
  key: string;
  poolRef?: Ref;
  pool?: BackendAddressPool;
  name: string;
  settings: HealthSettingsGroup[];
  /** Only on-demand results mention this pool. */
  onDemandOnly: boolean;
}

export interface HealthView {
  documents: BackendHealth[];
  pools: HealthPoolGroup[];
}

/** Backend health for the gateway, grouped pool → settings → servers; undefined when none was given. */
const healthCache = new WeakMap<Gateway, HealthView>();

export function healthView(ctx: Pick<RuleContext, 'gateway' | 'gw' | 'net'>): HealthView | undefined {
  const documents = ctx.net.healthOf(ctx.gateway);
  if (!documents.length) return undefined;
  const hit = healthCache.get(ctx.gateway);
  if (hit && hit.documents.length === documents.length && hit.documents.every((d, i) => d === documents[i])) return hit;
  const view = buildHealthView(ctx, documents);
  healthCache.set(ctx.gateway, view);
  return view;
}

function buildHealthView(ctx: Pick<RuleContext, 'gateway' | 'gw' | 'net'>, documents: BackendHealth[]): HealthView {
  const pools = new Map<string, HealthPoolGroup>();
  const settingsGroups = new Map<string, HealthSettingsGroup>();
  const positions = new Map<HealthSettingsGroup, Map<string, number>>();
  for (const doc of documents) {
    for (const hp of doc.pools) {
      const pool = ctx.gw.pool(hp.backendAddressPool);
      const key = pool ? 'p:' + idKey(pool.id) : 'r:' + (hp.backendAddressPool ? subKey(hp.backendAddressPool.id) : '?');
      let g = pools.get(key);
      if (!g) {
        g = { key, poolRef: hp.backendAddressPool, pool, name: pool?.name ?? hp.backendAddressPool?.name ?? '(unnamed pool)', settings: [], onDemandOnly: doc.onDemand };
        pools.set(key, g);
      } else if (!doc.onDemand) g.onDemandOnly = false;
      for (const hs of hp.settings) {
        const settings = ctx.gw.settings(hs.backendHttpSettings);
        const sKey = settings ? idKey(settings.id) : hs.backendHttpSettings ? subKey(hs.backendHttpSettings.id) : '?';
        const groupKey = `${key}|${sKey}`;
        let sg = settingsGroups.get(groupKey);
        if (!sg) {
          sg = { settingsRef: hs.backendHttpSettings, settings, servers: [] };
          g.settings.push(sg);
          settingsGroups.set(groupKey, sg);
          positions.set(sg, new Map());
        }
        const at = positions.get(sg)!;
        for (const s of hs.servers) {
          const addr = s.address.trim().toLowerCase();
          const i = addr ? at.get(addr) : undefined;
          if (i !== undefined) sg.servers[i] = s;
          else {
            if (addr) at.set(addr, sg.servers.length);
            sg.servers.push(s);
          }
        }
      }
    }
  }
  return { documents, pools: [...pools.values()] };
}

export const settingsNameOf = (g: HealthSettingsGroup) => g.settings?.name ?? g.settingsRef?.name ?? '(unnamed settings)';

/** Health of the servers probed through these settings (any pool). */
export function serversForSettings(view: HealthView | undefined, settings: BackendHttpSettings): BackendServerHealth[] {
  if (!view) return [];
  const out: BackendServerHealth[] = [];
  for (const p of view.pools) for (const s of p.settings) if (s.settings === settings) out.push(...s.servers);
  return out;
}

/** True when health was given for these settings and every server is Healthy: the probe demonstrably works. */
export function provenHealthy(view: HealthView | undefined, settings: BackendHttpSettings[]): boolean {
  const servers = settings.flatMap((s) => serversForSettings(view, s));
  return servers.length > 0 && servers.every((s) => s.health === 'Healthy');
}

export function healthEvidence(pool: string, settings: string, servers: BackendServerHealth[], max = 20) {
  return servers.slice(0, max).map((s) => ({
    path: `backendHealth.backendAddressPools[${pool}].backendHttpSettingsCollection[${settings}].servers[${s.address}].health`,
    value: s.healthProbeLog ? `${s.health} — ${s.healthProbeLog}` : s.healthProbeErrorName ? `${s.health} — ${s.healthProbeErrorName}` : s.health,
    source: s.source,
  }));
}

// ---------------------------------------------------------------- status code ranges

export interface CodeRange {
  lo: number;
  hi: number;
}

/** `"200-399"`, `"401"`: the probe match syntax (PROBE); invalid entries are skipped. */
export function parseStatusCodes(codes: string[] | undefined): CodeRange[] {
  const list = codes && codes.length ? codes : [DEFAULT_PROBE.statusCodes];
  const out: CodeRange[] = [];
  for (const c of list) {
    const m = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(String(c));
    if (!m) continue;
    const lo = Number(m[1]);
    const hi = m[2] ? Number(m[2]) : lo;
    if (lo <= hi) out.push({ lo, hi });
  }
  return out;
}

export const codeAccepted = (ranges: CodeRange[], code: number) => ranges.some((r) => r.lo <= code && code <= r.hi);

// ---------------------------------------------------------------- commands

/** A probe name not yet taken on the gateway. */
export function freshProbeName(gateway: Gateway, base: string): string {
  const taken = new Set(gateway.probes.map((p) => p.name.toLowerCase()));
  let name = `${base}-probe`;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}-probe${i}`;
  return name;
}

/** PowerShell and az lines that create a custom probe and attach it to settings (keeping the settings' other values). */
export function newProbeCommands(
  gateway: Gateway,
  settings: BackendHttpSettings,
  opts: { protocol: string; path: string; host?: string; pickFromSettings?: boolean; port?: number },
): { powershell: string[]; az: string[] } {
  const name = freshProbeName(gateway, settings.name);
  const rg = gateway.resourceGroup ?? '<resource-group>';
  const arg = (v: string) => (/^<[^>]+>$/.test(v) ? v : q(v));
  const hostPs = opts.pickFromSettings ? ' -PickHostNameFromBackendHttpSettings' : opts.host ? ` -HostName ${arg(opts.host)}` : '';
  const hostAz = opts.pickFromSettings ? ' --host-name-from-http-settings true' : opts.host ? ` --host ${arg(opts.host)}` : '';
  const portPs = opts.port ? ` -Port ${opts.port}` : '';
  const portAz = opts.port ? ` --port ${opts.port}` : '';
  return {
    powershell: [
      `$gw = Get-AzApplicationGateway -Name ${q(gateway.name)} -ResourceGroupName ${q(rg)}`,
      `$gw = Add-AzApplicationGatewayProbeConfig -ApplicationGateway $gw -Name ${q(name)} -Protocol ${opts.protocol}${hostPs} -Path ${arg(opts.path)} -Interval 30 -Timeout 30 -UnhealthyThreshold 3${portPs}`,
      `$probe = Get-AzApplicationGatewayProbeConfig -ApplicationGateway $gw -Name ${q(name)}`,
      `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(settings.name)}`,
      `$s.Probe = New-Object Microsoft.Azure.Commands.Network.Models.PSResourceId -Property @{ Id = $probe.Id }`,
      `Set-AzApplicationGateway -ApplicationGateway $gw`,
    ],
    az: [
      `az network application-gateway probe create -g ${q(rg)} --gateway-name ${q(gateway.name)} -n ${q(name)} --protocol ${opts.protocol}${hostAz} --path ${arg(opts.path)} --interval 30 --timeout 30 --threshold 3${portAz}`,
      `az network application-gateway http-settings update -g ${q(rg)} --gateway-name ${q(gateway.name)} -n ${q(settings.name)} --probe ${q(name)}`,
    ],
  };
}

/** Change properties of an existing probe: PowerShell assignments and az `probe update` arguments. */
export function probeUpdateCommands(gateway: Gateway, probe: Probe, psAssignments: string[], azArgs: string): { powershell: string[]; az: string[] } {
  const rg = gateway.resourceGroup ?? '<resource-group>';
  return {
    powershell: [
      `$gw = Get-AzApplicationGateway -Name ${q(gateway.name)} -ResourceGroupName ${q(rg)}`,
      `$p = Get-AzApplicationGatewayProbeConfig -ApplicationGateway $gw -Name ${q(probe.name)}`,
      ...psAssignments.map((a) => `$p.${a}`),
      `Set-AzApplicationGateway -ApplicationGateway $gw`,
    ],
    az: [`az network application-gateway probe update -g ${q(rg)} --gateway-name ${q(gateway.name)} -n ${q(probe.name)} ${azArgs}`.trim()],
  };
}

/** Change properties of existing settings. */
export function settingsUpdateCommands(gateway: Gateway, settings: BackendHttpSettings[], psAssignments: string[], azArgs: string): { powershell: string[]; az: string[] } {
  const rg = gateway.resourceGroup ?? '<resource-group>';
  const ps = [`$gw = Get-AzApplicationGateway -Name ${q(gateway.name)} -ResourceGroupName ${q(rg)}`];
  const az: string[] = [];
  for (const s of settings) {
    ps.push(`$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`);
    for (const a of psAssignments) ps.push(`$s.${a}`);
    az.push(`az network application-gateway http-settings update -g ${q(rg)} --gateway-name ${q(gateway.name)} -n ${q(s.name)} ${azArgs}`.trim());
  }
  ps.push('Set-AzApplicationGateway -ApplicationGateway $gw');
  return { powershell: ps, az };
}

export function gatewayResource(gateway: Gateway) {
  return { type: 'applicationGateways', name: gateway.name, id: gateway.id };
}
