/**
 * "Why does this URL fail?": the view-model of one traced request. Pure (no DOM, no Svelte): it asks the
 * routing engine (core/route) which listener, rule, path rule, settings, probe and pool take the URL, cuts
 * the request path picture (core/model/path-view) down to exactly that route, says which hop is broken,
 * which findings lie on the route (findingsOnRoute) and — when no listener takes the URL — why, in terms the
 * view can word in either language. RouteTrace.svelte only renders this.
 */
import type { Locale, ReportFinding } from '../core/report/contract';
import type { Gateway, Workspace } from '../core/model/types';
import { buildPathViews, worst, type Hop, type HopKind, type HopState, type ListenerView } from '../core/model/path-view';
import { indexGateway, indexNetwork } from '../core/model/resolve';
import { routeDetail, findingsOnRoute, type PoolState, type RouteResult, type RouteStep } from '../core/route/route';
import { SHADOWED_MARK, isWildcardHost, parseRequestUrl } from '../core/route/match';
import { frontendKind, ordering, type FrontendKind } from '../core/route/order';

export type Frontend = 'public' | 'private';

/** A URL the user can pick instead of typing: one per listener host name (or frontend IP for a basic listener). */
export interface HostChoice {
  url: string;
  listener: string;
  /** The host name as the listener writes it (a wildcard pattern stays a pattern); '' for a basic listener. */
  pattern: string;
  /** True when `url`'s host is an example standing for a wildcard pattern. */
  example: boolean;
  frontend: FrontendKind;
}

/** Why no listener takes the URL, as data the view words (the engine's own sentence is in the trace). */
export type NoMatch =
  | { reason: 'url'; detail: string }
  | { reason: 'no-frontend'; frontend: Frontend }
  | { reason: 'port'; port: number; served: string[] }
  | { reason: 'protocol'; port: number; scheme: string; served: string[] }
  | { reason: 'host'; port: number; host: string; hosts: string[] };

export type Verdict = 'bad-url' | 'no-listener' | 'redirect' | 'broken' | 'at-risk' | 'ok';

export interface TraceStep extends RouteStep {
  /** A listener that takes the request too but comes later in the order. */
  shadowed: boolean;
}

/**
 * Steps where the gateway picks among candidates (a listener, a rule, a path rule) read "matched / not matched";
 * the others are checks along the chosen path (the URL, settings, probe, pool, backends…): "OK / problem".
 */
const CANDIDATE_STEPS = new Set(['frontend', 'listener', 'rule', 'path-rule', 'default-path']);
export type StepBadge = 'matched' | 'notMatched' | 'shadowed' | 'ok' | 'problem';
export function stepBadge(s: Pick<RouteStep, 'step' | 'matched'> & { shadowed?: boolean }): StepBadge {
  if (s.shadowed) return 'shadowed';
  if (CANDIDATE_STEPS.has(s.step)) return s.matched ? 'matched' : 'notMatched';
  return s.matched ? 'ok' : 'problem';
}

/** A trace step's reason in the app's language: the engine writes each one in English (`why`) and Korean (`whyKo`). */
export function stepReason(s: RouteStep, locale: Locale): string {
  return locale === 'ko' ? s.whyKo : s.why;
}

export interface BrokenHop {
  kind: HopKind;
  label: string;
  state: HopState;
  /** The finding the hop links to (its most severe), an index into report.findings. */
  finding?: number;
}

export interface TracedRequest {
  url: string;
  gateway: string;
  route: RouteResult;
  verdict: Verdict;
  /** The gateway is stopped or failed: every request gets 502 whatever the route. */
  gatewayDown: boolean;
  /** Backend health was not in the input, so whether the backends answer is unknown. */
  healthUnknown: boolean;
  poolState: PoolState;
  noMatch?: NoMatch;
  /** The request path picture cut down to this route (one listener, one rule, one path). */
  picture?: ListenerView;
  broken?: BrokenHop;
  steps: TraceStep[];
  /** Indices into report.findings of the findings on this route, most severe first. */
  findings: number[];
}

const SEV = { error: 0, warning: 1, info: 2 } as const;
const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Which frontends a user may choose between: offered only when the gateway has both. */
export function frontendKinds(gateway: Gateway): { public: boolean; private: boolean } {
  const kinds = gateway.frontendIpConfigurations.map(frontendKind);
  return { public: kinds.includes('public'), private: kinds.includes('private') };
}

/** The gateway (index into workspace.gateways) to trace on: the first whose listeners take the URL, else the first. */
export function pickGateway(ws: Workspace | undefined, url: string, frontend?: Frontend): number {
  const gws = ws?.gateways ?? [];
  if (gws.length < 2 || !url.trim()) return 0;
  const i = gws.findIndex((g) => routeDetail(ws!, g, url, { frontend, trace: false, stopAtListener: true }).winner);
  return i < 0 ? 0 : i;
}

/** An example host for a wildcard pattern (`*.contoso.com` → `www.contoso.com`): the choice says it is one. */
function exampleHost(pattern: string): string {
  return pattern.replace(/\*/g, 'www').replace(/\?/g, 'a');
}

function urlFor(protocol: string, host: string, port: number | undefined): string {
  const scheme = protocol.toLowerCase() === 'https' ? 'https' : 'http';
  const dflt = scheme === 'https' ? 443 : 80;
  return `${scheme}://${host}${port !== undefined && port !== dflt ? `:${port}` : ''}/`;
}

/** One URL per listener host name, in listener order; a basic listener gets its frontend IP address when known. */
export function hostChoices(ws: Workspace, gateway: Gateway): HostChoice[] {
  const gw = indexGateway(gateway);
  const net = indexNetwork(ws);
  const out: HostChoice[] = [];
  const seen = new Set<string>();
  const push = (c: HostChoice) => {
    const key = `${c.url}|${c.frontend}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  };
  for (const l of gateway.httpListeners) {
    if (!l.protocol || !/^https?$/i.test(l.protocol)) continue;
    const fe = gw.frontendIp(l.frontendIpConfiguration);
    const kind = frontendKind(fe);
    const port = gw.frontendPort(l.frontendPort)?.port;
    if (l.hostNames.length) {
      for (const h of l.hostNames) {
        const host = h.trim().toLowerCase().replace(/\.$/, '');
        if (!host) continue;
        const wild = isWildcardHost(host);
        push({ url: urlFor(l.protocol, wild ? exampleHost(host) : host, port), listener: l.name, pattern: h, example: wild, frontend: kind });
      }
    } else {
      const address = fe?.privateIpAddress ?? net.publicIp(fe?.publicIpAddress)?.ipAddress;
      if (address) push({ url: urlFor(l.protocol, address.includes(':') ? `[${address}]` : address, port), listener: l.name, pattern: '', example: false, frontend: kind });
    }
  }
  return out;
}

/** Why no listener takes the request, from the same ordering the engine uses. */
export function noMatchOf(gateway: Gateway, url: string, frontend?: Frontend): NoMatch {
  const parsed = parseRequestUrl(url);
  if (!parsed.ok) return { reason: 'url', detail: parsed.why };
  const req = parsed.request;
  if (frontend && !frontendKinds(gateway)[frontend]) return { reason: 'no-frontend', frontend };
  const usable = ordering(gateway).candidates.filter((c) => c.listener && c.port !== undefined && (!frontend || c.frontendKind === frontend || c.frontendKind === 'unknown'));
  const onPort = usable.filter((c) => c.port === req.port);
  const served = (cs: typeof usable) => [...new Set(cs.map((c) => `${c.port}/${c.listener!.protocol ?? '?'}`))];
  if (!onPort.length) return { reason: 'port', port: req.port, served: served(usable) };
  const withScheme = onPort.filter((c) => c.protocol === req.scheme);
  if (!withScheme.length) return { reason: 'protocol', port: req.port, scheme: req.scheme, served: served(onPort) };
  return { reason: 'host', port: req.port, host: req.host, hosts: [...new Set(withScheme.flatMap((c) => c.listener!.hostNames))] };
}

/** The route's own listener → rule → path → settings → probe → pool → backends, out of the full picture. */
function cutPicture(views: ListenerView[], route: RouteResult, poolState: PoolState): ListenerView | undefined {
  const v = views.find((x) => same(x.name, route.listener));
  if (!v) return undefined;
  const r = v.rules.find((x) => same(x.rule.label, route.rule));
  if (!r) return { ...v, rules: [], related: [] };
  let routes = r.routes;
  if (r.pathMap) {
    routes = route.pathRule
      ? routes.filter((rt) => rt.hops[0]?.kind === 'pathRule' && same(rt.hops[0].label, route.pathRule))
      : routes.filter((rt) => rt.isDefaultPath);
  }
  routes = routes.slice(0, 1).map((rt) => {
    // An empty pool is where the gateway answers 502, finding or not.
    if (poolState !== 'empty') return rt;
    const hops = rt.hops.map((h): Hop => (h.kind === 'pool' ? { ...h, state: worst([h.state, 'error']) } : h));
    return { ...rt, hops, state: worst([...hops, ...rt.backends].map((h) => h.state)) };
  });
  const rules = [{ ...r, routes }];
  const hops = [v.frontend, v.listener, r.rule, ...(r.pathMap ? [r.pathMap] : []), ...routes.flatMap((rt) => [...rt.hops, ...rt.backends])];
  return { ...v, rules, related: [], state: worst(hops.map((h) => h.state)) };
}

/** The first hop, in request order, that is broken (error), else at risk (warning / missing); backends last. */
function brokenHop(p: ListenerView, findings: ReportFinding[]): BrokenHop | undefined {
  const r = p.rules[0];
  const rt = r?.routes[0];
  const hops = [p.frontend, p.listener, ...(r ? [r.rule] : []), ...(r?.pathMap ? [r.pathMap] : []), ...(rt?.hops ?? [])];
  const backends = rt?.backends ?? [];
  const allDown = backends.length > 0 && backends.every((b) => b.state === 'error');
  for (const want of ['error', 'missing', 'warning'] as const) {
    const h = hops.find((x) => x.state === want) ?? (want === 'error' && allDown ? backends[0] : undefined);
    if (h) return { kind: h.kind, label: h.label, state: h.state, finding: mainFinding(h, findings) };
  }
  const partly = backends.find((b) => b.state !== 'ok');
  return partly ? { kind: partly.kind, label: partly.label, state: partly.state, finding: mainFinding(partly, findings) } : undefined;
}

function mainFinding(h: Hop, findings: ReportFinding[]): number | undefined {
  return [...h.findings].sort((a, b) => SEV[findings[a].severity] - SEV[findings[b].severity])[0];
}

/** Traces `url` on `gateway` and says what the view shows. Never throws on bad input. */
export function traceRequest(ws: Workspace, gateway: Gateway, findings: ReportFinding[], url: string, frontend?: Frontend): TracedRequest {
  const detail = routeDetail(ws, gateway, url, { frontend, trace: true });
  const route = detail.result;
  const steps = route.trace.map((s) => ({ ...s, shadowed: s.step === 'listener' && !s.matched && s.why.endsWith(SHADOWED_MARK) }));
  const gatewayDown = route.trace.some((s) => s.step === 'gateway' && !s.matched);
  const index = new Map(findings.map((f, i) => [f, i]));
  const onRoute = findingsOnRoute(findings, route, gateway)
    .map((f) => index.get(f)!)
    .sort((a, b) => SEV[findings[a].severity] - SEV[findings[b].severity] || a - b);
  const base = { url, gateway: gateway.name, route, gatewayDown, healthUnknown: detail.poolState === 'unknown-health', poolState: detail.poolState, steps, findings: onRoute };

  if (!detail.request) return { ...base, verdict: 'bad-url', noMatch: noMatchOf(gateway, url, frontend) };
  if (!route.listener) return { ...base, verdict: 'no-listener', noMatch: noMatchOf(gateway, url, frontend) };

  const picture = cutPicture(buildPathViews(ws, gateway, findings), route, detail.poolState);
  const broken = picture ? brokenHop(picture, findings) : undefined;
  let verdict: Verdict;
  if (route.redirect && !broken) verdict = 'redirect';
  // An error finding on the route (an NSG, a route table, a trap …) is a 502 cause on it even when no hop shows it.
  else if (gatewayDown || broken?.state === 'error' || detail.poolState === 'empty' || detail.poolState === 'all-unhealthy' || onRoute.some((i) => findings[i].severity === 'error')) verdict = 'broken';
  else if (broken || detail.poolState === 'missing' || onRoute.some((i) => findings[i].severity === 'warning')) verdict = 'at-risk';
  else verdict = 'ok';
  return { ...base, verdict, picture, broken };
}
