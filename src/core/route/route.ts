/**
 * Offline request routing: which listener, rule, path rule, settings, probe, pool and backends serve a URL,
 * with a trace of every decision (azure-facts.md §7: "match frontend IP/port and protocol, then host, then
 * rule, then path map"). Never throws on bad input: an unusable URL is a result whose trace says why.
 *
 * The ordering-trap rules (src/core/rules/route-*.ts) ask this same engine where a shadowed listener's
 * requests go, so a finding and a route never disagree.
 */
import { idKey } from '../model/ids';
import { indexGateway, indexNetwork } from '../model/resolve';
import type {
  BackendAddressPool, BackendHttpSettings, BackendServerHealth, Gateway, PathRule, RedirectConfiguration, Ref, UrlPathMap, Workspace,
} from '../model/types';
import { DEFAULT_PROBE, SHADOWED_MARK, WILDCARD_ASSUMPTION, decodePath, normalizedHostMatches, isWildcardHost, parseRequestUrl, pathMatches, type ParsedRequest } from './match';
import { ordering, placeOf, type Candidate, type Ordering, type RouteGeneration } from './order';

export interface RouteStep {
  step: string;
  candidate: string;
  matched: boolean;
  why: string;
}

export interface RouteBackend {
  address: string;
  health: string | null;
}

export interface RouteResult {
  url: string;
  listener: string | null;
  rule: string | null;
  pathRule: string | null;
  redirect: string | null;
  settings: string | null;
  probe: string | null;
  pool: string | null;
  backends: RouteBackend[];
  trace: RouteStep[];
  findings?: never;
}

export interface RouteOptions {
  /** Which frontend IP the request arrives on; all are considered when absent. */
  frontend?: 'public' | 'private';
}

/** Options for callers inside core (the ordering-trap rules). */
export interface RouteAsOptions extends RouteOptions {
  /** Route as this SKU generation instead of the gateway's own (or assumed) one. */
  generation?: RouteGeneration;
  /** Build the trace (default true). Rules turn it off on big gateways. */
  trace?: boolean;
  /** Stop once the listener is chosen (rules asking only "who takes this host?"). */
  stopAtListener?: boolean;
}

/**
 * What the target of a route does with requests: `empty` (no addresses, no NIC IP configurations) and
 * `all-unhealthy` (every backend Unhealthy in backend health) mean 502; `none` = a redirect or no route.
 */
export type PoolState = 'empty' | 'all-unhealthy' | 'serving' | 'unknown-health' | 'missing' | 'none';

export interface RouteDetail {
  result: RouteResult;
  ordering: Ordering;
  request?: ParsedRequest;
  winner?: Candidate;
  /** The listener host name that took the request (undefined for a basic listener). */
  winnerPattern?: string;
  /** Candidates that match too but come later in the order. */
  alsoMatching: Candidate[];
  urlPathMap?: UrlPathMap;
  pathRule?: PathRule;
  redirect?: RedirectConfiguration;
  settings?: BackendHttpSettings;
  pool?: BackendAddressPool;
  poolState: PoolState;
  /** True when the winner depends on an order the docs do not state (see the trace's `order` step). */
  uncertain: boolean;
}

export { DEFAULT_PROBE };
export { SHADOWED_MARK };
export { findingsOnRoute, type FindingLike } from './on-route';

export class Tracer {
  readonly steps: RouteStep[] = [];
  constructor(readonly on: boolean) {}
  add(step: string, candidate: string, matched: boolean, why: string | (() => string)): void {
    if (this.on) this.steps.push({ step, candidate, matched, why: typeof why === 'function' ? why() : why });
  }
}

/** Which listener, rule and backends take `url` on `gateway`, with the trace of every decision. */
export function routeRequest(workspace: Workspace, gateway: Gateway, url: string, options: RouteOptions = {}): RouteResult {
  return routeDetail(workspace, gateway, url, { frontend: options.frontend, trace: true }).result;
}

export function routeDetail(workspace: Workspace, gateway: Gateway, url: string, options: RouteAsOptions = {}): RouteDetail {
  const t = new Tracer(options.trace !== false);
  const ord = ordering(gateway, options.generation);
  const result: RouteResult = { url, listener: null, rule: null, pathRule: null, redirect: null, settings: null, probe: null, pool: null, backends: [], trace: t.steps };
  const detail: RouteDetail = { result, ordering: ord, alsoMatching: [], poolState: 'none', uncertain: ord.generationAssumed };

  const parsed = parseRequestUrl(url);
  if (!parsed.ok) {
    t.add('url', url, false, `${parsed.why}; nothing can be routed`);
    return detail;
  }
  const req = parsed.request;
  detail.request = req;
  t.add('url', url, true, parsed.why);

  if (/^stopped$/i.test(gateway.operationalState ?? '') || /^failed$/i.test(gateway.provisioningState ?? '')) {
    t.add('gateway', gateway.name, false, `operationalState ${gateway.operationalState ?? '?'}, provisioningState ${gateway.provisioningState ?? '?'}: the gateway answers 502 to every request whatever the rules say (GUIDE-2026 step 1); the route below is what it would do once running`);
  }

  // v2 decodes percent-encoded paths before routing (azure-facts.md §7).
  let path = req.path;
  if (path.includes('%')) {
    if (ord.generation === 'v2') {
      const d = decodePath(path);
      if (d.ok) {
        t.add('decode', req.path, true, `v2 decodes percent-encoded paths before routing: ${req.path} is matched as ${d.path}`);
        path = d.path;
      } else t.add('decode', req.path, false, `v2 decodes paths before routing, but ${req.path} has a malformed %-sequence: matched as sent`);
    } else {
      t.add('decode', req.path, false, 'v1: the path is matched as sent (decoding before routing is documented for v2 only)');
    }
  }

  frontendStep(t, gateway, options.frontend);
  t.add('order', ord.mode, true, ord.notes.join('; '));

  const list = t.on ? ord.candidates : ord.byPort.get(req.port) ?? [];
  for (const c of list) {
    const m = matchCandidate(c, req, options.frontend);
    const name = listenerName(c);
    if (!detail.winner && m.ok) {
      detail.winner = c;
      detail.winnerPattern = m.pattern;
      t.add('listener', name, true, () => `${ruleLabel(c, ord)}: ${m.why()}`);
    } else if (m.ok) {
      detail.alsoMatching.push(c);
      t.add('listener', name, false, () => `${ruleLabel(c, ord)}: ${m.why()} — but ${listenerName(detail.winner!)} (rule ${detail.winner!.rule.name}, ${placeOf(detail.winner!, ord.mode)}) ${SHADOWED_MARK}`);
    } else {
      t.add('listener', name, false, () => `${ruleLabel(c, ord)}: ${m.why()}`);
    }
  }

  const winner = detail.winner;
  if (winner && detail.alsoMatching.length && (ord.mode === 'v2-multisite-first' || ord.mode === 'v2-mixed')) {
    const next = detail.alsoMatching[0];
    if (winner.basic === next.basic && winner.rule.priority === undefined && next.rule.priority === undefined) {
      detail.uncertain = true;
      t.add('order', 'uncertain', false, `${listenerName(winner)} and ${listenerName(next)} are both ${winner.basic ? 'basic' : 'multi-site'} listeners without rule priorities: which one v2 evaluates first is not documented (listed order assumed); give the rules priorities to make it certain`);
    }
  }
  if (ord.generationAssumed && ord.mode === 'v2-multisite-first') {
    const v1 = routeDetail(workspace, gateway, url, { frontend: options.frontend, generation: 'v1', trace: false });
    if (v1.winner?.rule !== winner?.rule) {
      t.add('order', 'v1', false, v1.winner
        ? `if this gateway is v1 (SKU not shown), rule ${v1.winner.rule.name} (listener ${listenerName(v1.winner)}) would take this request instead`
        : 'if this gateway is v1 (SKU not shown), no listener would take this request');
    }
  }

  if (!winner) {
    t.add('listener', '(none)', false, () => noListenerWhy(ord, req, options.frontend));
    return detail;
  }

  if (options.stopAtListener) return detail;
  result.listener = listenerName(winner);
  result.rule = winner.rule.name;
  const ix = indexGateway(gateway);
  const rule = winner.rule;
  let target: Target;
  const type = rule.ruleType ?? (rule.urlPathMap ? 'PathBasedRouting' : 'Basic');
  if (rule.urlPathMap || /^pathbasedrouting$/i.test(type)) {
    const map = ix.urlPathMap(rule.urlPathMap);
    t.add('rule', rule.name, true, `${type}: URL path map ${rule.urlPathMap?.name ?? '(none)'}`);
    if (!map) {
      t.add('path-map', rule.urlPathMap?.name ?? '(none)', false, rule.urlPathMap ? `URL path map ${rule.urlPathMap.name} is referenced but not in the gateway: nothing to route by` : 'the rule names no URL path map');
      detail.poolState = 'missing';
      return detail;
    }
    detail.urlPathMap = map;
    const pm = evaluatePathMap(map, path, ord.generation, t);
    detail.pathRule = pm.pathRule;
    result.pathRule = pm.pathRule?.name ?? null;
    target = pm.target;
  } else {
    target = { poolRef: rule.backendAddressPool, settingsRef: rule.backendHttpSettings, redirectRef: rule.redirectConfiguration };
    const unknownType = /^basic$/i.test(type) ? '' : ` (rule type ${type} is not modelled here: read as Basic)`;
    t.add('rule', rule.name, true, rule.redirectConfiguration
      ? `Basic${unknownType}: redirect ${rule.redirectConfiguration.name}`
      : `Basic${unknownType}: backend pool ${rule.backendAddressPool?.name ?? '(none)'} with backend settings ${rule.backendHttpSettings?.name ?? '(none)'}`);
  }
  followTarget(workspace, gateway, target, detail, t);
  return detail;
}

export interface Target {
  poolRef?: Ref;
  settingsRef?: Ref;
  redirectRef?: Ref;
}

/** Path rules in the order listed, first match wins regardless of specificity; else the map's default. */
export function evaluatePathMap(map: UrlPathMap, path: string, generation: RouteGeneration, t: Tracer = new Tracer(false)): { pathRule?: PathRule; target: Target } {
  t.add('path-map', map.name, true, `${map.pathRules.length} path rule(s), tried in the order listed; the first match wins regardless of specificity; paths compare case-insensitively`);
  for (const pr of map.pathRules) {
    const tries = pr.paths.map((p) => pathMatches(p, path, generation));
    const hit = tries.find((m) => m.matched);
    if (hit) {
      t.add('path-rule', pr.name, true, hit.why);
      return { pathRule: pr, target: { poolRef: pr.backendAddressPool, settingsRef: pr.backendHttpSettings, redirectRef: pr.redirectConfiguration } };
    }
    t.add('path-rule', pr.name, false, () => (tries.length ? tries.map((m) => m.why).join('; ') : 'no paths'));
  }
  const def = map.defaultRedirectConfiguration
    ? `default redirect ${map.defaultRedirectConfiguration.name}`
    : `default backend pool ${map.defaultBackendAddressPool?.name ?? '(none)'} with backend settings ${map.defaultBackendHttpSettings?.name ?? '(none)'}`;
  t.add('default-path', map.name, true, `no path rule takes ${path}: the map's ${def}`);
  return { target: { poolRef: map.defaultBackendAddressPool, settingsRef: map.defaultBackendHttpSettings, redirectRef: map.defaultRedirectConfiguration } };
}

/** Where a target leads (settings, probe, pool, backends with health), without a trace. */
export function followTargetDetail(ws: Workspace, gateway: Gateway, target: Target): Pick<RouteDetail, 'redirect' | 'settings' | 'pool' | 'poolState'> & { result: RouteResult } {
  const result: RouteResult = { url: '', listener: null, rule: null, pathRule: null, redirect: null, settings: null, probe: null, pool: null, backends: [], trace: [] };
  const detail: RouteDetail = { result, ordering: ordering(gateway), alsoMatching: [], poolState: 'none', uncertain: false };
  followTarget(ws, gateway, target, detail, new Tracer(false));
  return detail;
}

function followTarget(ws: Workspace, gateway: Gateway, target: Target, detail: RouteDetail, t: Tracer): void {
  const ix = indexGateway(gateway);
  const result = detail.result;
  if (target.redirectRef) {
    const r = ix.redirect(target.redirectRef);
    result.redirect = target.redirectRef.name;
    detail.redirect = r;
    detail.poolState = 'none';
    if (!r) {
      t.add('redirect', target.redirectRef.name, false, `redirect configuration ${target.redirectRef.name} is referenced but not in the gateway`);
      return;
    }
    const to = r.targetListener ? `listener ${r.targetListener.name}` : r.targetUrl ? r.targetUrl : '(no target)';
    t.add('redirect', r.name, true, `${r.redirectType ?? 'redirect'} to ${to}${r.includePath ? ', path included' : ''}${r.includeQueryString ? ', query string included' : ''}: the gateway answers with the redirect and no backend is involved`);
    return;
  }

  let settings: BackendHttpSettings | undefined;
  if (target.settingsRef) {
    settings = ix.settings(target.settingsRef);
    result.settings = target.settingsRef.name;
    detail.settings = settings;
    t.add('settings', target.settingsRef.name, !!settings, () => settings
      ? `${settings.protocol ?? '?'} to port ${settings.port ?? '?'}, request time-out ${settings.requestTimeout ?? 20} s${settings.requestTimeout === undefined ? ' (default)' : ''}`
      : `backend settings ${target.settingsRef!.name} are referenced but not in the gateway`);
    if (settings) {
      if (settings.probe) {
        const p = ix.probe(settings.probe);
        result.probe = settings.probe.name;
        t.add('probe', settings.probe.name, !!p, () => p
          ? `custom probe: ${p.protocol ?? '?'} ${p.pickHostNameFromBackendHttpSettings ? '(host from the settings)' : p.host ?? '?'} ${p.path ?? '?'} every ${p.interval ?? '?'} s`
          : `probe ${settings!.probe!.name} is referenced but not in the gateway`);
      } else {
        result.probe = DEFAULT_PROBE;
        t.add('probe', DEFAULT_PROBE, true, `no custom probe: GET ${(settings.protocol ?? 'http').toLowerCase()}://127.0.0.1:${settings.port ?? '?'}/ every 30 s, healthy on 200–399`);
      }
    }
  } else {
    t.add('settings', '(none)', false, 'this route names no backend settings');
  }

  if (!target.poolRef) {
    t.add('pool', '(none)', false, 'this route names no backend pool: nothing can serve it');
    detail.poolState = 'missing';
    return;
  }
  const pool = ix.pool(target.poolRef);
  result.pool = target.poolRef.name;
  detail.pool = pool;
  if (!pool) {
    t.add('pool', target.poolRef.name, false, `backend pool ${target.poolRef.name} is referenced but not in the gateway`);
    detail.poolState = 'missing';
    return;
  }
  const n = pool.backendAddresses.filter((a) => a.ipAddress || a.fqdn).length;
  const nics = pool.backendIpConfigurations.length;
  const blank = pool.blankAddresses ? `, ${pool.blankAddresses} blank entr${pool.blankAddresses === 1 ? 'y' : 'ies'}` : '';
  t.add('pool', pool.name, n + nics > 0, `${n} address(es), ${nics} NIC IP configuration(s)${blank}`);

  const b = backendsOf(ws, gateway, pool, settings?.name ?? target.settingsRef?.name);
  result.backends = b.backends;
  if (n + nics === 0) {
    detail.poolState = 'empty';
    t.add('backends', pool.name, false, 'the pool is empty (no addresses, no NIC IP configurations): the gateway answers 502 Bad Gateway (guide cause 5)');
    return;
  }
  const known = b.backends.filter((x) => x.health !== null);
  const unhealthy = known.filter((x) => /^unhealthy$/i.test(x.health!));
  if (!b.healthKnown) {
    detail.poolState = 'unknown-health';
    t.add('backends', pool.name, true, `${b.backends.length} backend(s); backend health not supplied, so whether they answer is unknown (az network application-gateway show-backend-health -g ${gateway.resourceGroup ?? '<resource-group>'} -n ${gateway.name})`);
  } else if (b.backends.length > 0 && unhealthy.length === b.backends.length) {
    detail.poolState = 'all-unhealthy';
    t.add('backends', pool.name, false, `all ${b.backends.length} backend(s) are Unhealthy in backend health: the gateway answers 502 Bad Gateway (guide cause 6)`);
  } else {
    detail.poolState = 'serving';
    const counts = new Map<string, number>();
    for (const x of b.backends) counts.set(x.health ?? 'not in backend health', (counts.get(x.health ?? 'not in backend health') ?? 0) + 1);
    t.add('backends', pool.name, true, `${b.backends.length} backend(s): ${[...counts].map(([h, c]) => `${c} ${h}`).join(', ')}`);
  }
}

// ---------------------------------------------------------------- candidates

interface CandidateMatch {
  ok: boolean;
  pattern?: string;
  why: () => string;
}

function matchCandidate(c: Candidate, req: ParsedRequest, frontend: 'public' | 'private' | undefined): CandidateMatch {
  if (!c.listener) return { ok: false, why: () => `listener ${c.rule.httpListener?.name ?? '(none)'} is not in the gateway` };
  if (frontend && c.frontendKind !== frontend && c.frontendKind !== 'unknown') {
    return { ok: false, why: () => `on the ${c.frontendKind} frontend${c.frontend ? ` ${c.frontend.name}` : ''}, not the ${frontend} one` };
  }
  const feNote = frontend && c.frontendKind === 'unknown' ? ` (its frontend IP ${c.listener.frontendIpConfiguration?.name ?? '(none)'} cannot be told public or private: kept)` : '';
  if (c.port === undefined) return { ok: false, why: () => `its frontend port ${c.listener!.frontendPort?.name ?? '(none)'} has no known port number` };
  if (c.port !== req.port) return { ok: false, why: () => `port ${c.port}, not ${req.port}` };
  if (!c.protocol) return { ok: false, why: () => 'the listener has no protocol in the input' };
  if (c.protocol !== req.scheme) return { ok: false, why: () => `port ${c.port} with ${c.listener!.protocol}, not ${req.scheme}` };
  const head = `port ${c.port} ${c.listener.protocol}${feNote}`;
  if (c.basic) return { ok: true, why: () => `${head}; basic listener (no host name): takes any host` };
  for (const h of c.hosts) {
    if (normalizedHostMatches(h, req.host)) {
      return {
        ok: true,
        pattern: h,
        why: () => isWildcardHost(h) ? `${head}; host ${req.host} matches wildcard ${h} (${WILDCARD_ASSUMPTION})` : `${head}; host ${req.host} = ${h}`,
      };
    }
  }
  return { ok: false, why: () => `${head}; host ${req.host} is not among ${c.hosts.join(', ')}` };
}

function listenerName(c: Candidate): string {
  return c.listener?.name ?? c.rule.httpListener?.name ?? `(listener of ${c.rule.name})`;
}

function ruleLabel(c: Candidate, ord: Ordering): string {
  return `rule ${c.rule.name} (${placeOf(c, ord.mode)})`;
}

function frontendStep(t: Tracer, gateway: Gateway, frontend: 'public' | 'private' | undefined): void {
  if (!t.on) return;
  const pub = gateway.frontendIpConfigurations.filter((f) => f.publicIpAddress).map((f) => f.name);
  const priv = gateway.frontendIpConfigurations.filter((f) => !f.publicIpAddress && (f.privateIpAddress || f.subnet)).map((f) => f.name);
  const list = `public: ${pub.join(', ') || 'none'}; private: ${priv.join(', ') || 'none'}`;
  if (!frontend) {
    t.add('frontend', 'all', true, `frontend not given: listeners on every frontend IP are considered (${list}); a real request arrives on one of them — pass --frontend public|private to be exact`);
    return;
  }
  const names = frontend === 'public' ? pub : priv;
  t.add('frontend', frontend, names.length > 0, names.length
    ? `only listeners on the ${frontend} frontend IP (${names.join(', ')}) are considered`
    : `this gateway has no ${frontend} frontend IP configuration (${list}): no listener can take the request there`);
}

function noListenerWhy(ord: Ordering, req: ParsedRequest, frontend: 'public' | 'private' | undefined): string {
  const onPort = (ord.byPort.get(req.port) ?? []).filter((c) => c.listener && (!frontend || c.frontendKind === frontend || c.frontendKind === 'unknown'));
  const ports = [...new Set(ord.candidates.filter((c) => c.port !== undefined).map((c) => `${c.port}/${c.listener?.protocol ?? '?'}`))];
  let why: string;
  if (!onPort.length) why = `no listener${frontend ? ` on the ${frontend} frontend` : ''} uses port ${req.port} (listeners: ${ports.join(', ') || 'none'})`;
  else if (!onPort.some((c) => c.protocol === req.scheme)) why = `port ${req.port} is served with ${[...new Set(onPort.map((c) => c.listener!.protocol))].join('/')}, not ${req.scheme}`;
  else why = `no listener on port ${req.port} takes host ${req.host} and there is no basic listener (one without host names) there`;
  return `${why}: no rule takes this request, so it never reaches a backend`;
}

// ---------------------------------------------------------------- backends and health

type HealthIndex = Map<string, Map<string, BackendServerHealth[]>>;
const healthCache = new WeakMap<Workspace, WeakMap<Gateway, HealthIndex | null>>();

function healthIndex(ws: Workspace, gateway: Gateway): HealthIndex | null {
  let perGw = healthCache.get(ws);
  if (!perGw) healthCache.set(ws, (perGw = new WeakMap()));
  const hit = perGw.get(gateway);
  if (hit !== undefined) return hit;
  const docs = indexNetwork(ws).healthOf(gateway);
  let out: HealthIndex | null = null;
  if (docs.length) {
    out = new Map();
    for (const d of docs) {
      for (const p of d.pools) {
        const pk = (p.backendAddressPool?.name ?? '').toLowerCase();
        let bySettings = out.get(pk);
        if (!bySettings) out.set(pk, (bySettings = new Map()));
        for (const s of p.settings) {
          const sk = (s.backendHttpSettings?.name ?? '').toLowerCase();
          if (!bySettings.has(sk)) bySettings.set(sk, s.servers);
        }
      }
    }
  }
  perGw.set(gateway, out);
  return out;
}

/** A pool's members (addresses and NIC IP configurations) with their health under `settings`, when known. */
export function backendsOf(ws: Workspace, gateway: Gateway, pool: BackendAddressPool, settings: string | undefined): { backends: RouteBackend[]; healthKnown: boolean } {
  const hx = healthIndex(ws, gateway);
  const bySettings = hx?.get(pool.name.toLowerCase());
  const servers = bySettings ? bySettings.get((settings ?? '').toLowerCase()) ?? (bySettings.size === 1 && bySettings.has('') ? bySettings.get('') : undefined) : undefined;
  const byAddress = new Map<string, BackendServerHealth>();
  const byIpConfig = new Map<string, BackendServerHealth>();
  for (const s of servers ?? []) {
    byAddress.set(s.address.trim().toLowerCase(), s);
    if (s.ipConfiguration) byIpConfig.set(idKey(s.ipConfiguration.id), s);
  }
  const backends: RouteBackend[] = [];
  for (const a of pool.backendAddresses) {
    const address = (a.ipAddress ?? a.fqdn ?? '').trim();
    if (!address) continue;
    backends.push({ address, health: byAddress.get(address.toLowerCase())?.health ?? null });
  }
  const net = indexNetwork(ws);
  for (const ref of pool.backendIpConfigurations) {
    const nic = net.nicOfIpConfiguration(ref);
    const cfg = nic?.ipConfigurations.find((c) => idKey(c.id) === idKey(ref.id));
    const m = /\/networkInterfaces\/([^/]+)\/ipConfigurations\/([^/]+)/i.exec(ref.id);
    const address = cfg?.privateIpAddress ?? (m ? `${m[1]}/${m[2]}` : ref.name);
    const h = byIpConfig.get(idKey(ref.id)) ?? (cfg?.privateIpAddress ? byAddress.get(cfg.privateIpAddress.toLowerCase()) : undefined);
    backends.push({ address, health: h?.health ?? null });
  }
  return { backends, healthKnown: servers !== undefined };
}
