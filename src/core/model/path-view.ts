/**
 * The request path picture's data: for each listener, frontend IP:port → listener → rule (→ path map →
 * path rule) → HTTP settings → probe (custom or default) → pool → each backend with its health, or a
 * redirect. Routing comes from `requestPaths` (topology.ts); this file only labels the hops and says
 * which are broken. A hop is broken when an error or warning finding's resource id is that hop's id
 * (findings of the probe categories on a settings id mark the probe hop, since the default probe has no
 * id of its own); a backend is broken when backend health says it is down.
 */
import type { ReportFinding } from '../report/contract';
import { idKey, subKey } from './ids';
import { indexGateway, indexNetwork } from './resolve';
import { requestPaths, type RequestPath } from './topology';
import type { BackendAddressPool, BackendHealth, BackendHttpSettings, Gateway, HttpListener, Ref, Workspace } from './types';

export type HopKind = 'frontend' | 'listener' | 'rule' | 'pathMap' | 'pathRule' | 'redirect' | 'settings' | 'probe' | 'pool' | 'backend';

/** ok: nothing said; error/warning: a finding of that severity (or backend health down/unknown); missing: the reference points at nothing. */
export type HopState = 'ok' | 'error' | 'warning' | 'missing';

export interface Hop {
  kind: HopKind;
  /** Resource ids this hop stands for (a frontend hop is the IP configuration and the port). */
  ids: string[];
  /** The object's name (from the input), or an address for a backend. */
  label: string;
  /** A short fact to show under the label: host names, port/protocol, path, health … (from the input). */
  detail?: string;
  /** For probes: true when no custom probe is set (the default probe is used). */
  isDefault?: boolean;
  /** Where the Host header comes from when no fixed name is set: the settings (probe) or the pool member (settings). */
  hostFrom?: 'settings' | 'pool';
  /** Backend health as the input says (Healthy, Unhealthy, Up, Down, Unknown …). */
  health?: string;
  state: HopState;
  /** Indices into report.findings of the findings on this hop (all severities). */
  findings: number[];
}

export interface RouteView {
  /** '*' for a basic rule or the path map's default. */
  paths: string[];
  isDefaultPath: boolean;
  /** pathRule?, then redirect, or settings → probe → pool. */
  hops: Hop[];
  backends: Hop[];
  state: HopState;
}

export interface ListenerView {
  key: string;
  name: string;
  hostNames: string[];
  protocol?: string;
  frontend: Hop;
  listener: Hop;
  rules: { rule: Hop; pathMap?: Hop; routes: RouteView[] }[];
  /** Worst state of any hop under this listener. */
  state: HopState;
  /** Findings that name this listener in `affected` but sit on no hop drawn here (NSG, UDR, DNS …). */
  related: number[];
  /** Everything searchable about the listener (names, hosts, ports, paths, backends), lower-cased. */
  searchText: string;
}

const RANK: Record<HopState, number> = { ok: 0, missing: 1, warning: 2, error: 3 };
export function worst(states: HopState[]): HopState {
  return states.reduce<HopState>((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok');
}

function sameId(a: string, b: string): boolean {
  if (!a || !b) return false;
  const ka = idKey(a);
  const kb = idKey(b);
  if (ka === kb) return true;
  // Inside one gateway, references with a placeholder parent (AGIC) still resolve by collection/name.
  return ka.includes('/') && kb.includes('/') && subKey(a) === subKey(b) && /applicationgateways/.test(ka) && /applicationgateways/.test(kb);
}

const PROBE_CATEGORIES = new Set(['default-probe', 'custom-probe']);

function healthState(health: string | undefined): HopState {
  const h = (health ?? '').toLowerCase();
  if (h === 'healthy' || h === 'up') return 'ok';
  if (h === 'unhealthy' || h === 'down') return 'error';
  if (!h) return 'ok';
  return 'warning';
}

interface HealthServer {
  address: string;
  health: string;
  ipConfiguration?: Ref;
  log?: string;
}

function healthServers(health: BackendHealth[], pool?: BackendAddressPool, poolRef?: Ref, settings?: BackendHttpSettings): HealthServer[] | undefined {
  const poolId = pool?.id ?? poolRef?.id;
  if (!poolId) return undefined;
  const pools = health.flatMap((h) => h.pools).filter((p) => p.backendAddressPool && sameId(p.backendAddressPool.id, poolId));
  if (!pools.length) return undefined;
  const all = pools.flatMap((p) => p.settings);
  const forSettings = settings ? all.filter((s) => s.backendHttpSettings && sameId(s.backendHttpSettings.id, settings.id)) : [];
  const chosen = forSettings.length ? forSettings : all;
  return chosen.flatMap((s) => s.servers.map((v) => ({ address: v.address, health: v.health, ipConfiguration: v.ipConfiguration, log: v.healthProbeLog })));
}

export function buildPathViews(ws: Workspace, gateway: Gateway, findings: ReportFinding[]): ListenerView[] {
  const gw = indexGateway(gateway);
  const net = indexNetwork(ws);
  const health = net.healthOf(gateway);
  const mine = findings.map((f, index) => ({ f, index })).filter(({ f }) => f.gateway === gateway.name);

  const hop = (kind: HopKind, ids: (string | undefined)[], label: string, extra: Partial<Hop> = {}): Hop => {
    const idList = ids.filter((x): x is string => !!x);
    const hits = mine.filter(({ f }) => {
      if (!idList.some((id) => sameId(f.resource.id, id))) return false;
      // Probe-category findings about settings belong on the probe hop.
      if (kind === 'settings' && PROBE_CATEGORIES.has(f.category)) return false;
      return true;
    });
    const state = worst([
      extra.state ?? 'ok',
      ...hits.map(({ f }) => (f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'ok') as HopState),
    ]);
    return { kind, ids: idList, label, ...extra, state, findings: [...(extra.findings ?? []), ...hits.map((h) => h.index)] };
  };

  const probeHop = (p: RequestPath): Hop => {
    const settingsId = p.settings?.id ?? p.settingsRef?.id;
    const probeFindings = mine
      .filter(({ f }) => PROBE_CATEGORIES.has(f.category) && settingsId && sameId(f.resource.id, settingsId))
      .map(({ index }) => index);
    const fromSettings = probeFindings.map((i) => findings[i]);
    const seeded: HopState = worst(fromSettings.map((f) => (f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'ok')));
    if (p.probe) {
      const pr = p.probe;
      const pick = pr.pickHostNameFromBackendHttpSettings === true;
      const detail = `${(pr.protocol ?? p.settings?.protocol ?? '').toLowerCase() || 'http'}://${pick ? '' : pr.host ?? ''}${pr.port ? ':' + pr.port : ''}${pr.path ?? ''}`;
      return hop('probe', [pr.id], pr.name, { detail, hostFrom: pick ? 'settings' : undefined, findings: probeFindings, state: seeded });
    }
    if (p.probeRef) return hop('probe', [p.probeRef.id], p.probeRef.name, { state: worst(['missing', seeded]), findings: probeFindings });
    const proto = (p.settings?.protocol ?? 'http').toLowerCase();
    return hop('probe', [], '', {
      isDefault: true,
      detail: `${proto}://127.0.0.1:${p.settings?.port ?? (proto === 'https' ? 443 : 80)}/`,
      findings: probeFindings,
      state: seeded,
    });
  };

  const backendHops = (p: RequestPath): Hop[] => {
    const pool = p.pool;
    const servers = healthServers(health, pool, p.poolRef, p.settings);
    const used = new Set<HealthServer>();
    const out: Hop[] = [];
    const take = (match: (s: HealthServer) => boolean) => {
      const s = servers?.find((x) => !used.has(x) && match(x));
      if (s) used.add(s);
      return s;
    };
    for (const [i, a] of (pool?.backendAddresses ?? []).entries()) {
      const address = a.ipAddress ?? a.fqdn ?? '';
      const s = take((x) => x.address.toLowerCase() === address.toLowerCase());
      out.push(hop('backend', [`${pool!.id}/backendAddresses/${i}`], address, { health: s?.health, detail: s?.log, state: healthState(s?.health) }));
    }
    for (const ipc of pool?.backendIpConfigurations ?? []) {
      const nic = net.nicOfIpConfiguration(ipc);
      const conf = nic?.ipConfigurations.find((c) => sameId(c.id, ipc.id));
      const address = conf?.privateIpAddress;
      const s = take((x) => (x.ipConfiguration ? sameId(x.ipConfiguration.id, ipc.id) : !!address && x.address === address));
      const label = address ?? s?.address ?? `${nic?.name ?? ipc.id.split('/').slice(-3, -2)[0] ?? ''}/${ipc.name}`;
      out.push(hop('backend', [ipc.id], label, { health: s?.health, detail: s?.log ?? (nic ? nic.name : undefined), state: healthState(s?.health) }));
    }
    // Servers that backend health lists but the pool does not (the paste lost the pool's addresses, or it changed since).
    for (const s of servers ?? []) {
      if (used.has(s)) continue;
      out.push(hop('backend', [], s.address, { health: s.health, detail: s.log, state: healthState(s.health) }));
    }
    return out;
  };

  const byListener = new Map<string, { listener?: HttpListener; ref?: Ref; paths: RequestPath[] }>();
  for (const l of gateway.httpListeners) byListener.set(idKey(l.id), { listener: l, paths: [] });
  for (const p of requestPaths(gateway)) {
    const key = p.listener ? idKey(p.listener.id) : `missing:${idKey(p.listenerRef?.id ?? p.rule.id)}`;
    let entry = byListener.get(key);
    if (!entry) byListener.set(key, (entry = { listener: p.listener, ref: p.listenerRef, paths: [] }));
    entry.paths.push(p);
  }

  const views: ListenerView[] = [];
  for (const [key, entry] of byListener) {
    const l = entry.listener;
    const fip = gw.frontendIp(l?.frontendIpConfiguration);
    const port = gw.frontendPort(l?.frontendPort);
    const pip = net.publicIp(fip?.publicIpAddress);
    const address = fip?.privateIpAddress ?? pip?.ipAddress ?? (fip?.publicIpAddress ? fip.publicIpAddress.name : fip?.name ?? '?');
    const frontend = hop('frontend', [fip?.id, port?.id], `${address}:${port?.port ?? '?'}`, {
      detail: fip ? fip.name : undefined,
      state: l && (!fip || !port) ? 'missing' : 'ok',
    });
    const name = l?.name ?? entry.ref?.name ?? '?';
    const listenerHop = hop('listener', [l?.id ?? entry.ref?.id], name, {
      detail: [l?.protocol, ...(l?.hostNames ?? [])].filter(Boolean).join(' · ') || undefined,
      state: l ? 'ok' : 'missing',
    });

    const rules = new Map<string, { rule: Hop; pathMap?: Hop; routes: RouteView[] }>();
    for (const p of entry.paths) {
      let r = rules.get(p.rule.id);
      if (!r) {
        const ruleHop = hop('rule', [p.rule.id], p.rule.name, {
          detail: [p.rule.ruleType, p.rule.priority !== undefined ? `#${p.rule.priority}` : ''].filter(Boolean).join(' ') || undefined,
        });
        const pathMap = p.rule.urlPathMap
          ? hop('pathMap', [p.urlPathMap?.id ?? p.rule.urlPathMap.id], p.urlPathMap?.name ?? p.rule.urlPathMap.name, { state: p.urlPathMap ? 'ok' : 'missing' })
          : undefined;
        rules.set(p.rule.id, (r = { rule: ruleHop, pathMap, routes: [] }));
      }
      const hops: Hop[] = [];
      if (p.pathRule) hops.push(hop('pathRule', [p.pathRule.id], p.pathRule.name, { detail: p.pathRule.paths.join(', ') }));
      let backends: Hop[] = [];
      if (p.redirectRef) {
        const rd = p.redirect;
        hops.push(hop('redirect', [p.redirectRef.id], p.redirectRef.name, {
          detail: rd ? [rd.redirectType, rd.targetListener?.name ?? rd.targetUrl].filter(Boolean).join(' → ') : undefined,
          state: rd ? 'ok' : 'missing',
        }));
      } else {
        const s = p.settings;
        hops.push(hop('settings', [s?.id ?? p.settingsRef?.id], s?.name ?? p.settingsRef?.name ?? '—', {
          detail: s ? [`${s.protocol ?? '?'}:${s.port ?? '?'}`, `${s.requestTimeout ?? 20}s`, s.hostName ?? ''].filter(Boolean).join(' · ') : undefined,
          hostFrom: s && !s.hostName && s.pickHostNameFromBackendAddress ? 'pool' : undefined,
          state: s ? 'ok' : 'missing',
        }));
        if (s || p.settingsRef) hops.push(probeHop(p));
        const pool = p.pool;
        backends = backendHops(p);
        hops.push(hop('pool', [pool?.id ?? p.poolRef?.id], pool?.name ?? p.poolRef?.name ?? '—', {
          detail: pool ? String(pool.backendAddresses.length + pool.backendIpConfigurations.length) : undefined,
          state: pool ? 'ok' : 'missing',
        }));
      }
      r.routes.push({ paths: p.paths, isDefaultPath: p.isDefaultPath, hops, backends, state: worst([...hops, ...backends].map((h) => h.state)) });
    }

    const ruleList = [...rules.values()];
    const onHops = new Set<number>();
    const allHops = [frontend, listenerHop, ...ruleList.flatMap((r) => [r.rule, ...(r.pathMap ? [r.pathMap] : []), ...r.routes.flatMap((rt) => [...rt.hops, ...rt.backends])])];
    for (const h of allHops) for (const i of h.findings) onHops.add(i);
    const lname = name.toLowerCase();
    const related = mine
      .filter(({ f, index }) => !onHops.has(index) && f.severity !== 'info' && f.affected.some((a) => a.toLowerCase() === lname || a.toLowerCase().startsWith(lname + ' ')))
      .map(({ index }) => index);
    const relatedState = worst(related.map((i) => (findings[i].severity === 'error' ? 'error' : 'warning')));
    const searchText = allHops
      .flatMap((h) => [h.label, h.detail ?? ''])
      .concat(ruleList.flatMap((r) => r.routes.flatMap((rt) => rt.paths)))
      .join(' ')
      .toLowerCase();
    views.push({
      key,
      name,
      hostNames: l?.hostNames ?? [],
      protocol: l?.protocol,
      frontend,
      listener: listenerHop,
      rules: ruleList,
      state: worst([...allHops.map((h) => h.state), relatedState]),
      related,
      searchText,
    });
  }
  return views;
}

/** Listeners whose searchable text holds every word of the query. */
export function searchListeners(views: ListenerView[], query: string): ListenerView[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return views;
  return views.filter((v) => words.every((w) => v.searchText.includes(w)));
}
